import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { fileCase } from '../../domain/case/file-case.ts';
import { expireClock } from '../../domain/clocks/expire-clock.ts';
import { type Reminder, remindAt } from '../../domain/reminders/model.ts';
import type { ReminderStore, SweepDeps } from '../../domain/reminders/ports.ts';
import { SWEEP_LIMITS, sweep } from '../../domain/reminders/sweep.ts';
import { DynamoReminderStore } from '../../functions/adapters/dynamodb/reminder-repository.ts';
import { countQueryReads, seedRunningClocks } from '../support/clock-seed.ts';
import { freshCasesTableEach } from '../support/dynamodb.ts';
import { depsWith, intake, mediator, testClock } from '../support/fixtures.ts';

/**
 * The reminder sweep against DynamoDB Local: every reminder raised exactly once whatever the sweeps do
 * (overlap, crash half-way), and a sweep reading only the clocks that are due.
 */

// `table.own`: a client of the store's own, so the reads it counts are the sweep's only.
const table = freshCasesTableEach();

const FILED = '2026-03-02T02:00:00.000Z';

/** `n` cases filed through the use case (each starts the 15-day mediation clock), and the sweep's deps. */
async function filedCases(n: number) {
  const clock = testClock(FILED);
  const deps = depsWith(table.repo, clock);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await fileCase(deps, mediator, intake())).caseId);
  const first = await table.repo.get(ids[0] as string);
  const plan = first?.clocks[0]?.reminders ?? [];
  expect(plan.map((p) => p.stage)).toEqual([
    'DUE_IN_3_WORKING_DAYS',
    'DUE_IN_1_WORKING_DAY',
    'DUE_TODAY',
    'OVERDUE',
  ]);
  return { ids, plan, clock, deps };
}

function sweepDeps(
  store: ReminderStore,
  published: Reminder[],
  caseDeps: ReturnType<typeof depsWith>,
): SweepDeps {
  return {
    reminders: store,
    clock: caseDeps.clock,
    publisher: { publish: async (r) => void published.push(r) },
    expireClock: (caseId, clockId) => expireClock(caseDeps, caseId, clockId),
  };
}

/** Every reminder item in the table, by id (a Query per case partition). */
async function remindersOf(caseIds: readonly string[]): Promise<Reminder[]> {
  const out: Reminder[] = [];
  for (const caseId of caseIds) {
    const page = await table.own.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :r)',
        ExpressionAttributeValues: { ':pk': `CASE#${caseId}`, ':r': 'REMINDER#' },
      }),
    );
    out.push(...((page.Items ?? []) as Reminder[]));
  }
  return out;
}

const ids = (rs: readonly Reminder[]) => rs.map((r) => r.reminderId).sort();

