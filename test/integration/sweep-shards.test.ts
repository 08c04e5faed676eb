import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { Reminder } from '../../domain/reminders/model.ts';
import type { ReminderStore, ShardTask, SweepDeps } from '../../domain/reminders/ports.ts';
import { sweep } from '../../domain/reminders/sweep.ts';
import { planSweep } from '../../domain/reminders/sweep-plan.ts';
import { sweepShard } from '../../domain/reminders/sweep-shard.ts';
import { shardOf } from '../../functions/adapters/dynamodb/clock-items.ts';
import { DynamoReminderStore } from '../../functions/adapters/dynamodb/reminder-repository.ts';
import { DUE_SHARD_COUNTS, DUE_SHARDS, keys } from '../../functions/adapters/dynamodb/table-design.ts';
import { seedRunningClocks } from '../support/clock-seed.ts';
import { freshCasesTableEach } from '../support/dynamodb.ts';

/**
 * The fanned-out sweep against DynamoDB Local, shard by shard: the plan names exactly the shards with
 * due clocks; two workers on one shard, or a worker that stopped (for time, or crashed) and its retry, raise
 * every reminder once; a retry resumes from the shard's checkpoint; a clock indexed under an older, smaller
 * shard count is still found.
 */

const table = freshCasesTableEach();

const TODAY = '2026-03-16';
const NOW = `${TODAY}T01:00:00.000Z`;

function deps(store: ReminderStore, published: Reminder[]): SweepDeps {
  return {
    reminders: store,
    clock: { now: () => NOW },
    publisher: { publish: async (r) => void published.push(r) },
    expireClock: async () => 'not-due',
  };
}

/** `n` case ids whose clocks fall in `shard` under the current count. */
function idsInShard(shard: number, n: number): string[] {
  const ids: string[] = [];
  while (ids.length < n) {
    const id = randomUUID();
    if (shardOf(id) === shard) ids.push(id);
  }
  return ids;
}

/** Every reminder item of these cases (a Query per case partition). */
async function storedReminders(caseIds: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const caseId of caseIds) {
    const page = await table.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :r)',
        ExpressionAttributeValues: { ':pk': `CASE#${caseId}`, ':r': 'REMINDER#' },
      }),
    );
    out.push(...(page.Items ?? []).map((i) => `${i.PK}|${i.SK}`));
  }
  return out;
}

