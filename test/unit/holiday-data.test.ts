import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PublishedHolidayCalendar } from '../../functions/adapters/holiday-calendar.ts';
import { HOLIDAY_DATA_VERSION, PUBLISHED_YEARS } from '../../functions/adapters/holiday-data.ts';
import {
  HOLIDAY_DATA_FILE,
  packageData,
  packageVersion,
  render,
  yearsOf,
} from '../../infra/tools/holiday-data.ts';

/** The package's data file read the way the calendar read it before it was compacted. */
function packageYear(year: number) {
  const data = packageData();
  const inYear = (dates: Record<string, string>) =>
    Object.keys(dates)
      .filter((d) => d.startsWith(`${year}-`))
      .sort();
  const restDays = inYear(data.holidays);
  return restDays.length > 0 ? { year, restDays, workingDays: inYear(data.workdays) } : null;
}

describe('the published holiday data (functions/adapters/holiday-data.ts)', () => {
  it('is generated from the installed chinese-days (run `npm run holidays` after upgrading it)', () => {
    expect(HOLIDAY_DATA_VERSION, 'npm run holidays').toBe(packageVersion());
    const fresh = render(packageVersion(), yearsOf(packageData()));
    // Compared without formatting: biome may wrap the generated lines.
    const compact = (text: string) => text.replace(/\s+/g, '').replace(/,([\]}])/g, '$1');
    expect(compact(readFileSync(HOLIDAY_DATA_FILE, 'utf8')), 'npm run holidays').toBe(compact(fresh));
  });

  it('gives every year the rest days and working days the package lists, and none for other years', () => {
    const calendar = new PublishedHolidayCalendar();
    const years = Object.keys(PUBLISHED_YEARS).map(Number);
    expect(years.length).toBeGreaterThan(20);
    for (let year = Math.min(...years) - 2; year <= Math.max(...years) + 2; year++) {
      expect(calendar.year(year), String(year)).toEqual(packageYear(year));
    }
    expect(calendar.isRestDay('2026-10-01')).toBe(true);
    expect(calendar.isRestDay('2026-10-10')).toBe(false);
    expect(calendar.isRestDay('1999-10-01')).toBeNull();
  });
});