describe('the reminder sweep on DynamoDB Local', () => {
  it('raises each reminder exactly once when two sweeps overlap, and expires overdue clocks once', async () => {
    const { ids: caseIds, plan, deps } = await filedCases(12);
    const store = new DynamoReminderStore(table.own.doc, table.tableName, null);
    const published: Reminder[] = [];
    const d = sweepDeps(store, published, deps);

    for (const planned of plan) {
      const at = new Date(Date.parse(remindAt(planned.on)) + 60_000).toISOString();
      deps.clock.set(at);
      const [a, b] = await Promise.all([sweep(d, at), sweep(d, at)]);
      expect(a.raised.length + b.raised.length, planned.stage).toBe(caseIds.length);
      expect(a.failures + b.failures).toBe(0);
    }

    const stored = await remindersOf(caseIds);
    expect(stored).toHaveLength(caseIds.length * plan.length);
    expect(new Set(ids(stored)).size).toBe(stored.length);
    expect(ids(published)).toEqual(ids(stored));
    for (const caseId of caseIds) {
      const c = await table.repo.get(caseId);
      expect(c?.clocks[0]?.status).toBe('EXPIRED');
      const events = await table.repo.eventsUpTo(caseId, c?.version ?? 0);
      expect(events.filter((e) => JSON.stringify(e).includes('CLOCK_EXPIRED'))).toHaveLength(1);
    }
    // An expired clock has left the due index: a later sweep reads nothing.
    const later = await sweep(d, '2026-04-30T00:00:00.000Z');
    expect(later.read).toBe(0);
  }, 300_000 /* eight sweeps, each probing 64 shards of up to 7 dates: minutes on a loaded 2-core machine */);

  it('raises each reminder exactly once when a sweep dies half-way, and publishes the orphan later', async () => {
    const { ids: caseIds, plan, deps } = await filedCases(10);
    const real = new DynamoReminderStore(table.own.doc, table.tableName, null);
    const planned = plan[0] as (typeof plan)[number];
    const at = new Date(Date.parse(remindAt(planned.on)) + 60_000).toISOString();

    // A fault double, not a real crash: DynamoDB Local cannot be made to kill the sweep's process at an
    // exact point, and the point that matters is after a reminder's write and before its publish. The
    // double lets four raises through, writes the fifth and then "dies": that call and every later one
    // on the store throw, so nothing more is read, written or published by this sweep.
    let raises = 0;
    let dead = false;
    const dying = new Proxy(real, {
      get(target, name) {
        const value = Reflect.get(target, name, target) as unknown;
        if (typeof value !== 'function') return value;
        if (name === 'dueInShard') {
          return (...args: unknown[]) =>
            (async function* () {
              for await (const page of (value as ReminderStore['dueInShard']).apply(target, args as never)) {
                if (dead) throw new Error('process died');
                yield page;
              }
            })();
        }
        return async (...args: unknown[]) => {
          if (dead) throw new Error('process died');
          const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          if (name === 'raise' && ++raises === 5) {
            dead = true;
            throw new Error('process died after the write');
          }
          return result;
        };
      },
    }) as ReminderStore;

    const published: Reminder[] = [];
    // The process is gone for publishing too: a raise still in flight when it "died" writes its item,
    // but its publish must not happen (it did not, in a real crash), or the outbox would publish it again.
    const dyingDeps = sweepDeps(dying, published, deps);
    const publisher = dyingDeps.publisher;
    const dyingSweep: SweepDeps = {
      ...dyingDeps,
      publisher: {
        publish: async (r) => {
          if (dead) throw new Error('process died');
          await publisher.publish(r);
        },
      },
    };
    await expect(sweep(dyingSweep, at)).rejects.toThrow('process died');
    // At least one reminder is written and was never published: the crash window.
    const orphaned = await remindersOf(caseIds);
    expect(orphaned.length).toBeGreaterThanOrEqual(5);
    expect(orphaned.length).toBeGreaterThan(published.length);

    // The next sweep, a few minutes later: the rest are raised, the orphan published from the outbox.
    const later = new Date(Date.parse(at) + 5 * 60_000).toISOString();
    const next = await sweep(sweepDeps(real, published, deps), later);
    expect(next.failures).toBe(0);
    const stored = await remindersOf(caseIds);
    expect(stored).toHaveLength(caseIds.length);
    expect(new Set(ids(stored)).size).toBe(caseIds.length);
    expect(ids(published)).toEqual(ids(stored));
    // And a third sweep finds nothing more to do.
    const third = await sweep(sweepDeps(real, published, deps), later);
    expect(third.raised).toHaveLength(0);
    expect(published).toHaveLength(caseIds.length);
  }, 60_000);

  it('reads only the due clocks: items read = due items, among 2,000 running', async () => {
    const today = '2026-03-16';
    const due = 40;
    await seedRunningClocks(table.doc, table.tableName, { today, due, later: 1960 });
    const counts = countQueryReads(table.own.doc);
    const store = new DynamoReminderStore(table.own.doc, table.tableName, null);
    const result = await sweep(
      {
        reminders: store,
        clock: { now: () => `${today}T01:00:00.000Z` },
        publisher: { publish: async () => {} },
        expireClock: async () => 'not-due',
      },
      `${today}T01:00:00.000Z`,
    );
    expect(result.raised).toHaveLength(due);
    expect(result.read).toBe(due);
    // The plan's probe of a shard with work reads its first item once more; an empty shard reads none.
    expect(counts.byIndex.get('dueClocks')).toBe(due + result.shards.length);
    // Nothing else was read: the outbox is empty, the checkpoints point reads.
    expect(counts.scanned).toBe(due + result.shards.length);
    // The first sweep reads a week back, 16 shards a day.
    expect(result.dates).toHaveLength(SWEEP_LIMITS.firstSweepDays);
  }, 180_000 /* 2,000 clocks written to DynamoDB Local: minutes on a loaded 2-core machine */);
});
