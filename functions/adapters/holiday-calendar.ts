import chineseDays from 'chinese-days';
import type { HolidayCalendar } from '../../domain/clocks/calendar.ts';

/**
 * The State Council holiday calendar as shipped by the `chinese-days` package (statutory holidays and the
 * make-up working days, 调休). A year the package has no data for answers null instead of falling back to
 * weekends; upgrading the package brings each newly published year.
 */
export class PublishedHolidayCalendar implements HolidayCalendar {
  readonly #covered = new Map<number, boolean>();

  isRestDay(date: string): boolean | null {
    const year = Number(date.slice(0, 4));
    if (!this.covers(year)) return null;
    return chineseDays.isHoliday(date);
  }

  /** A year is covered when the package lists statutory holidays (New Year's Day at least) for it. */
  covers(year: number): boolean {
    let known = this.#covered.get(year);
    if (known === undefined) {
      known = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
      this.#covered.set(year, known);
    }
    return known;
  }
}
