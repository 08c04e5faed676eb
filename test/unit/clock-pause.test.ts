import { describe, expect, it } from 'vitest';
import type { Case } from '../../domain/case/model.ts';
import type { HolidayCalendar } from '../../domain/clocks/calendar.ts';
import {
  daysBetween,
  extend,
  lapsed,
  nextDue,
  pause,
  recomputed,
  resume,
  startClock,
} from '../../domain/clocks/clock.ts';
import type { CaseClock } from '../../domain/clocks/model.ts';
import { STATUTORY_PERIODS } from '../../domain/clocks/periods.ts';
import { ISSUE_AWARD } from '../../domain/lifecycle/actions/arbitration.ts';
import { clocksAfter, NO_CLOCKS } from '../../domain/lifecycle/definition.ts';
import { ValidationError } from '../../domain/shared/errors.ts';
import { clockUpdates, initialPosition } from '../../functions/adapters/dynamodb/clock-items.ts';
import { PublishedHolidayCalendar } from '../../functions/adapters/holiday-calendar.ts';

const calendar = new PublishedHolidayCalendar();
const AWARD = STATUTORY_PERIODS.ARBITRATION_AWARD;
const ACCEPTANCE = STATUTORY_PERIODS.ARBITRATION_ACCEPTANCE;
const award = { period: AWARD, calendar };

/** A case holding one clock, as the store writes it at `version`. */
const caseWith = (clock: CaseClock, version: number) =>
  ({
    caseId: '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
    caseNumber: 'QD-SN-2026-000001',
    postId: 'QD-SN-01',
    version,
    updatedAt: '2026-03-20T02:00:00.000Z',
    clocks: [clock],
  }) as unknown as Case;

