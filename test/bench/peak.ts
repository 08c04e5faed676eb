import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { remindAt } from '../../domain/reminders/model.ts';
import { planSweep } from '../../domain/reminders/sweep-plan.ts';
import { inPool, SHARD_CONCURRENCY, sweepShard } from '../../domain/reminders/sweep-shard.ts';
import { NO_STAGE, shardOf } from '../../functions/adapters/dynamodb/clock-items.ts';
import { DynamoReminderStore } from '../../functions/adapters/dynamodb/reminder-repository.ts';
import { CASES_TABLE, keys, UNPUBLISHED_SHARDS } from '../../functions/adapters/dynamodb/table-design.ts';
import { SWEEP_TASKS } from '../../functions/adapters/sqs/sweep-queue.ts';
import { ensureTable } from '../../infra/local/provision.ts';
import { seedRunningClocks } from '../support/clock-seed.ts';
import { localDynamo } from './local-dynamo.ts';
import type { Row } from './table.ts';

/**
 * The bench's peak row (issue: the national peak): a day of `clocks` due clocks on a DynamoDB Local of its
 * own, seeded with BatchWriteItem, swept by the fanned-out plan — the plan, then every shard task,
 * `maximumConcurrency` shard sweeps at once, each `SHARD_CONCURRENCY` clocks in flight, as the queue's
 * event source runs them — in clocks handled per second, against the floor: the raise's own conditional
 * TransactWriteItems (the clock's move and the reminder's put) of clocks seeded the same way, straight
 * from the SDK, at the same concurrency (target ≥ 0.5×). It also prints the projection for 700,000
 * clocks on AWS, whose arithmetic is in docs/performance.md.
 */
export const PEAK_TARGET = 0.5;
const IN_FLIGHT = SWEEP_TASKS.maximumConcurrency * SHARD_CONCURRENCY;
const TODAY = '2026-10-08';
const NOW = `${TODAY}T01:00:00.000Z`;

export async function peakRows(options: {
  readonly clocks: number;
  readonly progress: (message: string) => void;
}): Promise<Row[]> {
  const { client, doc, stop } = await localDynamo();
  const tables: string[] = [];
  const table = async () => {
    const name = `bench-peak-${randomUUID()}`;
    tables.push(name);
    const used = new Set(['dueClocks', 'unpublishedReminders', 'postReminders', 'mediatorReminders']);
    // No stream: DynamoDB Local keeps a table's stream records in its store, and each write there gets
    // slower as they pile up (2,000 transactions a round: 154, 60, then 21 a second on one table after
    // another, against 221, 350, 433 without). AWS writes the stream apart from the item.
    await ensureTable(client, name, {
      ...CASES_TABLE,
      stream: undefined,
      indexes: CASES_TABLE.indexes.filter((i) => used.has(i.indexName)),
    });
    return name;
  };
  try {
    // An uncounted warm-up (the JVM's JIT), then the floor, on tables of their own: a sample is enough.
    const warmTable = await table();
    const { dueCaseIds: warmIds } = await seedRunningClocks(doc, warmTable, {
      today: TODAY,
      due: 1000,
      later: 0,
    });
    await inPool(warmIds, IN_FLIGHT, (caseId) => rawRaise(doc, warmTable, caseId));
    // The floor, on a table of its own: a sample is enough for a rate.
    const sample = Math.min(options.clocks, 20_000);
    const rawTable = await table();
    const { dueCaseIds: rawIds } = await seedRunningClocks(doc, rawTable, {
      today: TODAY,
      due: sample,
      later: 0,
    });
    options.progress(`  peak floor: ${sample} raw conditional transactions, ${IN_FLIGHT} in flight`);
    const rawStarted = performance.now();
    const rawFailed = await inPool(rawIds, IN_FLIGHT, (caseId) => rawRaise(doc, rawTable, caseId));
    const rawRate = sample / ((performance.now() - rawStarted) / 1000);

    const peakTable = await table();
    const seeded = performance.now();
    const { dueCaseIds } = await seedRunningClocks(doc, peakTable, {
      today: TODAY,
      due: options.clocks,
      later: 0,
    });
    options.progress(
      `  peak: seeded ${options.clocks} due clocks in ${((performance.now() - seeded) / 1000).toFixed(0)} s; sweeping`,
    );
    const store = new DynamoReminderStore(doc, peakTable, null);
    const deps = {
      reminders: store,
      clock: { now: () => NOW },
      publisher: { publish: async () => {} },
      expireClock: async () => 'not-due' as const,
    };
    const started = performance.now();
    const plan = await planSweep(deps, NOW);
    let raised = 0;
    let failures = 0;
    const shardFailed = await inPool(plan.tasks, SWEEP_TASKS.maximumConcurrency, async (task) => {
      const result = await sweepShard(deps, task);
      raised += result.raised.length;
      failures += result.failures;
    });
    const seconds = (performance.now() - started) / 1000;
    const rate = dueCaseIds.length / seconds;
    const ratio = rate / rawRate;
    const ok = raised === options.clocks && failures + shardFailed + rawFailed === 0 && ratio >= PEAK_TARGET;
    return [
      {
        measure: `peak day (${options.clocks.toLocaleString('en')} due clocks)`,
        subject: `fanned-out sweep: plan + ${plan.tasks.length} shard tasks, ${SWEEP_TASKS.maximumConcurrency} at once × ${SHARD_CONCURRENCY} clocks`,
        value: `${rate.toFixed(0)} clocks/s (${seconds.toFixed(0)} s; ${raised} raised, ${failures} failed)`,
        floor: `${rawRate.toFixed(0)} raw transactions/s (${IN_FLIGHT} in flight)`,
        ratio: `${ratio.toFixed(2)}×`,
        target: `≥ ${PEAK_TARGET}×`,
        result: ok ? 'ok' : 'FAIL',
      },
    ];
  } finally {
    await stop(tables);
  }
}

