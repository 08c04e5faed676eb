/**
 * Legal days are counted in China Standard Time (UTC+8, no daylight saving); instants are stored in UTC.
 * Civil Code art. 201: the start day is not counted. Art. 203: a period whose last day is a statutory
 * holiday ends on the first working day after it — that needs the State Council's calendar, which is data
 * supplied through {@link HolidayCalendar}, never hard-coded here.
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

/** Whether a Shanghai calendar day is a rest day; must throw for a year it has no data for. */
export interface HolidayCalendar {
  isRestDay(date: string): boolean;
}

/**
 * Deadline of a period of `days` calendar days that starts at `from`: the end of the Shanghai day
 * `days` after the start day. With a calendar, a last day that is a rest day rolls forward (art. 203).
 */
export function calendarDeadline(from: string, days: number, calendar?: HolidayCalendar): string {
  let last = addDays(shanghaiDate(from), days);
  if (calendar) {
    for (let guard = 0; calendar.isRestDay(last) && guard < 31; guard++) last = addDays(last, 1);
  }
  return endOfShanghaiDay(last);
}
