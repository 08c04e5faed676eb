import { randomUUID } from 'node:crypto';
import { sweep } from '../../domain/reminders/sweep.ts';
import { DynamoReminderStore } from '../../functions/adapters/dynamodb/reminder-repository.ts';
import { CASES_TABLE } from '../../functions/adapters/dynamodb/table-design.ts';
import { ensureTable } from '../../infra/local/provision.ts';
import { countQueryReads, seedRunningClocks } from '../support/clock-seed.ts';
import { localDynamo } from './local-dynamo.ts';
import type { Row } from './table.ts';

/**
 * The bench's reminder-sweep row: what one sweep reads from a table holding `running` running clocks of
 * which `due` are due today, as a ratio to the due items plus the plan's one probe item per shard with work
 * (target ≤ 1.1×), on a DynamoDB Local of its own.
 * Items read are the Queries' `ScannedCount` (every item examined, before any filter); the read capacity
 * the same Queries consumed is shown beside it. Clocks are seeded with BatchWriteItem, not filed.
 */
export const SWEEP_TARGET = 1.1;

export async function sweepReadsRows(options: {
  readonly running: number;
  readonly due: number;
  readonly progress: (message: string) => void;
}): Promise<Row[]> {
  const { client, doc, clients, stop } = await localDynamo();
  const tableName = `bench-sweep-${randomUUID()}`;
  try {
    // Only the indexes a sweep reads or writes: the others hold no clock and change nothing it reads, and
    // each one DynamoDB Local maintains slows the seeding.
    const used = new Set(['dueClocks', 'unpublishedReminders', 'postReminders', 'mediatorReminders']);
    await ensureTable(client, tableName, {
      ...CASES_TABLE,
      indexes: CASES_TABLE.indexes.filter((i) => used.has(i.indexName)),
    });
    const today = '2026-03-16';
    const seeded = performance.now();
    await seedRunningClocks(doc, tableName, {
      today,
      due: options.due,
      later: options.running - options.due,
      lean: true,
    });
    options.progress(
      `  seeded ${options.running} running clocks (${options.due} due) in ${((performance.now() - seeded) / 1000).toFixed(0)} s`,
    );
    // The sweep's own client, so only its Queries are counted.
    const { client: sweepClient, doc: sweepDoc } = clients();
    const counts = countQueryReads(sweepDoc);
    const now = `${today}T01:00:00.000Z`;
    const result = await sweep(
      {
        reminders: new DynamoReminderStore(sweepDoc, tableName, null),
        clock: { now: () => now },
        publisher: { publish: async () => {} },
        expireClock: async () => 'not-due',
      },
      now,
    );
    sweepClient.destroy();
    // The plan probes each shard once (Limit 1): a shard with work adds its first item once more.
    const floor = options.due + result.shards.length;
    const ratio = counts.scanned / floor;
    return [
      {
        measure: `reminder sweep reads (${options.running.toLocaleString('en')} running clocks)`,
        subject: 'sla-sweep, first run (7 dates × 64 shards probed, a task per shard with work)',
        value: `${counts.scanned} items read (${counts.capacity.toFixed(1)} RCU, ${counts.queries} Queries); ${result.raised.length} raised`,
        floor: `${options.due} due + ${result.shards.length} probe items`,
        ratio: `${ratio.toFixed(2)}×`,
        target: `≤ ${SWEEP_TARGET}× due + probes`,
        result: ratio <= SWEEP_TARGET && result.raised.length === options.due ? 'ok' : 'FAIL',
      },
    ];
  } finally {
    await stop([tableName]);
  }
}

// `node test/bench/sweep-reads.ts [running] [due]`: the row on its own.
if (import.meta.main) {
  const [running = 100_000, due = 500] = process.argv.slice(2).map(Number);
  const rows = await sweepReadsRows({ running, due, progress: (m) => console.error(m) });
  console.log(JSON.stringify(rows, null, 2));
}
