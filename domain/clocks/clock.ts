import { type HolidayCalendar, isWeekend } from './calendar.ts';
import {
  addDays,
  addYears,
  calendarDeadline,
  type LegalDeadline,
  periodDeadline,
  shanghaiDate,
  workingDaysDeadline,
} from './legal-time.ts';
import type { CaseClock, ClockAdjustment, ClockStatus, ReminderPlan } from './model.ts';
import type { PeriodUnit, StatutoryPeriod } from './periods.ts';

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

/**
 * The deadline of `period` started on `startedOn` and lengthened by `added` days in its unit (extensions,
 * pauses): counted from the start as one longer period, so art. 203 moves only the final last day, never
 * an intermediate one. A YEARS period runs its years (art. 202) and then the added calendar days.
 */
export function adjustedDeadline(
  period: StatutoryPeriod,
  startedOn: string,
  added: number,
  calendar: HolidayCalendar,
): LegalDeadline {
  if (added === 0) return periodDeadline(period, instantOf(startedOn), calendar);
  switch (period.unit) {
    case 'CALENDAR_DAYS':
      return calendarDeadline(instantOf(startedOn), period.length + added, calendar);
    case 'WORKING_DAYS':
      return workingDaysDeadline(instantOf(startedOn), period.length + added, calendar);
    case 'YEARS':
      return calendarDeadline(instantOf(addYears(startedOn, period.length)), added, calendar);
    default: {
      const unknown: never = period.unit;
      throw new Error(`unknown period unit ${String(unknown)}`);
    }
  }
}

/** The days a clock's adjustments add (none on a clock stored before adjustments existed). */
export const addedDays = (clock: Pick<CaseClock, 'adjustments'>): number =>
  (clock.adjustments ?? []).reduce((sum, a) => sum + a.days, 0);

/**
 * The days after `from` up to and including `to` (Shanghai dates), in a clock's unit: working days for a
 * WORKING_DAYS clock (a year without data counts weekends only), calendar days otherwise. What a pause
 * from `from` to `to` took out of the period.
 */
export function daysBetween(unit: PeriodUnit, from: string, to: string, calendar: HolidayCalendar): number {
  let counted = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    if (unit !== 'WORKING_DAYS' || !(calendar.isRestDay(day) ?? isWeekend(day))) counted++;
  }
  return counted;
}

/** The clock with its due date, reminders and provisional flag counted again from its start and adjustments. */
function recounted(
  clock: CaseClock,
  period: StatutoryPeriod,
  version: number,
  calendar: HolidayCalendar,
): CaseClock {
  const deadline = adjustedDeadline(period, clock.startedOn, addedDays(clock), calendar);
  const dueOn = shanghaiDate(deadline.at);
  return {
    ...clock,
    dueOn,
    dueAt: deadline.at,
    provisional: deadline.provisional,
    reminders: reminderPlan(clock.startedOn, dueOn, calendar),
    updatedVersion: version,
  };
}

/**
 * The clock computed again from its start and its adjustments (a year's calendar was loaded since); null if
 * nothing changed.
 */
export function recomputed(
  clock: CaseClock,
  period: StatutoryPeriod,
  version: number,
  calendar: HolidayCalendar,
): CaseClock | null {
  const again = recounted(clock, period, version, calendar);
  if (again.dueAt === clock.dueAt && again.provisional === clock.provisional) return null;
  return again;
}

/** A Shanghai date, given as one or as a UTC instant. */
const dateOf = (at: string) => (at.length > 10 ? shanghaiDate(at) : at);

/**
 * A running clock paused on `at` (a Shanghai date or an instant) for `reason`: a suspension of the award
 * period (MOHRSS Rules 2017 art. 46(1)) or of the limitation (LDMAL art. 27(3)). A PAUSED clock raises no
 * reminder, does not expire and does not lapse; its item leaves the due index (clock-items.ts: only
 * RUNNING clocks wait there). Anything but a running clock comes back unchanged: a pause is taken once.
 */
export function pause(clock: CaseClock, at: string, reason: string, version: number): CaseClock {
  if (clock.status !== 'RUNNING') return clock;
  return { ...clock, status: 'PAUSED', pausedOn: dateOf(at), pauseReason: reason, updatedVersion: version };
}

