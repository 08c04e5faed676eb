/**
 * The State Council's published rest days (weekends, statutory holidays, minus the make-up working days,
 * 调休). `isRestDay` answers null for a year it has no data for — never a guess from weekends alone.
 */
export interface HolidayCalendar {
  isRestDay(date: string): boolean | null;
}

/**
 * One year of the State Council's arrangement (国务院办公厅关于部分节假日安排的通知): the statutory rest days
 * (holidays, including weekend days inside a holiday block) and the make-up working days (weekend days
 * worked instead). Every other Saturday and Sunday is a rest day, every other weekday a working day.
 */
export interface CalendarYear {
  readonly year: number;
  /** Sorted YYYY-MM-DD dates of the year. */
  readonly restDays: readonly string[];
  readonly workingDays: readonly string[];
}

/** A year an admin loaded, and who loaded it when. */
export interface StoredCalendarYear extends CalendarYear {
  readonly updatedAt: string;
  readonly updatedBy: string;
}

/** Where the calendar in force for a year comes from: an admin's load wins over the package. */
export type CalendarSource = 'ADMIN' | 'PACKAGE' | 'NONE';

/** Port: the years admins loaded, one item per year. */
export interface CalendarYears {
  get(year: number): Promise<StoredCalendarYear | null>;
  /** Replaces the year whole (a PUT). */
  put(year: StoredCalendarYear): Promise<void>;
  /** Every loaded year (a handful of small items, read in one key query). */
  all(): Promise<StoredCalendarYear[]>;
}

/** Port: the calendar as a package ships it (`chinese-days`); null for a year it has no data for. */
export interface PublishedYears {
  year(year: number): CalendarYear | null;
}

export const isWeekend = (date: string): boolean =>
  [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

/**
 * Whether a date of `year` is a rest day under that year's arrangement: a make-up working day is worked
 * even on a weekend, a listed holiday is rest even on a weekday, otherwise Saturday and Sunday rest
 * (State Council Regulations on Working Hours of Employees art. 7; Civil Code art. 203 makes it matter).
 */
export function restDayIn(year: CalendarYear, date: string): boolean {
  if (year.workingDays.includes(date)) return false;
  if (year.restDays.includes(date)) return true;
  return isWeekend(date);
}
