import { describe, expect, it } from 'vitest';
import { addDays } from '../../domain/clocks/legal-time.ts';
import { withLoadedYear } from '../../domain/clocks/recompute-clocks.ts';
import { remindAt } from '../../domain/reminders/model.ts';
import type { SweepDeps } from '../../domain/reminders/ports.ts';
import { recomputeProvisional } from '../../domain/reminders/recompute-provisional.ts';
import { SWEEP_LIMITS, sweep } from '../../domain/reminders/sweep.ts';
import { PublishedHolidayCalendar } from '../../functions/adapters/holiday-calendar.ts';
import { testClock } from '../support/fixtures.ts';
import { MemoryReminderStore } from '../support/memory-reminders.ts';

/**
 * What the local tools rely on in the domain: a sweep as of an earlier instant (`npm run sla -- --at` a past
 * date) never moves the checkpoint back, a sweep says whether it caught up (so `npm run sla` runs until it
 * has), and a calendar load recomputes its own year with the year as loaded.
 */

const on = (date: string) => new Date(Date.parse(remindAt(date)) + 3_600_000).toISOString();

function deps(store: MemoryReminderStore): SweepDeps {
  return {
    reminders: store,
    clock: testClock(),
    publisher: { publish: async () => undefined },
    expireClock: async () => 'expired',
  };
}

describe('the sweep checkpoint', () => {
  it('does not move back when a sweep runs as of an earlier date', async () => {
    const store = new MemoryReminderStore();
    await sweep(deps(store), on('2026-12-07'));
    expect(store.stored).toBe('2026-12-06');

    const past = await sweep(deps(store), on('2026-04-01'));
    expect(past.dates.at(-1)).toBe('2026-04-01');
    expect(store.stored).toBe('2026-12-06');
    expect((await sweep(deps(store), on('2026-12-07'))).dates).toEqual(['2026-12-06', '2026-12-07']);
  });

  it('reports a backlog cut short, and catches up over as many sweeps as it takes', async () => {
    const store = new MemoryReminderStore();
    store.stored = '2026-10-01';
    const runs: boolean[] = [];
    for (let i = 0; i < 10; i++) {
      const result = await sweep(deps(store), on('2026-12-07'));
      runs.push(result.caughtUp);
      if (result.caughtUp) break;
    }
    const backlog = 67; // 1 October to 6 December
    expect(runs).toHaveLength(Math.ceil(backlog / SWEEP_LIMITS.maxBacklogDates));
    expect(runs.at(-1)).toBe(true);
    expect(runs.slice(0, -1).every((caughtUp) => !caughtUp)).toBe(true);
    expect(store.stored).toBe(addDays('2026-12-07', -1));
  });
});

describe('a calendar load', () => {
  it('counts its year as loaded, other years as the calendar has them', () => {
    const calendar = withLoadedYear(new PublishedHolidayCalendar(), {
      year: 2031,
      restDays: ['2031-01-01', '2031-01-02'],
      workingDays: ['2031-01-04'],
    });
    expect(calendar.isRestDay('2031-01-02')).toBe(true);
    expect(calendar.isRestDay('2031-01-04')).toBe(false);
    expect(calendar.isRestDay('2031-01-05')).toBe(true);
    expect(calendar.isRestDay('2032-01-02')).toBeNull();
    expect(calendar.isRestDay('2026-10-01')).toBe(true);
  });

  it('recomputes only the loaded year when asked to', async () => {
    const store = new MemoryReminderStore();
    const calendar = withLoadedYear(new PublishedHolidayCalendar(), {
      year: 2031,
      restDays: ['2031-01-01'],
      workingDays: [],
    });
    const clock = (caseId: string) => ({
      caseId,
      clockId: 'MEDIATION-1',
      caseNumber: 'QD-SN-01-2030-000001',
      postId: 'QD-SN-01',
      clock: 'MEDIATION' as const,
      dueOn: '2031-01-10',
      status: 'RUNNING' as const,
      reminders: [],
      stageReached: null,
      updatedVersion: 1,
    });
    store.addClock(clock('c-2031'), null, 2031);
    store.addClock(clock('c-2026'), null, 2026);
    const seen: string[] = [];
    const result = await recomputeProvisional(
      {
        reminders: store,
        clock: testClock('2030-12-20T02:00:00.000Z'),
        calendar,
        recomputeClocks: async (caseId) => {
          seen.push(caseId);
          return true;
        },
      },
      { years: [2031] },
    );
    expect(result).toMatchObject({ years: [2031], cases: 1, changed: 1 });
    expect(seen).toEqual(['c-2031']);
  });
});
