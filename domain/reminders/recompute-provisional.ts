import type { HolidayCalendar } from '../clocks/calendar.ts';
import { shanghaiYear } from '../clocks/legal-time.ts';
import type { ReminderDeps } from './ports.ts';

export interface RecomputeDeps extends ReminderDeps {
  readonly calendar: HolidayCalendar;
  /** domain/clocks/recompute-clocks.ts, bound to the case store: true when the case's clocks changed. */
  recomputeClocks(caseId: string): Promise<boolean>;
}

export interface RecomputeResult {
  /** The years whose provisional clocks were looked at: those the calendar now covers. */
  readonly years: readonly number[];
  readonly cases: number;
  readonly changed: number;
  readonly failures: number;
}

/** Years ahead of the current one whose provisional clocks are looked for (the limitation period is one year). */
const YEARS_AHEAD = 2;

/**
 * Recomputes the clocks computed without a year's holiday data once the calendar has that year (Civil
 * Code art. 203 moves a last day that falls on a holiday; without the State Council's arrangement the
 * deadline may be too early). Reads the provisional clocks through their index, year by year, at most
 * `maxCases` cases per run; a case left over is found by the next run.
 */
export async function recomputeProvisional(deps: RecomputeDeps, maxCases = 500): Promise<RecomputeResult> {
  const thisYear = shanghaiYear(deps.clock.now());
  const years: number[] = [];
  for (let year = thisYear - 1; year <= thisYear + YEARS_AHEAD; year++) {
    if (deps.calendar.isRestDay(`${year}-01-01`) !== null) years.push(year);
  }
  const seen = new Set<string>();
  let changed = 0;
  let failures = 0;
  for (const year of years) {
    let cursor: string | undefined;
    do {
      const page = await deps.reminders.provisionalClocks(year, 100, cursor);
      for (const ref of page.items) {
        if (seen.has(ref.caseId)) continue;
        if (seen.size >= maxCases) return { years, cases: seen.size, changed, failures };
        seen.add(ref.caseId);
        try {
          if (await deps.recomputeClocks(ref.caseId)) changed++;
        } catch {
          failures++;
        }
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return { years, cases: seen.size, changed, failures };
}