describe('clock primitives: pause, resume, extend', () => {
  it('MOHRSS Rules 2017 art. 46: a paused award clock neither lapses, reminds nor is due; resumed, it ends later by the days paused', () => {
    const running = startClock(AWARD, '2026-03-02', 3, calendar);
    expect(running.dueOn).toBe('2026-04-16');

    const paused = pause(running, '2026-03-10', 'an expert opinion is awaited', 4);
    expect(paused).toMatchObject({
      status: 'PAUSED',
      pausedOn: '2026-03-10',
      pauseReason: 'an expert opinion is awaited',
      updatedVersion: 4,
    });
    // Long past its old end, a paused clock has not run out and sits on no desk.
    expect(lapsed([paused], 'ARBITRATION_AWARD', '2026-05-30T00:00:00.000Z')).toBe(false);
    expect(nextDue([paused])).toBeNull();
    // Its item leaves the due index, so the reminder sweep never finds it due.
    expect(initialPosition(paused, '2026-03-10T02:00:00.000Z')).toBeNull();
    const [pausedWrite] = clockUpdates('t', { next: caseWith(paused, 4), events: [] });
    expect(pausedWrite?.Update.UpdateExpression).toMatch(/REMOVE dueKey, remindKey/);

    const resumed = resume(paused, '2026-03-20T02:00:00.000Z', 5, award);
    // Ten calendar days paused (11 to 20 March): 45 + 10 days from 2 March.
    expect(resumed).toMatchObject({
      status: 'RUNNING',
      startedOn: '2026-03-02',
      dueOn: startClock({ ...AWARD, length: 55 }, '2026-03-02', 5, calendar).dueOn,
      adjustments: [
        {
          kind: 'PAUSED',
          days: 10,
          basis: 'an expert opinion is awaited',
          from: '2026-03-10',
          to: '2026-03-20',
        },
      ],
      updatedVersion: 5,
    });
    expect(resumed.dueOn > running.dueOn).toBe(true);
    expect(resumed).not.toHaveProperty('pausedOn');
    expect(resumed.reminders.find((r) => r.stage === 'DUE_TODAY')?.on).toBe(resumed.dueOn);
    // Running again, it waits in the due index at its first reminder.
    expect(initialPosition(resumed, '2026-03-20T02:00:00.000Z')).not.toBeNull();
    const [resumedWrite] = clockUpdates('t', { next: caseWith(resumed, 5), events: [] });
    expect(resumedWrite?.Update.UpdateExpression).not.toMatch(/REMOVE dueKey/);
  });

  it('counts a pause of a working-day clock in working days (LDMAL art. 29, MOHRSS Rules 2017)', () => {
    // 4 to 11 March 2026: Thursday to the next Wednesday — five working days after the pause day.
    expect(daysBetween('WORKING_DAYS', '2026-03-04', '2026-03-11', calendar)).toBe(5);
    expect(daysBetween('CALENDAR_DAYS', '2026-03-04', '2026-03-11', calendar)).toBe(7);
    const running = startClock(ACCEPTANCE, '2026-03-02', 1, calendar);
    const resumed = resume(pause(running, '2026-03-04', 'materials', 2), '2026-03-11', 3, {
      period: ACCEPTANCE,
      calendar,
    });
    expect(resumed.dueOn).toBe(startClock({ ...ACCEPTANCE, length: 10 }, '2026-03-02', 3, calendar).dueOn);
  });

  it('pauses only a running clock and resumes only a paused one, once', () => {
    const running = startClock(AWARD, '2026-03-02', 1, calendar);
    expect(resume(running, '2026-03-05', 2, award)).toBe(running);
    const paused = pause(running, '2026-03-03', 'r', 2);
    expect(pause(paused, '2026-03-04', 'again', 3)).toBe(paused);
    const met = { ...running, status: 'MET' as const };
    expect(pause(met, '2026-03-03', 'r', 2)).toBe(met);
  });

  it('LDMAL art. 43: an extension of the award period lengthens it by at most 15 days in all', () => {
    const running = startClock(AWARD, '2026-03-02', 1, calendar);
    const extended = extend(running, 10, 'LDMAL art. 43', '2026-04-10', 2, award);
    expect(extended).toMatchObject({
      status: 'RUNNING',
      dueOn: startClock({ ...AWARD, length: 55 }, '2026-03-02', 2, calendar).dueOn,
      adjustments: [{ kind: 'EXTENDED', days: 10, basis: 'LDMAL art. 43', from: '2026-04-10' }],
      updatedVersion: 2,
    });
    expect(() => extend(extended, 6, 'LDMAL art. 43', '2026-04-12', 3, award)).toThrow(ValidationError);
    expect(extend(extended, 5, 'LDMAL art. 43', '2026-04-12', 3, award).dueOn).toBe(
      startClock({ ...AWARD, length: 60 }, '2026-03-02', 3, calendar).dueOn,
    );
    // A period the law does not let anyone extend.
    const acceptance = startClock(ACCEPTANCE, '2026-03-02', 1, calendar);
    expect(() => extend(acceptance, 1, 'x', '2026-03-03', 2, { period: ACCEPTANCE, calendar })).toThrow(
      ValidationError,
    );
  });

  it('a clock stored before adjustments existed recomputes as before; one with adjustments keeps them', () => {
    // No holiday data at all: every clock is provisional, and loading the year counts it again.
    const blind: HolidayCalendar = { isRestDay: () => null };
    const stored = startClock(AWARD, '2026-03-02', 1, blind);
    expect(stored).not.toHaveProperty('adjustments');
    expect(recomputed(stored, AWARD, 2, calendar)?.dueOn).toBe(
      startClock(AWARD, '2026-03-02', 2, calendar).dueOn,
    );

    const extended = extend(stored, 15, 'LDMAL art. 43', '2026-04-01', 2, { period: AWARD, calendar: blind });
    const again = recomputed(extended, AWARD, 3, calendar);
    expect(again?.adjustments).toEqual(extended.adjustments);
    expect(again?.dueOn).toBe(startClock({ ...AWARD, length: 60 }, '2026-03-02', 3, calendar).dueOn);
  });

  it('LDMAL art. 27(3): a paused limitation year ends later by the calendar days it was paused', () => {
    const LIMITATION = STATUTORY_PERIODS.LIMITATION;
    const running = startClock(LIMITATION, '2025-06-10', 1, calendar);
    const resumed = resume(pause(running, '2025-09-01', 'force majeure', 2), '2025-09-21', 3, {
      period: LIMITATION,
      calendar,
    });
    expect(resumed.adjustments?.[0]?.days).toBe(20);
    // 10 June 2026 + 20 days = 30 June 2026, a Tuesday.
    expect(resumed.dueOn).toBe('2026-06-30');
  });

  it('a paused clock ends MET when its period is stopped, STOPPED at a terminal state', () => {
    const paused = pause(startClock(AWARD, '2026-03-02', 1, calendar), '2026-03-05', 'r', 2);
    const ctx = { now: '2026-06-01T00:00:00.000Z', periods: STATUTORY_PERIODS, calendar };
    const c = caseWith(paused, 2);
    const payload = { reference: 'r', final: false, awardFen: 1, servedOn: '2026-05-30' };
    expect(clocksAfter(ISSUE_AWARD, c, payload, false, 3, ctx)[0]?.status).toBe('MET');
    const close = { ...ISSUE_AWARD, clocks: NO_CLOCKS };
    expect(clocksAfter(close, c, {}, true, 3, ctx)[0]?.status).toBe('STOPPED');
  });
});
