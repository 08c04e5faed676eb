import { describe, expect, it } from 'vitest';
import { remindAt } from '../../domain/reminders/model.ts';
import type { ShardTask, SweepDeps } from '../../domain/reminders/ports.ts';
import { dispatchSweep, planSweep } from '../../domain/reminders/sweep-plan.ts';
import { sweepShard } from '../../domain/reminders/sweep-shard.ts';
import { testClock } from '../support/fixtures.ts';
import { MemoryReminderStore } from '../support/memory-reminders.ts';

/**
 * The planner of the fanned-out sweep: one task per shard with work, the checkpoint moved only past dates
 * found empty (never past a date whose shards still hold work), and the tasks handed to the queue.
 */

const NOW = '2026-12-07T01:30:00.000Z';

function clockOn(store: MemoryReminderStore, caseId: string, on: string) {
  store.addClock(
    {
      caseId,
      clockId: 'MEDIATION-1',
      caseNumber: `QD-SN-01-2026-${caseId}`,
      postId: 'QD-SN-01',
      clock: 'MEDIATION',
      dueOn: '2026-12-20',
      status: 'RUNNING',
      reminders: [
        { stage: 'DUE_IN_3_WORKING_DAYS', on },
        { stage: 'DUE_IN_1_WORKING_DAY', on: '2026-12-18' },
      ],
      stageReached: null,
      updatedVersion: 1,
    },
    { on, at: remindAt(on) },
  );
}

function deps(store: MemoryReminderStore): SweepDeps {
  return {
    reminders: store,
    clock: testClock(NOW),
    publisher: { publish: async () => undefined },
    expireClock: async () => 'not-due',
  };
}

describe('the sweep plan', () => {
  it('plans the dates with work and moves the checkpoint past the empty ones before it only', async () => {
    const store = new MemoryReminderStore();
    store.stored = '2026-12-01';
    clockOn(store, 'a', '2026-12-03');
    clockOn(store, 'b', '2026-12-07');
    const plan = await planSweep(deps(store), NOW);
    expect(plan.dates).toEqual([
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
      '2026-12-07',
    ]);
    expect(plan.tasks).toEqual([
      { date: '2026-12-03', shard: 0, now: NOW },
      { date: '2026-12-07', shard: 0, now: NOW },
    ]);
    // 1 and 2 December were empty; the 3rd still holds a clock: the checkpoint stops there.
    expect(store.stored).toBe('2026-12-03');

    // Once its shard is swept, the next plan moves the checkpoint on to yesterday, never further.
    await sweepShard(deps(store), plan.tasks[0] as ShardTask);
    await planSweep(deps(store), NOW);
    expect(store.stored).toBe('2026-12-06');
  });

  it('hands every task to the queue, and nothing when nothing is due', async () => {
    const store = new MemoryReminderStore();
    clockOn(store, 'a', '2026-12-07');
    const sent: ShardTask[][] = [];
    const queue = { send: async (tasks: readonly ShardTask[]) => void sent.push([...tasks]) };
    const plan = await dispatchSweep(deps(store), queue, NOW);
    expect(sent).toEqual([[{ date: '2026-12-07', shard: 0, now: NOW }]]);
    expect(plan.tasks).toHaveLength(1);
    // The plan raises nothing itself: the clock waits for its shard's sweep.
    expect(store.reminders.size).toBe(0);

    await sweepShard(deps(store), plan.tasks[0] as ShardTask);
    expect(store.reminders.size).toBe(1);
    expect((await dispatchSweep(deps(store), queue, NOW)).tasks).toEqual([]);
  });

  it('stops a shard between pages when told to, and a retry of the task resumes after the last page', async () => {
    const store = new MemoryReminderStore();
    clockOn(store, 'a', '2026-12-07');
    const task = { date: '2026-12-07', shard: 0, now: NOW };
    const first = await sweepShard(deps(store), task, () => true);
    expect(first.done).toBe(false);
    expect(first.raised).toHaveLength(1);
    expect(await store.shardProgress(task)).not.toBeNull();
    const retry = await sweepShard(deps(store), task);
    expect(retry.read).toBe(0);
    expect(retry.done).toBe(true);
  });
});
