import { describe, expect, it } from 'vitest';
import type { CalendarYears, StoredCalendarYear } from '../../domain/clocks/calendar.ts';
import { type CalendarDeps, loadCalendarYear, readCalendarYear } from '../../domain/clocks/calendar-years.ts';
import { calendarDeadline } from '../../domain/clocks/legal-time.ts';
import { ForbiddenError, ValidationError } from '../../domain/shared/errors.ts';
import { PublishedHolidayCalendar } from '../../functions/adapters/holiday-calendar.ts';
import { LayeredHolidayCalendar } from '../../functions/adapters/layered-calendar.ts';
import { admin, mediator } from '../support/fixtures.ts';

/** The admin-loaded years in memory, counting the reads of the whole set. */
class MemoryCalendarYears implements CalendarYears {
  readonly years = new Map<number, StoredCalendarYear>();
  allCalls = 0;
  async get(year: number) {
    return this.years.get(year) ?? null;
  }
  async put(year: StoredCalendarYear) {
    this.years.set(year.year, year);
  }
  async all() {
    this.allCalls++;
    return [...this.years.values()];
  }
}

const setup = () => {
  const calendarYears = new MemoryCalendarYears();
  const published = new PublishedHolidayCalendar();
  const deps: CalendarDeps & { published: PublishedHolidayCalendar } = {
    calendarYears,
    published,
    clock: { now: () => '2026-11-20T02:00:00.000Z' },
  };
  return { calendarYears, deps };
};

/** 2027 as an admin might load it before the package has it (dates for the test, not the real notice). */
const Y2027 = {
  restDays: ['2027-01-01', '2027-02-06', '2027-02-07', '2027-02-08', '2027-10-01', '2027-10-04'],
  workingDays: ['2027-02-20', '2027-01-31'],
};

const issuesOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues;
};

describe('loading a calendar year', () => {
  it('stores an admin’s year, sorted, with who and when, and reads it back as ADMIN', async () => {
    const { deps, calendarYears } = setup();
    const loaded = await loadCalendarYear(deps, admin, '2027', () => Y2027);
    expect(loaded).toEqual({
      year: 2027,
      source: 'ADMIN',
      restDays: [...Y2027.restDays].sort(),
      workingDays: ['2027-01-31', '2027-02-20'],
      updatedAt: '2026-11-20T02:00:00.000Z',
      updatedBy: admin.sub,
    });
    expect(await readCalendarYear(deps, '2027')).toEqual(loaded);
    // A PUT replaces the year: the same load again leaves the same item.
    await loadCalendarYear(deps, admin, '2027', () => Y2027);
    expect(calendarYears.years.size).toBe(1);
  });

  it('answers PACKAGE for a year the package ships and NONE for one nobody has', async () => {
    const { deps } = setup();
    const y2026 = await readCalendarYear(deps, '2026');
    expect(y2026).toMatchObject({ year: 2026, source: 'PACKAGE' });
    expect(y2026.restDays).toContain('2026-02-15');
    expect(y2026.workingDays).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(y2026).not.toHaveProperty('updatedAt');
    expect(await readCalendarYear(deps, '2099')).toEqual({
      year: 2099,
      source: 'NONE',
      restDays: [],
      workingDays: [],
    });
  });

  it('lets only an admin load, before reading the body', async () => {
    const { deps } = setup();
    let read = false;
    const body = () => {
      read = true;
      return {};
    };
    await expect(loadCalendarYear(deps, mediator, '2027', body)).rejects.toThrow(ForbiddenError);
    await expect(loadCalendarYear(deps, { ...mediator, role: 'supervisor' }, '2027', body)).rejects.toThrow(
      ForbiddenError,
    );
    expect(read).toBe(false);
  });

  it.each([
    ['2026x', 'year'],
    ['1999', 'year'],
    ['2101', 'year'],
    [undefined, 'year'],
  ])('refuses the year %s naming %s', async (year, field) => {
    const { deps } = setup();
    const issues = await issuesOf(loadCalendarYear(deps, admin, year, () => Y2027));
    expect(issues.map((i) => i.field)).toEqual([field]);
    await expect(readCalendarYear(deps, year)).rejects.toThrow(ValidationError);
  });

  it.each([
    ['a date outside the year', { ...Y2027, restDays: ['2026-12-31', '2027-01-01'] }, ['restDays[0]']],
    ['a date in both lists', { ...Y2027, workingDays: ['2027-02-06'] }, ['workingDays[0]']],
    ['a duplicate', { ...Y2027, restDays: ['2027-01-01', '2027-01-01'] }, ['restDays[1]']],
    ['not a date', { ...Y2027, restDays: ['2027-02-30'] }, ['restDays[0]']],
    ['a weekday as a make-up working day', { ...Y2027, workingDays: ['2027-02-22'] }, ['workingDays[0]']],
    ['no rest days', { ...Y2027, restDays: [] }, ['restDays']],
    ['a list of the wrong type', { ...Y2027, workingDays: '2027-02-20' }, ['workingDays']],
    ['a number for a date', { ...Y2027, restDays: [20270101] }, ['restDays[0]']],
    ['a missing list', { restDays: Y2027.restDays }, ['workingDays']],
    ['an unknown field', { ...Y2027, notes: 'x' }, ['notes']],
    ['too many dates', { ...Y2027, restDays: Array.from({ length: 61 }, () => '2027-01-01') }, ['restDays']],
  ])('refuses %s, naming the field', async (_, body, fields) => {
    const { deps, calendarYears } = setup();
    const issues = await issuesOf(loadCalendarYear(deps, admin, '2027', () => body));
    expect(issues.map((i) => i.field)).toEqual(fields);
    expect(calendarYears.years.size).toBe(0);
  });
});

