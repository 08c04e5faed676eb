import { describe, expect, it } from 'vitest';
import { calendarDeadline, type HolidayCalendar, shanghaiDate } from '../../domain/legal-time.ts';

describe('legal days in Asia/Shanghai', () => {
  it('dates an instant by the Shanghai calendar, not UTC', () => {
    expect(shanghaiDate('2026-03-01T15:59:59.999Z')).toBe('2026-03-01');
    expect(shanghaiDate('2026-03-01T16:00:00.000Z')).toBe('2026-03-02');
  });

  it('does not count the start day and ends at Shanghai midnight (Civil Code art. 201)', () => {
    // Filed 2026-03-02 10:00 CST: 15 days run 3 March to 17 March inclusive.
    expect(calendarDeadline('2026-03-02T02:00:00Z', 15)).toBe('2026-03-17T15:59:59.999Z');
    // Filed 23:30 CST on 1 March (15:30 UTC) still starts on 1 March.
    expect(calendarDeadline('2026-03-01T15:30:00Z', 15)).toBe('2026-03-16T15:59:59.999Z');
  });

  it('rolls a last day that is a rest day forward to the next working day (art. 203)', () => {
    const calendar: HolidayCalendar = { isRestDay: (d) => d >= '2026-10-01' && d <= '2026-10-07' };
    expect(calendarDeadline('2026-09-16T02:00:00Z', 15, calendar)).toBe('2026-10-08T15:59:59.999Z');
  });

  it('lets a calendar without data for a year fail loudly', () => {
    const calendar: HolidayCalendar = {
      isRestDay: (d) => {
        throw new Error(`no holiday data for ${d.slice(0, 4)}`);
      },
    };
    expect(() => calendarDeadline('2031-01-01T00:00:00Z', 15, calendar)).toThrow(/no holiday data for 2031/);
  });
});
