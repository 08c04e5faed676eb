import type { Figures } from './figures.ts';
import type { StatsAnswer } from './model.ts';

/**
 * GET /stats as CSV: the same table, one row per key and a totals row, every figure a column (nested ones
 * as `closedByManner.WITHDRAWN`). UTF-8 with a byte-order mark, CRLF line ends: Excel, which most
 * federation offices open it in, reads Chinese keys right only with the mark.
 */

const BOM = '\uFEFF';

function flatten(figures: Figures): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, value] of Object.entries(figures)) {
    if (value !== null && typeof value === 'object') {
      for (const [inner, v] of Object.entries(value as Record<string, number>))
        out.push([`${name}.${inner}`, String(v)]);
    } else out.push([name, value === null ? '' : String(value)]);
  }
  return out;
}

/** A cell quoted when it holds a separator, a quote or a line end; a leading = + - @ is neutralised. */
function cell(value: string): string {
  const safe = /^[=+\-@]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function statsCsv(answer: StatsAnswer): string {
  const header = [answer.groupBy, ...flatten(answer.totals).map(([name]) => name)];
  const line = (key: string, figures: Figures) =>
    [key, ...flatten(figures).map(([, v]) => v)].map(cell).join(',');
  const lines = [
    header.map(cell).join(','),
    ...answer.rows.map((r) => line(r.key, r.figures)),
    line('totals', answer.totals),
  ];
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
