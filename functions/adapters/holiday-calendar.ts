import {
  type CalendarYear,
  type HolidayCalendar,
  type PublishedYears,
  restDayIn,
} from '../../domain/clocks/calendar.ts';
import { PUBLISHED_YEARS } from './holiday-data.ts';

/**
 * The State Council holiday calendar as shipped by the `chinese-days` package (statutory holidays and the
 * make-up working days, 调休). A year the package has no data for answers null instead of falling back to
 * weekends; upgrading the package brings each newly published year.
 *
 * It reads the package's data, not its functions: those format dates with the server's local time, so
 * west of UTC (`TZ=America/Los_Angeles`) they answer for the day before. Dates here are plain YYYY-MM-DD
 * strings and weekdays come from UTC, whatever `TZ` is. The data is the package's data file as
 * `npm run holidays` compacts it (holiday-data.ts: a list of days per year, expanded when a year is first
 * counted in); a unit test fails when the two differ.
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
      const [rest, work] = PUBLISHED_YEARS[year] ?? ['', ''];
      const dates = (list: string) =>
        list === '' ? [] : list.split(',').map((mmdd) => `${year}-${mmdd.slice(0, 2)}-${mmdd.slice(2)}`);
      known = rest === '' ? null : { year, restDays: dates(rest), workingDays: dates(work) };
      this.#years.set(year, known);
    }
    return known;
  }
}
