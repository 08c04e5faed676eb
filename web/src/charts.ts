import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { Stats } from './api.ts';
import { type Language, label, t } from './i18n.ts';

// Only the charts the page draws, so the bundle stays small; canvas, so no inline styles the CSP refuses.
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

const COLOURS = ['#b91c1c', '#1d4ed8', '#047857', '#b45309', '#6d28d9', '#0e7490', '#4b5563'];
// Tooltips as rich text in the canvas: ECharts' HTML tooltips carry style attributes a strict CSP blocks.
const TOOLTIP = { trigger: 'axis' as const, renderMode: 'richText' as const };

function chartIn(id: string) {
  const element = document.getElementById(id) as HTMLElement;
  return echarts.getInstanceByDom(element) ?? echarts.init(element, undefined, { renderer: 'canvas' });
}

export function drawTrend(language: Language, months: readonly string[], stats: Stats) {
  const byKey = new Map(stats.rows.map((row) => [row.key, row.figures]));
  const series = (['received', 'closed', 'consultations'] as const).map((name) => ({
    name: t(language, name),
    type: 'line' as const,
    smooth: false,
    data: months.map((m) => Number(byKey.get(m)?.[name] ?? 0)),
  }));
  chartIn('chart-trend').setOption(
    {
      color: COLOURS,
      tooltip: TOOLTIP,
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 24 },
      xAxis: { type: 'category', data: [...months] },
      yAxis: { type: 'value', minInterval: 1 },
      series,
    },
    true,
  );
}

/** A breakdown as horizontal bars, largest first. */
export function drawBreakdown(id: string, language: Language, counts: Readonly<Record<string, number>>) {
  const entries = Object.entries(counts).sort((a, b) => a[1] - b[1]);
  chartIn(id).setOption(
    {
      color: COLOURS,
      tooltip: TOOLTIP,
      grid: { left: 120, right: 24, top: 8, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: entries.map(([key]) => label(language, key)) },
      series: [{ type: 'bar', data: entries.map(([, n]) => n), label: { show: true, position: 'right' } }],
    },
    true,
  );
}

export function resizeCharts() {
  for (const id of ['chart-trend', 'chart-category', 'chart-origin', 'chart-post']) {
    echarts.getInstanceByDom(document.getElementById(id) as HTMLElement)?.resize();
  }
}
