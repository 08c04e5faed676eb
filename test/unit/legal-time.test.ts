import { describe, expect, it } from 'vitest';
import type { HolidayCalendar } from '../../domain/clocks/calendar.ts';
import { calendarDeadline, shanghaiDate } from '../../domain/clocks/legal-time.ts';
import { PublishedHolidayCalendar } from '../../functions/adapters/holiday-calendar.ts';

describe('legal days in Asia/Shanghai', () => {
  it('dates an instant by the Shanghai calendar, not UTC', () => {
    expect(shanghaiDate('2026-03-01T15:59:59.999Z')).toBe('2026-03-01');
    expect(shanghaiDate('2026-03-01T16:00:00.000Z')).toBe('2026-03-02');
  });

  const noRestDays: HolidayCalendar = { isRestDay: () => false };
  const published = new PublishedHolidayCalendar();

  it('does not count the start day and ends at Shanghai midnight (Civil Code art. 201)', () => {
    // Filed 2026-03-02 10:00 CST: 15 days run 3 March to 17 March inclusive.
    expect(calendarDeadline('2026-03-02T02:00:00Z', 15, noRestDays).at).toBe('2026-03-17T15:59:59.999Z');
    // Filed 23:30 CST on 1 March (15:30 UTC) still starts on 1 March.
    expect(calendarDeadline('2026-03-01T15:30:00Z', 15, noRestDays).at).toBe('2026-03-16T15:59:59.999Z');
  });

  it('rolls a last day that is a rest day forward to the next working day (art. 203)', () => {
    // 15 days from 16 Sep 2026 end on 1 Oct, in the National Day holiday (1–7 Oct): the period ends 8 Oct.
    expect(calendarDeadline('2026-09-16T02:00:00Z', 15, published)).toEqual({
      at: '2026-10-08T15:59:59.999Z',
      provisional: false,
    });
    // A last day on Saturday 7 March 2026 moves to Monday 9 March.
    expect(calendarDeadline('2026-02-20T02:00:00Z', 15, published).at).toBe('2026-03-09T15:59:59.999Z');
    // Saturday 14 Feb 2026 is a make-up working day (调休): no roll-forward.
    expect(calendarDeadline('2026-01-30T02:00:00Z', 15, published).at).toBe('2026-02-14T15:59:59.999Z');
  });

  it('marks a deadline provisional when the calendar has no data for its year, never guessing weekends', () => {
    const future = published.covers(2099);
    expect(future).toBe(false);
    expect(published.isRestDay('2099-01-03')).toBeNull();
    expect(calendarDeadline('2099-06-01T02:00:00Z', 15, published)).toEqual({
      at: '2099-06-16T15:59:59.999Z',
      provisional: true,
    });
  });
});
