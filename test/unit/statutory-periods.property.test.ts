import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HolidayCalendar } from '../../domain/clocks/calendar.ts';
import { addDays, addYears, periodDeadline, shanghaiDate } from '../../domain/clocks/legal-time.ts';
import { PERIOD_IDS, type PeriodUnit, STATUTORY_PERIODS } from '../../domain/clocks/periods.ts';
import { PublishedHolidayCalendar } from '../../functions/adapters/holiday-calendar.ts';

/**
 * Bounded properties of the deadline arithmetic: on the published calendar and on generated ones, a
 * deadline is never a rest day, never earlier than the start plus the length, and the earliest day that
 * satisfies both; and the same deadlines come out whatever the server's TZ is.
 */

const published = new PublishedHolidayCalendar();
const DAY_MS = 86_400_000;
const lastDay = (at: string) => shanghaiDate(at);
const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

/** Instants from 2025-01-01 to 2026-09-30 (the published years), any minute of the day. */
const instant2025to2026 = fc
  .integer({ min: Date.UTC(2025, 0, 1) / 60_000, max: Date.UTC(2026, 8, 30) / 60_000 })
  .map((minute) => new Date(minute * 60_000).toISOString());
const periodId = fc.constantFrom(...PERIOD_IDS);

/** The first day a period's length reaches, before any roll-forward (art. 201, 202). */
const nominal = (unit: PeriodUnit, start: string, length: number) =>
  unit === 'YEARS' ? addYears(start, length) : addDays(start, length);

describe('deadlines on the published calendar (2025–2026)', () => {
  it('never fall on a rest day, never before start + length, and are the first such day', () => {
    fc.assert(
      fc.property(periodId, instant2025to2026, (id, from) => {
        const period = STATUTORY_PERIODS[id];
        const due = periodDeadline(period, from, published);
        const last = lastDay(due.at);
        const start = shanghaiDate(from);
        const floor = nominal(period.unit, start, period.length);
        expect(last >= floor).toBe(true);
        if (due.provisional) return; // a year with no data: reported, not checked
        expect(published.isRestDay(last)).toBe(false);
        if (period.unit !== 'WORKING_DAYS') {
          // Every day from the nominal last day up to the deadline is a rest day (art. 203 moves no further).
          for (let d = floor; d < last; d = addDays(d, 1)) expect(published.isRestDay(d)).toBe(true);
        }
      }),
      { numRuns: 400, seed: 20_260_301 },
    );
  });
});

/** A generated calendar: some dates of a window are holidays, some weekend days are worked. */
const generatedCalendar = fc
  .record({
    holidays: fc.uniqueArray(fc.integer({ min: 0, max: 500 }), { maxLength: 120 }),
    worked: fc.uniqueArray(fc.integer({ min: 0, max: 500 }), { maxLength: 40 }),
  })
  .map(({ holidays, worked }): HolidayCalendar & { label: string } => {
    const base = Date.UTC(2030, 0, 1);
    const date = (n: number) => new Date(base + n * DAY_MS).toISOString().slice(0, 10);
    const off = new Set(holidays.map(date));
    const on = new Set(worked.map(date).filter(isWeekend));
    return {
      label: `off ${[...off].sort().join(',')} worked ${[...on].sort().join(',')}`,
      isRestDay: (d) => (on.has(d) ? false : off.has(d) ? true : isWeekend(d)),
    };
  });

describe('deadlines on generated calendars', () => {
  const from = fc
    .integer({ min: 0, max: 300 })
    .map((n) => new Date(Date.UTC(2030, 0, 1) + n * DAY_MS + 3_600_000).toISOString());
  const unit = fc.constantFrom<PeriodUnit>('CALENDAR_DAYS', 'WORKING_DAYS');
  const length = fc.integer({ min: 1, max: 60 });

  it('in either unit: never a rest day, never before start + length; working days count exactly', () => {
    fc.assert(
      fc.property(generatedCalendar, from, unit, length, (calendar, start, u, n) => {
        const due = periodDeadline({ ...STATUTORY_PERIODS.MEDIATION, unit: u, length: n }, start, calendar);
        const last = lastDay(due.at);
        const first = shanghaiDate(start);
        expect(due.provisional).toBe(false);
        expect(calendar.isRestDay(last)).toBe(false);
        expect(last >= addDays(first, n)).toBe(true);
        if (u === 'WORKING_DAYS') {
          let worked = 0;
          for (let d = addDays(first, 1); d <= last; d = addDays(d, 1)) if (!calendar.isRestDay(d)) worked++;
          expect(worked).toBe(n);
        } else {
          for (let d = addDays(first, n); d < last; d = addDays(d, 1))
            expect(calendar.isRestDay(d)).toBe(true);
        }
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});

describe('deadlines do not depend on the server’s TZ', () => {
  const run = promisify(execFile);
  const url = (path: string) => pathToFileURL(resolve(path)).href;
  // Zones west and east of UTC, as far as they go: a local-time bug moves a date by a day in one of them.
  const ZONES = ['UTC', 'America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];
  const cases = fc.sample(fc.tuple(periodId, instant2025to2026), { numRuns: 300, seed: 7 });
  const script = `
    const { periodDeadline } = await import(${JSON.stringify(url('domain/clocks/legal-time.ts'))});
    const { STATUTORY_PERIODS } = await import(${JSON.stringify(url('domain/clocks/periods.ts'))});
    const { PublishedHolidayCalendar } = await import(${JSON.stringify(url('functions/adapters/holiday-calendar.ts'))});
    const calendar = new PublishedHolidayCalendar();
    const cases = JSON.parse(process.argv[1]);
    const deadlines = cases.map(([id, from]) => periodDeadline(STATUTORY_PERIODS[id], from, calendar));
    const days = [];
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2027, 0, 1); t += ${DAY_MS}) {
      days.push(calendar.isRestDay(new Date(t).toISOString().slice(0, 10)) ? 1 : 0);
    }
    // The zone really applied: the local offset of a fixed instant.
    const offset = new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset();
    process.stdout.write(JSON.stringify({ deadlines, days: days.join(''), offset }));
  `;

  it('gives the same deadlines and rest days in every zone, equal to this process', async () => {
    const here = cases.map(([id, from]) => periodDeadline(STATUTORY_PERIODS[id], from, published));
    const answers = await Promise.all(
      ZONES.map(async (TZ) => {
        const { stdout } = await run(
          process.execPath,
          ['--input-type=module', '-e', script, JSON.stringify(cases)],
          { env: { PATH: process.env.PATH, TZ }, maxBuffer: 4 * 1024 * 1024 },
        );
        return { TZ, ...(JSON.parse(stdout) as { deadlines: unknown; days: string; offset: number }) };
      }),
    );
    expect(new Set(answers.map((a) => a.offset)).size, 'the child processes ran in different zones').toBe(
      ZONES.length,
    );
    for (const a of answers) {
      expect(a.deadlines, a.TZ).toEqual(here);
      expect(a.days, a.TZ).toBe(answers[0]?.days);
    }
  }, 30_000);
});
