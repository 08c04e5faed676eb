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

export interface RecomputeOptions {
  /** Cases per run; a case left over is found by the next run. @default 500 */
  readonly maxCases?: number;
  /**
   * Only these years (those of them the calendar covers): the year an admin has just loaded. @default the
   * year before this one to two years ahead
   */
  readonly years?: readonly number[];
}

/**
 * Recomputes the clocks computed without a year's holiday data once the calendar has that year (Civil
 * Code art. 203 moves a last day that falls on a holiday; without the State Council's arrangement the
 * deadline may be too early). Reads the provisional clocks through their index, year by year, at most
 * `maxCases` cases per run; a case left over is found by the next run. Run daily, and for the loaded year
 * as soon as an admin loads one (`PUT /calendar/{year}`).
 */
export async function recomputeProvisional(
  deps: RecomputeDeps,
  options: RecomputeOptions = {},
): Promise<RecomputeResult> {
  const maxCases = options.maxCases ?? 500;
  const thisYear = shanghaiYear(deps.clock.now());
  const candidates = options.years ?? Array.from({ length: YEARS_AHEAD + 2 }, (_, i) => thisYear - 1 + i);
  const years = candidates.filter((year) => deps.calendar.isRestDay(`${year}-01-01`) !== null);
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
