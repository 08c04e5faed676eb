import type { Actor } from '../shared/actor.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { message } from '../shared/messages.ts';
import type { Clock } from '../shared/ports.ts';
import type { FigureChange, FrozenReport, StatsAnswer } from './model.ts';
import type { Digest, ReportStore } from './ports.ts';
import { type StatsDeps, statsOf } from './query.ts';

export interface ReportDeps extends StatsDeps {
  readonly reports: ReportStore;
  readonly clock: Clock;
  readonly digest: Digest;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** JSON with object keys sorted at every level: the same figures always give the same text and digest. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function checkMonth(month: string): void {
  if (!MONTH.test(month)) throw ValidationError.field('month', message('stats.month'));
}

const monthFigures = (deps: StatsDeps, actor: Actor, month: string) =>
  statsOf(deps, actor, { from: month, to: month, groupBy: 'post' });

/**
 * `POST /reports/{yyyy-mm}` (admins): freezes the month's figures of every post. A month is frozen once:
 * freezing it again returns the stored report unchanged (`created: false`).
 */
export async function freezeReport(
  deps: ReportDeps,
  actor: Actor,
  month: string,
): Promise<{ report: FrozenReport; created: boolean }> {
  checkMonth(month);
  if (actor.role !== 'admin') throw new ForbiddenError(message('stats.adminOnly'));
  const existing = await deps.reports.get(month);
  if (existing) return { report: existing, created: false };
  const figures = await monthFigures(deps, actor, month);
  const report: FrozenReport = {
    month,
    frozenAt: deps.clock.now(),
    frozenBy: actor.sub,
    digest: deps.digest(canonicalJson(figures)),
    figures,
  };
  if (await deps.reports.create(report)) return { report, created: true };
  const winner = await deps.reports.get(month);
  if (!winner) throw new NotFoundError('report', month);
  return { report: winner, created: false };
}

/** Every leaf (number, null) where two figure trees differ, by path. */
function differences(row: string, frozen: unknown, live: unknown, path: string, out: FigureChange[]): void {
  if (frozen !== null && live !== null && typeof frozen === 'object' && typeof live === 'object') {
    const names = new Set([...Object.keys(frozen), ...Object.keys(live)]);
    for (const name of [...names].sort()) {
      const f = (frozen as Record<string, unknown>)[name];
      const l = (live as Record<string, unknown>)[name];
      differences(row, f, l, path ? `${path}.${name}` : name, out);
    }
  } else if (frozen !== live) {
    out.push({ row, figure: path, frozen: frozen ?? null, live: live ?? null });
  }
}

/** What changed in the live figures since a report was frozen, row by row, then the totals. */
export function changesSince(frozen: StatsAnswer, live: StatsAnswer): FigureChange[] {
  const out: FigureChange[] = [];
  const liveRows = new Map(live.rows.map((r) => [r.key, r.figures]));
  const keys = [...new Set([...frozen.rows.map((r) => r.key), ...liveRows.keys()])].sort();
  const frozenRows = new Map(frozen.rows.map((r) => [r.key, r.figures]));
  for (const key of keys) differences(key, frozenRows.get(key) ?? null, liveRows.get(key) ?? null, '', out);
  differences('totals', frozen.totals, live.totals, '', out);
  return out;
}

/**
 * `GET /reports/{yyyy-mm}`: the frozen report exactly as stored, and what the live figures say differently
 * now. Any signed-in person of the federation reads it: it holds figures, no personal data.
 */
export async function readReport(
  deps: ReportDeps,
  actor: Actor,
  month: string,
): Promise<{ report: FrozenReport; changedSince: FigureChange[] }> {
  checkMonth(month);
  if (!['admin', 'supervisor', 'mediator'].includes(actor.role))
    throw new ForbiddenError(message('stats.humansOnly'));
  const report = await deps.reports.get(month);
  if (!report) throw new NotFoundError('report', month);
  const admin: Actor = { ...actor, role: 'admin' };
  return { report, changedSince: changesSince(report.figures, await monthFigures(deps, admin, month)) };
}
