import { ValidationError } from '../shared/errors.ts';
import { type HolidayCalendar, isWeekend } from './calendar.ts';
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

/** Civil Code art. 203: a last day that is a rest day moves to the next working day. */
function rollForward(last: string, calendar: HolidayCalendar): LegalDeadline {
  let day = last;
  // The longest run of rest days in a published year is nine (Spring Festival); 31 bounds a bad calendar.
  for (let guard = 0; guard < 31; guard++) {
    const rest = calendar.isRestDay(day);
    if (rest === null) return { at: endOfShanghaiDay(day), provisional: true };
    if (!rest) break;
    day = addDays(day, 1);
  }
  return { at: endOfShanghaiDay(day), provisional: false };
}

/**
 * Deadline of a period of `days` calendar days that starts at `from`: the end of the Shanghai day `days`
 * after the start day (art. 201); a last day that is a rest day rolls forward to the next working day
 * (art. 203).
 */
export function calendarDeadline(from: string, days: number, calendar: HolidayCalendar): LegalDeadline {
  return rollForward(addDays(shanghaiDate(from), days), calendar);
}

/**
 * The date `years` years after `date`: the same month and day, or the last day of that month when the
 * expiry year has no such day (29 February in a common year), Civil Code art. 202.
 */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const lastOfMonth = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return new Date(Date.UTC(y + years, m - 1, Math.min(d, lastOfMonth))).toISOString().slice(0, 10);
}

/**
 * Deadline of a period of `years` years from `from`: the start day is not counted (art. 201), the last
 * day is the corresponding day of the expiry year (art. 202), moved past rest days (art. 203).
 */
export function yearsDeadline(from: string, years: number, calendar: HolidayCalendar): LegalDeadline {
  return rollForward(addYears(shanghaiDate(from), years), calendar);
}

/**
 * Deadline of a period of `days` working days from `from`: the start day is not counted, and each day
 * after it counts only if the calendar says it is a working day (make-up working days count, holidays do
 * not). A day of a year without calendar data is counted as a working day unless it is a weekend, and
 * the deadline is provisional. The last counted day is a working day, so art. 203 never moves it.
 */
export function workingDaysDeadline(from: string, days: number, calendar: HolidayCalendar): LegalDeadline {
  let day = shanghaiDate(from);
  let provisional = false;
  for (let counted = 0; counted < days; ) {
    day = addDays(day, 1);
    const rest = calendar.isRestDay(day);
    if (rest === null) provisional = true;
    if (!(rest ?? isWeekend(day))) counted++;
  }
  return { at: endOfShanghaiDay(day), provisional };
}

/**
 * The deadline of a statutory period that starts at `from`, counted in the period's own unit. An
 * `extensionDays` (LDMAL art. 43: at most 15 days for the award) lengthens a period whose row allows an
 * extension, by at most the row's `maxDays`; it is counted in the period's unit on from the same start.
 */
export function periodDeadline(
  period: StatutoryPeriod,
  from: string,
  calendar: HolidayCalendar,
  options: { readonly extensionDays?: number } = {},
): LegalDeadline {
  const extension = options.extensionDays ?? 0;
  if (extension !== 0) {
    const max = period.extension?.maxDays;
    if (!period.extension || !Number.isInteger(extension) || extension < 0) {
      throw ValidationError.field('extensionDays', `period ${period.id} cannot be extended`);
    }
    if (max !== null && max !== undefined && extension > max) {
      throw ValidationError.field(
        'extensionDays',
        `period ${period.id} may be extended by at most ${max} days (${period.extension.basis})`,
      );
    }
    if (period.unit === 'YEARS') {
      throw ValidationError.field('extensionDays', `period ${period.id} is counted in years`);
    }
  }
  switch (period.unit) {
    case 'CALENDAR_DAYS':
      return calendarDeadline(from, period.length + extension, calendar);
    case 'WORKING_DAYS':
      return workingDaysDeadline(from, period.length + extension, calendar);
    case 'YEARS':
      return yearsDeadline(from, period.length, calendar);
    default: {
      const unknown: never = period.unit;
      throw new Error(`unknown period unit ${String(unknown)}`);
    }
  }
}
