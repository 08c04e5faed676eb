import type { HolidayCalendar } from './calendar.ts';
import { addDays, periodDeadline, shanghaiDate } from './legal-time.ts';
import type { CaseClock, ClockStatus, ReminderPlan } from './model.ts';
import type { StatutoryPeriod } from './periods.ts';

/** Noon in Shanghai of a calendar date, as an instant: a period that starts on a date counts from it. */
export const instantOf = (date: string) => `${date}T04:00:00.000Z`;

/**
 * The working day `n` working days before `date` (the calendar's rest days skipped; a year without data
 * counts weekends only, which can only make a reminder early, never late).
 */
export function workingDaysBefore(date: string, n: number, calendar: HolidayCalendar): string {
  let day = date;
  let counted = 0;
  for (let guard = 0; guard < 60 && counted < n; guard++) {
    day = addDays(day, -1);
    const rest = calendar.isRestDay(day);
    const weekend = [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
    if (!(rest ?? weekend)) counted++;
  }
  return day;
}

/**
 * When a clock's reminders fall (DOMAIN.md, "Reminders in practice"): 3 working days and 1 working day
 * before the last day, on the last day, and the day after it (overdue). A reminder that would fall on or
 * before the start day is due on the day after the start instead (a short period has little warning).
 */
export function reminderPlan(startedOn: string, dueOn: string, calendar: HolidayCalendar): ReminderPlan[] {
  const first = addDays(startedOn, 1);
  const atLeast = (day: string) => (day < first ? first : day);
  return [
    { stage: 'DUE_IN_3_WORKING_DAYS', on: atLeast(workingDaysBefore(dueOn, 3, calendar)) },
    { stage: 'DUE_IN_1_WORKING_DAY', on: atLeast(workingDaysBefore(dueOn, 1, calendar)) },
    { stage: 'DUE_TODAY', on: dueOn },
    { stage: 'OVERDUE', on: addDays(dueOn, 1) },
  ];
}

/**
 * A clock of `period` that starts on `startedOn` (a Shanghai date; its day is not counted, Civil Code
 * art. 201), with its last day counted in the period's unit on the legal calendar and its reminders.
 */
export function startClock(
  period: StatutoryPeriod,
  startedOn: string,
  version: number,
  calendar: HolidayCalendar,
): CaseClock {
  const deadline = periodDeadline(period, instantOf(startedOn), calendar);
  const dueOn = shanghaiDate(deadline.at);
  return {
    clockId: `${period.id}-${version}`,
    clock: period.id,
    basis: period.basis,
    unit: period.unit,
    startedOn,
    dueOn,
    dueAt: deadline.at,
    status: 'RUNNING',
    provisional: deadline.provisional,
    reminders: reminderPlan(startedOn, dueOn, calendar),
    updatedVersion: version,
  };
}

/** The clock computed again from its start (a year's calendar was loaded since); null if nothing changed. */
export function recomputed(
  clock: CaseClock,
  period: StatutoryPeriod,
  version: number,
  calendar: HolidayCalendar,
): CaseClock | null {
  const again = startClock(period, clock.startedOn, version, calendar);
  if (again.dueAt === clock.dueAt && again.provisional === clock.provisional) return null;
  return { ...again, clockId: clock.clockId, status: clock.status };
}

/** The clock with a new status, as changed by the case version `version`. */
export const withStatus = (clock: CaseClock, status: ClockStatus, version: number): CaseClock => ({
  ...clock,
  status,
  updatedVersion: version,
});

/** Whether the period's clock on the case ran out: expired by the sweep, or past its end at `now`. */
export function lapsed(clocks: readonly CaseClock[] | undefined, period: string, now: string): boolean {
  return (clocks ?? []).some(
    (c) => c.clock === period && (c.status === 'EXPIRED' || (c.status === 'RUNNING' && now > c.dueAt)),
  );
}

/**
 * The earliest end among the clocks that need a mediator: running ones, and expired ones nobody has dealt
 * with yet. What the desk sorts by.
 */
export function nextDue(clocks: readonly CaseClock[] | undefined): string | null {
  const running = (clocks ?? [])
    .filter((c) => c.status === 'RUNNING' || (c.status === 'EXPIRED' && c.handledVersion === undefined))
    .map((c) => c.dueAt);
  return running.length === 0 ? null : (running.sort()[0] ?? null);
}