describe('the fanned-out sweep on DynamoDB Local', () => {
  it('plans one task per shard with due clocks, and overlapping workers per shard raise each once', async () => {
    const { dueCaseIds } = await seedRunningClocks(table.doc, table.tableName, {
      today: TODAY,
      due: 60,
      later: 40,
    });
    const store = new DynamoReminderStore(table.doc, table.tableName, null);
    const plan = await planSweep({ reminders: store }, NOW);
    const expected = [...new Set(dueCaseIds.map((id) => shardOf(id)))].sort((a, b) => a - b);
    expect(plan.tasks.filter((t) => t.date === TODAY).map((t) => t.shard)).toEqual(expected);
    expect(plan.tasks.every((t) => t.date === TODAY && t.now === NOW)).toBe(true);

    // Every task swept by two workers at once (a task delivered twice, a plan made while the last ran).
    const published: Reminder[] = [];
    const results = await Promise.all(
      plan.tasks.flatMap((task) => [
        sweepShard(deps(store, published), task),
        sweepShard(deps(store, published), task),
      ]),
    );
    expect(results.reduce((n, r) => n + r.raised.length, 0)).toBe(dueCaseIds.length);
    expect(results.every((r) => r.failures === 0 && r.done)).toBe(true);
    const stored = await storedReminders(dueCaseIds);
    expect(stored).toHaveLength(dueCaseIds.length);
    expect(published).toHaveLength(dueCaseIds.length);
    // Drained: the next plan finds no shard with work today.
    expect((await planSweep({ reminders: store }, NOW)).tasks).toHaveLength(0);
  }, 300_000);

  it('resumes a shard from its checkpoint after a stop for time, and after a crash raises nothing twice', async () => {
    const shard = 5;
    const caseIds = idsInShard(shard, 260);
    await seedRunningClocks(table.doc, table.tableName, { today: TODAY, due: 260, later: 0, caseIds });
    const store = new DynamoReminderStore(table.doc, table.tableName, null);
    const task: ShardTask = { date: TODAY, shard, now: NOW };
    const published: Reminder[] = [];

    // Out of time after the first page: it stops, its checkpoint at the page's last clock.
    const first = await sweepShard(deps(store, published), task, () => true);
    expect(first.done).toBe(false);
    expect(first.read).toBe(200);
    expect(first.raised).toHaveLength(200);
    expect(await store.shardProgress(task)).not.toBeNull();

    // A crash in the second page: the store "dies" after 30 more raises (a fault double: DynamoDB Local
    // cannot kill a process at a chosen write). Its writes stand; the checkpoint stays at the first page.
    let raises = 0;
    const dying = new Proxy(store, {
      get(target, name) {
        const value = Reflect.get(target, name, target) as unknown;
        if (typeof value !== 'function') return value;
        // The read goes on (an async iterable); every write after the crash point fails.
        if (name === 'dueInShard' || name === 'shardProgress') return value.bind(target);
        return async (...args: unknown[]) => {
          if (raises >= 30) throw new Error('process died');
          const out = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          if (name === 'raise') raises++;
          return out;
        };
      },
    }) as ReminderStore;
    const crashed = await sweepShard(deps(dying, published), task).catch(() => null);
    expect(crashed === null || crashed.failures > 0).toBe(true);

    // The task again (SQS delivers it after the visibility timeout): from the checkpoint, not the start.
    const retry = await sweepShard(deps(store, published), task);
    expect(retry.done).toBe(true);
    expect(retry.failures).toBe(0);
    // From the checkpoint: the second page's 60 less the ones the crashed sweep moved on.
    expect(retry.read).toBeLessThanOrEqual(60);
    const stored = await storedReminders(caseIds);
    expect(stored).toHaveLength(260);
    expect(new Set(stored).size).toBe(260);
    // Each reminder published once at most here; the outbox publishes the rest (at least once).
    expect(new Set(published.map((r) => r.reminderId)).size).toBe(published.length);
    // A new plan (a later instant) starts the shard from its beginning and finds nothing left.
    const later = { ...task, now: `${TODAY}T01:15:00.000Z` };
    expect((await sweepShard(deps(store, published), later)).read).toBe(0);
  }, 300_000);

  it('finds a clock indexed under 16 shards once clocks are written under more', async () => {
    expect(DUE_SHARD_COUNTS[0]).toBe(16);
    expect(DUE_SHARDS).toBeGreaterThan(16);
    // Counts only grow: the shards read (0 … largest − 1) hold every shard any count wrote.
    expect([...DUE_SHARD_COUNTS].sort((a, b) => a - b)).toEqual([...DUE_SHARD_COUNTS]);
    let id = randomUUID();
    while (shardOf(id, 16) === shardOf(id)) id = randomUUID();
    await seedRunningClocks(table.doc, table.tableName, {
      today: TODAY,
      due: 1,
      later: 0,
      caseIds: [id],
      shards: 16,
    });
    const item = await table.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `CASE#${id}` },
      }),
    );
    expect(item.Items?.[0]?.dueKey).toBe(keys.due(TODAY, shardOf(id, 16)));

    const store = new DynamoReminderStore(table.doc, table.tableName, null);
    const published: Reminder[] = [];
    const result = await sweep(deps(store, published), NOW);
    expect(result.shards).toEqual([`${TODAY}#${shardOf(id, 16)}`]);
    expect(result.raised.map((r) => r.caseId)).toEqual([id]);
  }, 300_000 /* 64 shards probed a date: slow on a loaded 2-core machine */);
});
