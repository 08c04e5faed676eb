import type { CaseDeps } from '../case/ports.ts';
import { type CalendarYear, type HolidayCalendar, restDayIn } from './calendar.ts';
import { recomputed } from './clock.ts';
import { recordClockChange } from './record-clock-change.ts';

/** One clock counted again: its case, which clock, the last day before and after. No personal data. */
export interface ClockRecomputed {
  readonly caseId: string;
  readonly clockId: string;
  readonly clock: string;
  readonly from: string;
  readonly to: string;
  /** Still counted without a year's holiday data (its last day falls in a year not yet loaded). */
  readonly provisional: boolean;
}

/**
 * Provisional deadlines (counted without a year's holiday calendar) are counted again from their start with
 * the calendar now in force (Civil Code art. 203 needs the State Council's data). Records CLOCKS_RECOMPUTED
 * with the old and new last days. Output: whether anything changed; `onRecomputed` hears of each clock
 * counted again once the change is stored.
 */
export async function recomputeClocks(
  deps: CaseDeps,
  caseId: string,
  onRecomputed?: (change: ClockRecomputed) => void,
): Promise<boolean> {
  let changes: { clockId: string; clock: string; from: string; to: string; provisional: boolean }[] = [];
  const outcome = await recordClockChange<'unchanged'>(deps, caseId, (c, version) => {
    // A retry after a version conflict starts from the latest case: only its changes count.
    changes = [];
    const clocks = (c.clocks ?? []).map((k) => {
      if (!k.provisional || k.status !== 'RUNNING') return k;
      const again = recomputed(k, deps.periods[k.clock], version, deps.calendar);
      if (!again) return k;
      changes.push({
        clockId: k.clockId,
        clock: k.clock,
        from: k.dueOn,
        to: again.dueOn,
        provisional: again.provisional,
      });
      return again;
    });
    if (changes.length === 0) return { skip: 'unchanged' };
    const mediation = clocks.find(
      (k) => k.status === 'RUNNING' && (k.clock === 'MEDIATION' || k.clock === 'COURT_DELEGATED_MEDIATION'),
    );
    return {
      patch: {
        clocks,
        ...(mediation
          ? { mediationDueAt: mediation.dueAt, mediationDueAtProvisional: mediation.provisional }
          : {}),
      },
      type: 'CLOCKS_RECOMPUTED',
      payload: {
        changes: changes.map(({ clockId, from, to, provisional }) => ({ clockId, from, to, provisional })),
      },
    };
  });
  if (outcome !== 'recorded') return false;
  for (const change of changes) onRecomputed?.({ caseId, ...change });
  return true;
}

/**
 * The calendar in force the moment an admin has loaded `loaded`: that year as loaded, every other year as
 * `calendar` has it. A function's copy of the admin-loaded years may be minutes old (they are read again
 * after a TTL), so a recompute right after the load must not count with the copy.
 */
export function withLoadedYear(calendar: HolidayCalendar, loaded: CalendarYear): HolidayCalendar {
  const prefix = `${loaded.year}-`;
  return {
    isRestDay: (date) => (date.startsWith(prefix) ? restDayIn(loaded, date) : calendar.isRestDay(date)),
  };
}
