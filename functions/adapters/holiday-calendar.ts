import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import {
  type CalendarYear,
  type HolidayCalendar,
  type PublishedYears,
  restDayIn,
} from '../../domain/clocks/calendar.ts';

/**
 * The State Council holiday calendar as shipped by the `chinese-days` package (statutory holidays and the
 * make-up working days, 调休). A year the package has no data for answers null instead of falling back to
 * weekends; upgrading the package brings each newly published year.
 *
 * It reads the package's data file, not its functions: those format dates with the server's local time,
 * so west of UTC (`TZ=America/Los_Angeles`) they answer for the day before. Dates here are plain
 * YYYY-MM-DD strings and weekdays come from UTC, whatever `TZ` is.
 */
export class PublishedHolidayCalendar implements HolidayCalendar, PublishedYears {
  readonly #years = new Map<number, CalendarYear | null>();

  isRestDay(date: string): boolean | null {
    const year = this.year(Number(date.slice(0, 4)));
    return year === null ? null : restDayIn(year, date);
  }

  /** A year is covered when the package lists statutory holidays (New Year's Day at least) for it. */
  covers(year: number): boolean {
    return this.year(year) !== null;
  }

  year(year: number): CalendarYear | null {
    let known = this.#years.get(year);
    if (known === undefined) {
      const inYear = (dates: Record<string, string>) =>
        Object.keys(dates)
          .filter((d) => d.startsWith(`${year}-`))
          .sort();
      const restDays = inYear(data.holidays);
      known = restDays.length > 0 ? { year, restDays, workingDays: inYear(data.workdays) } : null;
      this.#years.set(year, known);
    }
    return known;
  }
}