describe('the layered calendar', () => {
  it('answers from an admin-loaded year first and the package otherwise', async () => {
    const { deps, calendarYears } = setup();
    const layered = new LayeredHolidayCalendar(calendarYears, deps.published);
    await layered.fresh();
    expect(layered.isRestDay('2027-02-08')).toBeNull();
    expect(layered.isRestDay('2026-10-08')).toBe(false);

    await loadCalendarYear(deps, admin, '2027', () => Y2027);
    // An admin's 2026 that (unlike the package) rests on 8 Oct.
    await loadCalendarYear(deps, admin, '2026', () => ({
      restDays: ['2026-10-01', '2026-10-08'],
      workingDays: [],
    }));
    const fresh = new LayeredHolidayCalendar(calendarYears, deps.published);
    await fresh.fresh();
    expect(fresh.isRestDay('2027-02-08')).toBe(true);
    expect(fresh.isRestDay('2027-02-20')).toBe(false); // a Saturday worked
    expect(fresh.isRestDay('2027-03-01')).toBe(false);
    expect(fresh.isRestDay('2026-10-08')).toBe(true);
    expect(fresh.isRestDay('2025-10-01')).toBe(true); // the package's 2025
    // 15 days from 16 Sep 2026 end 1 Oct; the admin's 2026 rests 1 Oct and 8 Oct, not 2–7 Oct.
    expect(calendarDeadline('2026-09-16T02:00:00Z', 15, fresh).at).toBe('2026-10-02T15:59:59.999Z');
    // 2027 is no longer provisional.
    expect(calendarDeadline('2027-01-20T02:00:00Z', 17, fresh)).toEqual({
      at: '2027-02-09T15:59:59.999Z',
      provisional: false,
    });
  });

  it('reads the stored years once per TTL, shared by concurrent requests', async () => {
    const { deps, calendarYears } = setup();
    let now = 0;
    const layered = new LayeredHolidayCalendar(calendarYears, deps.published, {
      ttlMs: 1000,
      now: () => now,
    });
    await Promise.all([layered.fresh(), layered.fresh(), layered.fresh()]);
    expect(calendarYears.allCalls).toBe(1);
    now = 999;
    await layered.fresh();
    expect(calendarYears.allCalls).toBe(1);
    await loadCalendarYear(deps, admin, '2027', () => Y2027);
    expect(layered.isRestDay('2027-02-08')).toBeNull();
    now = 1000;
    await layered.fresh();
    expect(calendarYears.allCalls).toBe(2);
    expect(layered.isRestDay('2027-02-08')).toBe(true);
  });
});

describe('the layered calendar when the read fails or is kept', () => {
  it('keeps the package’s data, then the last good copy, and tries again on the next use', async () => {
    const { deps, calendarYears } = setup();
    await loadCalendarYear(deps, admin, '2027', () => Y2027);
    let failing = true;
    const flaky: CalendarYears = {
      get: (y) => calendarYears.get(y),
      put: (y) => calendarYears.put(y),
      all: () => (failing ? Promise.reject(new Error('unreachable')) : calendarYears.all()),
    };
    let now = 0;
    const layered = new LayeredHolidayCalendar(flaky, deps.published, { ttlMs: 1000, now: () => now });
    await layered.fresh();
    expect(layered.isRestDay('2027-02-08')).toBeNull();
    expect(layered.isRestDay('2026-10-01')).toBe(true);
    await new Promise((r) => setTimeout(r, 0)); // the background read those answers started fails too
    failing = false;
    await layered.fresh();
    expect(layered.isRestDay('2027-02-08')).toBe(true);
    failing = true;
    now = 5000;
    await layered.fresh();
    expect(layered.isRestDay('2027-02-08')).toBe(true);
  });

  it('refreshes in the background for a caller that kept it', async () => {
    const { deps, calendarYears } = setup();
    let now = 0;
    const layered = new LayeredHolidayCalendar(calendarYears, deps.published, {
      ttlMs: 1000,
      now: () => now,
    });
    await layered.fresh();
    await loadCalendarYear(deps, admin, '2027', () => Y2027);
    now = 2000;
    expect(layered.isRestDay('2027-02-08')).toBeNull(); // stale: answers, and starts a read
    await new Promise((r) => setTimeout(r, 0));
    expect(calendarYears.allCalls).toBe(2);
    expect(layered.isRestDay('2027-02-08')).toBe(true);
  });
});