/**
 * A paused clock running again from `at`: the days it was paused (after the pause day up to and including
 * the resumption day, in the clock's unit) are added to its period, so it ends that much later, with its
 * reminders planned again; the pause is kept in `adjustments`. Anything but a paused clock comes back
 * unchanged. A resumption dated before the pause counts as none.
 */
export function resume(
  clock: CaseClock,
  at: string,
  version: number,
  counting: { readonly period: StatutoryPeriod; readonly calendar: HolidayCalendar },
): CaseClock {
  if (clock.status !== 'PAUSED' || clock.pausedOn === undefined) return clock;
  const to = dateOf(at);
  const pausedOn = clock.pausedOn;
  const paused: ClockAdjustment = {
    kind: 'PAUSED',
    days: daysBetween(clock.unit, pausedOn, to, counting.calendar),
    basis: clock.pauseReason ?? '',
    from: pausedOn,
    to,
  };
  const { pausedOn: _on, pauseReason: _why, ...rest } = clock;
  return recounted(
    { ...rest, status: 'RUNNING', adjustments: [...(clock.adjustments ?? []), paused] },
    counting.period,
    version,
    counting.calendar,
  );
}

/**
 * A running or paused clock lengthened by `days` in its unit on `basis` (LDMAL art. 43: the award period,
 * by the chair's approval), decided on `on`: its due date and reminders are counted again from the start.
 * Throws a ValidationError (field `extensionDays`) when a period counted in days allows no extension or
 * the extensions together pass its `maxDays`; a YEARS clock is lengthened in calendar days unchecked. A
 * clock that no longer runs comes back unchanged.
 */
export function extend(
  clock: CaseClock,
  days: number,
  basis: string,
  on: string,
  version: number,
  counting: { readonly period: StatutoryPeriod; readonly calendar: HolidayCalendar },
): CaseClock {
  if (clock.status !== 'RUNNING' && clock.status !== 'PAUSED') return clock;
  const extended = (clock.adjustments ?? []).filter((a) => a.kind === 'EXTENDED');
  const total = extended.reduce((sum, a) => sum + a.days, 0) + days;
  // periodDeadline checks an extension against the period's row (allowed at all, at most maxDays).
  if (counting.period.unit !== 'YEARS') {
    periodDeadline(counting.period, instantOf(clock.startedOn), counting.calendar, { extensionDays: total });
  }
  const adjustment: ClockAdjustment = { kind: 'EXTENDED', days, basis, from: dateOf(on) };
  // A paused clock shows its end as if resumed today; the resumption adds the days it was paused.
  const adjustments = [...(clock.adjustments ?? []), adjustment];
  return recounted({ ...clock, adjustments }, counting.period, version, counting.calendar);
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

/** The case version that started a clock, read from its id (`<period>-<version>`); 0 for another shape. */
/** The case version that started the clock (its id's suffix). */
export const startedVersion = (clock: CaseClock): number => Number(/-(\d+)$/.exec(clock.clockId)?.[1] ?? 0);

/**
 * The clock of `period` that belongs to the current agreement or referral: the one started last (a new
 * agreement, a resumed mediation or a new referral starts a fresh clock and leaves the old ones behind,
 * expired or stopped). An older clock decides nothing: a window of an earlier agreement that ran out does
 * not close the new agreement's, and an earlier referral's lapse does not open a suit on a new one.
 */
export function currentClock(
  clocks: readonly CaseClock[] | undefined,
  period: string,
): CaseClock | undefined {
  let current: CaseClock | undefined;
  for (const clock of clocks ?? []) {
    if (clock.clock === period && (!current || startedVersion(clock) >= startedVersion(current)))
      current = clock;
  }
  return current;
}

/** Whether the current clock of `period` (see currentClock) ran out: what a guard asks, not `lapsed`. */
export const currentLapsed = (
  clocks: readonly CaseClock[] | undefined,
  period: string,
  now: string,
): boolean => {
  const clock = currentClock(clocks, period);
  return clock !== undefined && lapsed([clock], period, now);
};
