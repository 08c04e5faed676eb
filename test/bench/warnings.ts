import { randomUUID } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { creditCodeCheckChar } from '../../domain/shared/identifiers.ts';
import { recordSignal } from '../../domain/warnings/ingest.ts';
import type { Signal } from '../../domain/warnings/model.ts';
import type { WarningDeps } from '../../domain/warnings/ports.ts';
import { CASES_TABLE, keys } from '../../functions/adapters/dynamodb/table-design.ts';
import {
  DynamoWarningStore,
  signalItem,
  warningItem,
} from '../../functions/adapters/dynamodb/warning-repository.ts';
import {
  CachedRuleStore,
  DynamoDistrictStore,
  DynamoRuleStore,
} from '../../functions/adapters/dynamodb/warning-rules.ts';
import { ensureTable } from '../../infra/local/provision.ts';
import { WEEKDAYS } from '../support/memory-warnings.ts';
import { localDynamo } from './local-dynamo.ts';
import { pool } from './stats.ts';
import { type Row, ratio, times, verdict } from './table.ts';

/**
 * The bench's early-warning rows (`BENCH_ONLY=warnings`), on a DynamoDB Local of its own:
 * - signals ingested per second (each read, evaluated and written in one transaction with the employer's
 *   state and warning) against raw writes of the same items (the same transaction, from the SDK, no reads,
 *   no evaluation): target ≥ 0.5×;
 * - items read per evaluated signal (GetItem items and Query ScannedCount): the state, the open warning and
 *   the employer's signals in the longest window, nothing of any other employer.
 */
export const INGEST_TARGET = 0.5;

const code = (i: number) => {
  const first17 = `91370202MA${String(i).padStart(7, '0')}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
};

export async function warningRows(options: {
  readonly signals: number;
  readonly employers: number;
  readonly concurrency?: number;
  readonly progress: (message: string) => void;
}): Promise<Row[]> {
  const concurrency = options.concurrency ?? 8;
  const { client, doc, stop } = await localDynamo();
  const tableName = `bench-warnings-${randomUUID()}`;
  let itemsRead = 0;
  // Counts what the store reads: the items a GetItem returns, the items a Query examined.
  const counting = new Proxy(doc, {
    get(target, prop, receiver) {
      if (prop !== 'send') return Reflect.get(target, prop, receiver);
      return async (command: Parameters<typeof doc.send>[0]) => {
        const out = (await target.send(command as never)) as Record<string, unknown>;
        if ('Item' in out) itemsRead += out.Item ? 1 : 0;
        if (typeof out.ScannedCount === 'number') itemsRead += out.ScannedCount;
        return out;
      };
    },
  });
  try {
    const used = new Set(['byPost', 'openWarnings']);
    await ensureTable(client, tableName, {
      ...CASES_TABLE,
      indexes: CASES_TABLE.indexes.filter((i) => used.has(i.indexName)),
    });
    const districts = new DynamoDistrictStore(doc, tableName);
    await districts.put({ district: '370202', postId: 'QD-SN-01', name: null });
    const now = new Date().toISOString();
    const deps: WarningDeps = {
      warnings: new DynamoWarningStore(counting, tableName, null),
      rules: new CachedRuleStore(new DynamoRuleStore(doc, tableName), 60_000),
      districts,
      calendar: WEEKDAYS,
      clock: { now: () => now },
      notifier: { dispatched: async () => {}, disposed: async () => {} },
    };
    const today = now.slice(0, 10);
    const signalOf = (i: number, run: string): Signal => ({
      creditCode: code(i % options.employers),
      indicator: i % 3 === 0 ? 'HOTLINE_COMPLAINTS' : 'SOCIAL_INSURANCE_ARREARS',
      unit: i % 3 === 0 ? 'COMPLAINTS' : 'MONTHS',
      value: 1 + (i % 3),
      periodFrom: today,
      periodTo: today,
      observedOn: today,
      source: 'qd-hrss-bureau',
      reference: `${run}-${i}`,
      receivedAt: now,
    });
    // One uncounted round first: DynamoDB Local's JIT and the SDK's connections warm for both sides.
    await pool(Math.min(200, options.signals), concurrency, async (i) => {
      await recordSignal(deps, { ...signalOf(i, 'warm'), creditCode: code(options.employers + (i % 20)) });
    });
    itemsRead = 0;
    options.progress(`warnings: ingesting ${options.signals} signals for ${options.employers} employers`);
    const ingestStart = performance.now();
    const written: { signal: Signal; result: Awaited<ReturnType<typeof recordSignal>> }[] = [];
    await pool(options.signals, concurrency, async (i) => {
      const signal = signalOf(i, 'a');
      written.push({ signal, result: await recordSignal(deps, signal) });
    });
    const ingestSeconds = (performance.now() - ingestStart) / 1000;
    const ingestRate = options.signals / ingestSeconds;
    const readsPerSignal = itemsRead / options.signals;

    // The floor: the same items written raw, one transaction per signal as the store writes them.
    const rawStart = performance.now();
    await pool(written.length, concurrency, async (i) => {
      const { signal, result } = written[i] as (typeof written)[number];
      const items: Record<string, unknown>[] = [
        {
          Put: {
            TableName: tableName,
            Item: { ...keys.employerState(`${signal.creditCode}`), itemType: 'EMPLOYER_STATE', raw: i },
          },
        },
        { Put: { TableName: tableName, Item: { ...signalItem({ ...signal, reference: `b-${i}` }) } } },
      ];
      if (result.warning) {
        items.push({
          Put: { TableName: tableName, Item: { ...warningItem(result.warning), SK: `RAW#${i}` } },
        });
      }
      await doc.send(new TransactWriteCommand({ TransactItems: items as never }));
    });
    const rawRate = written.length / ((performance.now() - rawStart) / 1000);
    const r = ratio(ingestRate, rawRate);
    return [
      {
        measure: 'warnings: signals ingested per second',
        subject: `${options.signals} signals, ${options.employers} employers, ${concurrency} in flight`,
        value: `${ingestRate.toFixed(0)}/s`,
        floor: `${rawRate.toFixed(0)}/s raw writes of the same items`,
        ratio: times(r),
        target: `≥ ${INGEST_TARGET}×`,
        result: verdict(r >= INGEST_TARGET),
      },
      {
        measure: 'warnings: items read per evaluated signal',
        subject: 'state, open warning, the employer’s signals in the window',
        value: readsPerSignal.toFixed(1),
        floor: '—',
        ratio: '—',
        target: `≤ ${(2 + options.signals / options.employers).toFixed(0)} (2 + signals per employer)`,
        result: verdict(readsPerSignal <= 2 + options.signals / options.employers),
      },
    ];
  } finally {
    await stop([tableName]);
  }
}
