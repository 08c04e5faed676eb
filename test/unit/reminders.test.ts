import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { acknowledgeReminder } from '../../domain/reminders/acknowledge.ts';
import { listReminders } from '../../domain/reminders/list-reminders.ts';
import { type DueClock, positionOf, type Reminder, remindAt, stepFor } from '../../domain/reminders/model.ts';
import type { SweepDeps } from '../../domain/reminders/ports.ts';
import { recomputeProvisional } from '../../domain/reminders/recompute-provisional.ts';
import { sweep } from '../../domain/reminders/sweep.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../domain/shared/errors.ts';
import { PublishedHolidayCalendar } from '../../functions/adapters/holiday-calendar.ts';
import { admin, mediator, OTHER_POST, outsider, POST, testClock } from '../support/fixtures.ts';
import { MemoryReminderStore } from '../support/memory-reminders.ts';

const PLAN = [
  { stage: 'DUE_IN_3_WORKING_DAYS', on: '2026-03-12' },
  { stage: 'DUE_IN_1_WORKING_DAY', on: '2026-03-16' },
  { stage: 'DUE_TODAY', on: '2026-03-17' },
  { stage: 'OVERDUE', on: '2026-03-18' },
] as const;

const aClock = (overrides: Partial<DueClock> = {}): DueClock => ({
  caseId: randomUUID(),
  clockId: 'MEDIATION-1',
  caseNumber: 'QD-SN-01-2026-000001',
  postId: POST,
  clock: 'MEDIATION',
  dueOn: '2026-03-17',
  status: 'RUNNING',
  reminders: PLAN,
  stageReached: null,
  updatedVersion: 1,
  ...overrides,
});

/** The instant an hour into a Shanghai date. */
const on = (date: string) => new Date(Date.parse(remindAt(date)) + 3_600_000).toISOString();

function harness(n = 3) {
  const store = new MemoryReminderStore();
  const clocks = Array.from({ length: n }, () => aClock());
  for (const c of clocks) store.addClock(c, positionOf(PLAN[0], '2026-03-02'));
  const published: Reminder[] = [];
  const expired: string[] = [];
  let failPublish = false;
  const deps: SweepDeps = {
    reminders: store,
    clock: testClock(),
    publisher: {
      publish: async (r) => {
        if (failPublish) throw new Error('SNS unavailable');
        published.push(r);
      },
    },
    expireClock: async (caseId) => {
      expired.push(caseId);
      const c = [...store.clocks.values()].find((x) => x.clock.caseId === caseId);
      if (c) {
        c.clock = { ...c.clock, status: 'EXPIRED', updatedVersion: c.clock.updatedVersion + 1 };
        c.position = null;
      }
      return 'expired';
    },
  };
  return { store, clocks, published, expired, deps, failPublishes: (v: boolean) => (failPublish = v) };
}

describe('stepFor', () => {
  it('raises the latest stage due, passing over stale ones, and waits at the next', () => {
    expect(stepFor(aClock(), '2026-03-12')).toEqual({
      kind: 'raise',
      stage: 'DUE_IN_3_WORKING_DAYS',
      next: { on: '2026-03-16', at: remindAt('2026-03-16') },
    });
    // A sweep catching up on the last day raises DUE_TODAY, not three reminders.
    expect(stepFor(aClock(), '2026-03-17')).toMatchObject({ kind: 'raise', stage: 'DUE_TODAY' });
    // A clock rewritten after a stage was raised only moves on.
    expect(stepFor(aClock({ stageReached: 'DUE_IN_1_WORKING_DAY' }), '2026-03-16')).toEqual({
      kind: 'reindex',
      next: { on: '2026-03-17', at: remindAt('2026-03-17') },
    });
    // After OVERDUE it stays in today's partition until its expiry is recorded.
    expect(stepFor(aClock(), '2026-03-19')).toEqual({
      kind: 'raise',
      stage: 'OVERDUE',
      next: { on: '2026-03-19', at: remindAt('2026-03-18') },
    });
    expect(stepFor(aClock({ stageReached: 'OVERDUE' }), '2026-03-19')).toEqual({ kind: 'expire' });
  });
});

