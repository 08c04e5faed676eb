/**
 * The warnings board's logic, free of the page (no DOM), so unit tests run it as it is: which warnings are
 * open, which are overdue, the order the board lists them in (overdue first, then the most severe), and the
 * count by level and district. The shapes are those of `GET /warnings` and `GET /warnings/{id}`
 * (functions/http/openapi/warning-docs.ts; docs/warnings.md defines levels, rules and deadlines).
 */

/** Level 1 is the most severe (red), 4 the least (blue). */
export const LEVELS = [1, 2, 3, 4] as const;
export type Level = (typeof LEVELS)[number];

/** The board's colour of each level, as the published four-colour schemes name them. */
export const LEVEL_COLOURS: Readonly<Record<Level, string>> = {
  1: 'red',
  2: 'orange',
  3: 'yellow',
  4: 'blue',
};

/** The statuses of a warning still on a post's desk: not yet disposed, closed or suppressed. */
export const OPEN_STATUSES = ['RAISED', 'DISPATCHED', 'ACKNOWLEDGED', 'VERIFYING'] as const;
export type OpenStatus = (typeof OPEN_STATUSES)[number];
const OPEN: ReadonlySet<string> = new Set(OPEN_STATUSES);

/** A signal as a fired rule cites it: where it came from, when it was observed, the source's reference. */
export interface CitedSignalView {
  readonly source: string;
  readonly reference: string;
  readonly observedOn: string;
  readonly value: number;
}

/** One rule that fired: its threshold and window, the value that crossed it and the signals behind it. */
export interface FiredRuleView {
  readonly ruleId: string;
  readonly indicator: string;
  readonly unit: string;
  readonly comparison: 'GTE' | 'GT';
  readonly threshold: number;
  readonly windowDays: number;
  readonly level: Level;
  readonly value: number;
  readonly signals: readonly CitedSignalView[];
}

/** A warning as `GET /warnings` lists it and `GET /warnings/{id}` returns it (the fields the board reads). */
export interface WarningView {
  readonly warningId: string;
  readonly creditCode: string;
  readonly employerName?: string | null;
  readonly district: string;
  readonly postId?: string | null;
  readonly level: Level;
  readonly status: string;
  readonly ruleVersion: number;
  readonly raisedAt: string;
  /** When the post must acknowledge it, and dispose of it (UTC ISO-8601). */
  readonly acknowledgeBy?: string | null;
  readonly disposeBy?: string | null;
  /** The next deadline of its status, and whether it has passed, as the API says them. */
  readonly nextDueAt?: string | null;
  readonly overdue?: boolean;
  readonly fired?: readonly FiredRuleView[];
}

export const isOpen = (w: Pick<WarningView, 'status'>) => OPEN.has(w.status);

/**
 * The deadline the warning's status is waiting on: acknowledgement first, then disposal; none once disposed.
 * The API's `nextDueAt` when it gives one.
 */
export function dueOf(w: WarningView): string | null {
  if (!isOpen(w)) return null;
  if (w.nextDueAt !== undefined) return w.nextDueAt;
  if (w.status === 'RAISED' || w.status === 'DISPATCHED') return w.acknowledgeBy ?? null;
  if (w.status === 'ACKNOWLEDGED' || w.status === 'VERIFYING') return w.disposeBy ?? null;
  return null;
}

/** Overdue: the API's word when it gives one, else its pending deadline has passed `now`. */
export function isOverdue(w: WarningView, now: Date): boolean {
  if (!isOpen(w)) return false;
  if (typeof w.overdue === 'boolean') return w.overdue;
  const due = dueOf(w);
  return due !== null && Date.parse(due) < now.getTime();
}

/**
 * The board's order: overdue warnings first, then by level (1 first), then the earliest deadline, then the
 * oldest, then by id — a total order, so the same warnings always list the same way.
 */
export function boardOrder(warnings: readonly WarningView[], now: Date): WarningView[] {
  const key = (w: WarningView) => ({
    late: isOverdue(w, now) ? 0 : 1,
    due: Date.parse(dueOf(w) ?? '9999-12-31T00:00:00Z'),
    raised: Date.parse(w.raisedAt),
  });
  return warnings
    .map((w) => ({ w, k: key(w) }))
    .sort(
      (a, b) =>
        a.k.late - b.k.late ||
        a.w.level - b.w.level ||
        a.k.due - b.k.due ||
        a.k.raised - b.k.raised ||
        (a.w.warningId < b.w.warningId ? -1 : a.w.warningId > b.w.warningId ? 1 : 0),
    )
    .map(({ w }) => w);
}

export interface Tally {
  /** Districts in the order the board shows them: most severe load first, then by name. */
  readonly districts: readonly string[];
  /** district → count per level (index 0 is level 1) and overdue. */
  readonly byDistrict: ReadonlyMap<string, { readonly levels: readonly number[]; readonly overdue: number }>;
  readonly levels: readonly number[];
  readonly overdue: number;
  readonly total: number;
}

/** Open warnings counted by level and district, with the overdue among them. */
export function tally(warnings: readonly WarningView[], now: Date): Tally {
  const byDistrict = new Map<string, { levels: number[]; overdue: number }>();
  const levels = [0, 0, 0, 0];
  let overdue = 0;
  let total = 0;
  for (const w of warnings) {
    if (!isOpen(w)) continue;
    const row = byDistrict.get(w.district) ?? { levels: [0, 0, 0, 0], overdue: 0 };
    byDistrict.set(w.district, row);
    row.levels[w.level - 1] = (row.levels[w.level - 1] ?? 0) + 1;
    levels[w.level - 1] = (levels[w.level - 1] ?? 0) + 1;
    total++;
    if (isOverdue(w, now)) {
      row.overdue++;
      overdue++;
    }
  }
  const districts = [...byDistrict.keys()].sort((a, b) => {
    const x = byDistrict.get(a)?.levels ?? [];
    const y = byDistrict.get(b)?.levels ?? [];
    for (let i = 0; i < 4; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (y[i] ?? 0) - (x[i] ?? 0);
    return a.localeCompare(b, 'zh-CN');
  });
  return { districts, byDistrict, levels, overdue, total };
}

/** Which warnings the board shows after a click on a level or district (null: any). */
export function filtered(
  warnings: readonly WarningView[],
  filter: { readonly level: Level | null; readonly district: string | null },
): WarningView[] {
  return warnings.filter(
    (w) =>
      isOpen(w) &&
      (filter.level === null || w.level === filter.level) &&
      (filter.district === null || w.district === filter.district),
  );
}
