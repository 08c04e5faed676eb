/** The bench's one table: every figure a row, with its same-run floor, the ratio and the target. */
export interface Row {
  readonly measure: string;
  readonly subject: string;
  readonly value: string;
  /** The same-run floor the ratio is taken against, or `—`. */
  readonly floor: string;
  readonly ratio: string;
  readonly target: string;
  /** `ok`, `FAIL`, `ERROR` or `—` (no target). */
  readonly result: 'ok' | 'FAIL' | 'ERROR' | '—';
}

const HEADERS = ['measure', 'subject', 'value', 'floor (same run)', 'ratio', 'target', 'result'] as const;

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function markdownTable(rows: readonly Row[]): string {
  const lines = rows.map((r) =>
    [r.measure, r.subject, r.value, r.floor, r.ratio, r.target, r.result].map(cell),
  );
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(HEADERS), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(line)].join(
    '\n',
  );
}

export const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'n/a');
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
export const ratio = (value: number, floor: number) =>
  Number.isFinite(value) && Number.isFinite(floor) && floor > 0 ? value / floor : Number.NaN;
export const times = (r: number) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : 'n/a');
export const verdict = (pass: boolean): Row['result'] => (pass ? 'ok' : 'FAIL');