describe('sweep', () => {
  it('raises each stage once over repeated and overlapping sweeps, and expires at OVERDUE', async () => {
    const h = harness();
    for (const p of PLAN) {
      const [a, b] = await Promise.all([sweep(h.deps, on(p.on)), sweep(h.deps, on(p.on))]);
      expect(a.raised.length + b.raised.length, p.stage).toBe(3);
      expect((await sweep(h.deps, on(p.on))).raised).toHaveLength(0);
    }
    expect(h.store.reminders.size).toBe(12);
    expect(h.published).toHaveLength(12);
    expect(h.expired.sort()).toEqual(h.clocks.map((c) => c.caseId).sort());
    const overdue = [...h.store.reminders.values()].filter((r) => r.stage === 'OVERDUE');
    expect(overdue.every((r) => r.escalated && r.severity === 'ESCALATION')).toBe(true);
  });

  it('keeps a reminder whose publish failed and publishes it on a later sweep', async () => {
    const h = harness(1);
    h.failPublishes(true);
    const first = await sweep(h.deps, on('2026-03-12'));
    expect(first.raised).toHaveLength(1);
    expect(first.publishFailures).toBe(1);
    h.failPublishes(false);
    const later = await sweep(h.deps, new Date(Date.parse(on('2026-03-12')) + 15 * 60_000).toISOString());
    expect(later.raised).toHaveLength(0);
    expect(h.published.map((r) => r.stage)).toEqual(['DUE_IN_3_WORKING_DAYS']);
    expect(await h.store.unpublished(10)).toEqual([]);
  });

  it('reads only the partitions of its window, and moves the checkpoint past drained days', async () => {
    const h = harness(1);
    const result = await sweep(h.deps, on('2026-03-12'));
    expect(result.dates).toEqual([
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
      '2026-03-12',
    ]);
    expect(h.store.stored).toBe('2026-03-11');
    expect((await sweep(h.deps, on('2026-03-13'))).dates).toEqual(['2026-03-11', '2026-03-12', '2026-03-13']);
  });
});

describe('the desk list and acknowledgement', () => {
  async function raisedAll() {
    const h = harness(1);
    for (const p of PLAN) await sweep(h.deps, on(p.on));
    return h;
  }

  it('shows mediators the reminders, supervisors and admins the escalations too, no other post', async () => {
    const h = await raisedAll();
    const supervisor = { ...mediator, sub: 'sup', role: 'supervisor' as const };
    expect((await listReminders(h.deps, mediator, {})).items.map((r) => r.stage)).not.toContain('OVERDUE');
    expect((await listReminders(h.deps, supervisor, {})).items).toHaveLength(4);
    expect((await listReminders(h.deps, admin, { postId: POST })).items).toHaveLength(4);
    expect((await listReminders(h.deps, outsider, {})).items).toEqual([]);
    await expect(listReminders(h.deps, mediator, { postId: OTHER_POST })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(listReminders(h.deps, mediator, { limit: 0 })).rejects.toBeInstanceOf(ValidationError);
  });

  it('acknowledges on the own post only, idempotently', async () => {
    const h = await raisedAll();
    const [first] = (await listReminders(h.deps, mediator, {})).items;
    const id = first?.reminderId as string;
    const acked = await acknowledgeReminder(h.deps, mediator, id);
    expect(acked).toMatchObject({ status: 'ACKNOWLEDGED', acknowledgedBy: mediator.sub });
    expect(await acknowledgeReminder(h.deps, { ...mediator, sub: 'other' }, id)).toEqual(acked);
    await expect(acknowledgeReminder(h.deps, outsider, id)).rejects.toBeInstanceOf(NotFoundError);
    const overdue = [...h.store.reminders.keys()].find((k) => k.endsWith('~OVERDUE')) as string;
    await expect(acknowledgeReminder(h.deps, mediator, overdue)).rejects.toBeInstanceOf(NotFoundError);
    await expect(acknowledgeReminder(h.deps, mediator, 'nope')).rejects.toBeInstanceOf(ValidationError);
    expect((await listReminders(h.deps, mediator, { status: 'ACKNOWLEDGED' })).items).toHaveLength(1);
  });
});

describe('recomputeProvisional', () => {
  it('recomputes the provisional clocks of the years the calendar covers, each case once', async () => {
    const store = new MemoryReminderStore();
    const covered = aClock();
    store.addClock(covered, null, 2026);
    store.addClock({ ...covered, clockId: 'LIMITATION-1' }, null, 2026);
    store.addClock(aClock(), null, 2099);
    const seen: string[] = [];
    const result = await recomputeProvisional({
      reminders: store,
      clock: testClock('2026-03-02T02:00:00.000Z'),
      calendar: new PublishedHolidayCalendar(),
      recomputeClocks: async (caseId) => {
        seen.push(caseId);
        return true;
      },
    });
    expect(result.years).toContain(2026);
    expect(result.years).not.toContain(2099);
    expect(seen).toEqual([covered.caseId]);
  });
});
