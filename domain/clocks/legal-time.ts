import type { HolidayCalendar } from './calendar.ts';
import type { StatutoryPeriod } from './periods.ts';

/**
 * Legal days are counted in China Standard Time (UTC+8, no daylight saving); instants are stored in UTC.
 * Civil Code art. 201: the start day is not counted. Art. 203: a period whose last day is a statutory
 * holiday ends on the first working day after it — that needs the State Council's calendar, which is data
 * supplied through {@link HolidayCalendar}, never hard-coded here. Nothing here reads the server's `TZ`.
 */

const CST_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The calendar date (YYYY-MM-DD) in Asia/Shanghai of a UTC instant. */
export function shanghaiDate(instant: string | Date): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 10);
}

export function shanghaiYear(instant: string | Date): number {
  return Number(shanghaiDate(instant).slice(0, 4));
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The last instant (UTC ISO) of a Shanghai calendar day. */
export function endOfShanghaiDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS - CST_OFFSET_MS - 1).toISOString();
}

export interface LegalDeadline {
  /** The last instant of the period (UTC ISO-8601). */
  readonly at: string;
  /**
   * True when the calendar had no data for a year the count needed, so a holiday could not be applied:
   * the deadline may be too early and must be reported, not trusted.
   */
  readonly provisional: boolean;
}

/**
 * Deadline of a period of `days` calendar days that starts at `from`: the end of the Shanghai day `days`
 * after the start day (art. 201); a last day that is a rest day rolls forward to the next working day
 * (art. 203).
 */
export function calendarDeadline(from: string, days: number, calendar: HolidayCalendar): LegalDeadline {
  let last = addDays(shanghaiDate(from), days);
  for (let guard = 0; guard < 31; guard++) {
    const rest = calendar.isRestDay(last);
    if (rest === null) return { at: endOfShanghaiDay(last), provisional: true };
    if (!rest) break;
    last = addDays(last, 1);
  }
  return { at: endOfShanghaiDay(last), provisional: false };
}

/**
 * Deadline of a period of `days` working days from `from`: the start day is not counted, and each day
 * after it counts only if the calendar says it is a working day (make-up working days count, holidays do
 * not). A day of a year without calendar data is counted as a working day unless it is a weekend, and
 * the deadline is provisional.
 */
export function workingDaysDeadline(from: string, days: number, calendar: HolidayCalendar): LegalDeadline {
  let day = shanghaiDate(from);
  let provisional = false;
  for (let counted = 0; counted < days; ) {
    day = addDays(day, 1);
    const rest = calendar.isRestDay(day);
    if (rest === null) provisional = true;
    const isRest = rest ?? [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
    if (!isRest) counted++;
  }
  return { at: endOfShanghaiDay(day), provisional };
}

/** The deadline of a statutory period that starts at `from`, counted in the period's own unit. */
export function periodDeadline(
  period: StatutoryPeriod,
  from: string,
  calendar: HolidayCalendar,
): LegalDeadline {
  return period.unit === 'WORKING_DAYS'
    ? workingDaysDeadline(from, period.length, calendar)
    : calendarDeadline(from, period.length, calendar);
}