/** The raise's own write for a seeded clock, as the sweep sends it: one conditional TransactWriteItems. */
async function rawRaise(doc: DynamoDBDocumentClient, tableName: string, caseId: string): Promise<void> {
  const clockId = 'MEDIATION-1';
  const next = '2026-10-10';
  await doc.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: tableName,
            Key: keys.clock(caseId, clockId),
            UpdateExpression: 'SET #stage = :stage, dueKey = :dueKey, remindKey = :remindKey',
            ConditionExpression: '#v = :v AND #status = :running AND #stage = :reached',
            ExpressionAttributeNames: {
              '#v': 'updatedVersion',
              '#status': 'status',
              '#stage': 'stageReached',
            },
            ExpressionAttributeValues: {
              ':v': 1,
              ':running': 'RUNNING',
              ':reached': NO_STAGE,
              ':stage': 'DUE_IN_3_WORKING_DAYS',
              ':dueKey': keys.due(next, 0),
              ':remindKey': keys.dueSort(remindAt(next), caseId, clockId),
            },
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: {
              ...keys.reminder(caseId, clockId, 'DUE_IN_3_WORKING_DAYS'),
              itemType: 'REMINDER',
              caseId,
              clockId,
              postId: 'QD-SN-01',
              status: 'OPEN',
              raisedAt: NOW,
              reminderKey: keys.postReminders('QD-SN-01', 'OPEN'),
              mediatorReminderKey: keys.postReminders('QD-SN-01', 'OPEN'),
              raisedKey: keys.raised(NOW, caseId),
              unpublishedKey: keys.unpublished(shardOf(caseId, UNPUBLISHED_SHARDS)),
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      ],
    }),
  );
}

// `node test/bench/peak.ts [clocks]`: the row on its own.
if (import.meta.main) {
  const [clocks = 100_000] = process.argv.slice(2).map(Number);
  const rows = await peakRows({ clocks, progress: (m) => console.error(m) });
  console.log(JSON.stringify(rows, null, 2));
}
