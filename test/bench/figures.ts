import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Case } from '../../domain/case/model.ts';
import type { PostDirectory } from '../../domain/directory/ports.ts';
import {
  type Contribution,
  contributionOf,
  STATS_SHARDS,
  shardOf,
} from '../../domain/statistics/contribution.ts';
import { caseImageOf, type Image } from '../../domain/statistics/fold.ts';
import { statsOf } from '../../domain/statistics/query.ts';
import { rebuildStats } from '../../domain/statistics/rebuild.ts';
import { recordBatch } from '../../domain/statistics/record-case.ts';
import { caseItem, eventItem } from '../../functions/adapters/dynamodb/items.ts';
import { DynamoPostDirectory } from '../../functions/adapters/dynamodb/post-directory.ts';
import { DynamoCountedSource } from '../../functions/adapters/dynamodb/stats-source.ts';
import { DynamoStatsStore } from '../../functions/adapters/dynamodb/stats-store.ts';
import { CASES_TABLE } from '../../functions/adapters/dynamodb/table-design.ts';
import { STATS_AGGREGATOR } from '../../functions/catalogue.ts';
import { ensureTable } from '../../infra/local/provision.ts';
import { admin } from '../support/fixtures.ts';
import { caseImage } from '../support/stats-cases.ts';
import { localDynamo } from './local-dynamo.ts';
import { pool } from './stats.ts';
import type { Row } from './table.ts';

/**
 * The bench's figures rows (`BENCH_ONLY=figures`), on a DynamoDB Local of their own:
 * 1. items GET /stats reads for a year × all posts, per (post, month) bucket it returns (target ≤ 1.1 × the
 *    shard count: one item per shard and bucket, plus the earlier year's roll-up);
 * 2. the statistics consumer's cases per second (a stream batch of the catalogue's size: the contributions
 *    read by BatchGetItem, then transactions of several cases with their counter deltas summed per item,
 *    domain/statistics/fold.ts) against the raw writes of the same cases (each case's put and its event in
 *    one transaction, as an action writes them, `concurrency` in flight) (target ≥ 1×: the aggregates keep
 *    up with the writes). One image per case: the worst case for folding, nothing collapses;
 * 3. `stats:rebuild` over `cases` cases seeded straight into the table with BatchWriteItem (20 posts, two
 *    years), no target: its time is what an operator waits.
 */
export const READS_TARGET = 1.1;
/** Records per stream batch, as the catalogue's event source hands them over. */
const BATCH = STATS_AGGREGATOR.batchSize;
const POSTS = Array.from({ length: 20 }, (_, i) => `QD-BN-${String(i + 1).padStart(2, '0')}`);
const MONTHS = ['2025', '2026'].flatMap((y) =>
  Array.from({ length: 12 }, (_, m) => `${y}-${String(m + 1).padStart(2, '0')}`),
);

/** The i-th bench case: a post and month in turn, closed a few days later for three in four. */
function benchCase(i: number, caseId = `bench-${i}`): Case {
  const month = MONTHS[i % MONTHS.length] as string;
  const day = String(1 + (i % 27)).padStart(2, '0');
  const closed = i % 4 !== 0;
  return caseImage({
    caseId,
    postId: POSTS[Math.floor(i / MONTHS.length) % POSTS.length] as string,
    receivedOn: `${month}-${day}`,
    createdAt: `${month}-${day}T02:00:00.000Z`,
    updatedAt: `${month}-${day}T0${closed ? 8 : 2}:00:00.000Z`,
    status: closed ? 'CLOSED' : 'MEDIATING',
    version: closed ? 4 : 2,
    employer: { name: 'E', industry: 'CGFHI'[i % 5] as 'C' },
    ...(closed
      ? {
          agreement: {
            terms: 't',
            amountFen: 1_500_000,
            performBy: '2026-01-01',
            signedAt: 's',
            paidFen: 1_500_000,
          },
        }
      : {}),
  });
}

async function batchWrite(doc: DynamoDBDocumentClient, table: string, items: Record<string, unknown>[]) {
  let pending = items.map((Item) => ({ PutRequest: { Item } }));
  while (pending.length > 0) {
    const out = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
    pending = (out.UnprocessedItems?.[table] ?? []) as typeof pending;
  }
}

export async function figuresRows(options: {
  readonly cases: number;
  readonly throughput: number;
  readonly concurrency: number;
  readonly progress: (message: string) => void;
}): Promise<Row[]> {
  const { client, doc, stop } = await localDynamo();
  const table = `bench-figures-${randomUUID()}`;
  const rows: Row[] = [];
  try {
    // Only the index the rebuild reads (a post's cases): the others change nothing measured here.
    await ensureTable(client, table, {
      ...CASES_TABLE,
      indexes: CASES_TABLE.indexes.filter((i) => i.indexName === 'byPost'),
    });
    const directory = new DynamoPostDirectory(doc, table, null);
    for (const postId of POSTS) {
      await directory.put({ postId, name: postId, district: 'd', updatedAt: '', updatedBy: 'bench' });
    }
    const store = new DynamoStatsStore(doc, table);

    // 2. Consumer against raw writes, alternating blocks so drift hits both alike.
    const n = options.throughput;
    let consumerMs = 0;
    let rawMs = 0;
    for (let block = 0; block < 4; block++) {
      const from = (block * n) / 4;
      const images = Array.from({ length: n / 4 }, (_, i) => benchCase(from + i, `tp-${from + i}`));
      let t = performance.now();
      await pool(images.length, options.concurrency, async (i) => {
        const c = images[i] as Case;
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table,
                  Item: await caseItem({ ...c, caseId: `raw-${c.caseId}` }),
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              { Put: { TableName: table, Item: eventItem(eventOf(c)) } },
            ],
          }),
        );
      });
      rawMs += performance.now() - t;
      // As Lambda hands the stream over: batches of the catalogue's size, one per stream shard in flight.
      const batches = Array.from({ length: Math.ceil(images.length / BATCH) }, (_, b) =>
        images.slice(b * BATCH, b * BATCH + BATCH).map(caseImageOf),
      );
      t = performance.now();
      await pool(batches.length, options.concurrency, async (b) => {
        const result = await recordBatch(store, batches[b] as Image[]);
        if (result.failedAt !== null) throw result.error;
      });
      consumerMs += performance.now() - t;
    }
    const consumerRate = (n / consumerMs) * 1000;
    const rawRate = (n / rawMs) * 1000;
    rows.push({
      measure: 'statistics consumer throughput',
      subject: `${n} case images, batches of ${BATCH}, one per stream shard (BatchGet + grouped TransactWrite)`,
      value: `${consumerRate.toFixed(0)} cases/s`,
      floor: `${rawRate.toFixed(0)} raw case writes/s (case put + event put)`,
      ratio: `${(consumerRate / rawRate).toFixed(2)}×`,
      target: '≥ 1×',
      result: consumerRate >= rawRate ? 'ok' : 'FAIL',
    });
    options.progress(`  consumer ${consumerRate.toFixed(0)}/s, raw ${rawRate.toFixed(0)}/s`);

    // 3. The rebuild over `cases` cases seeded by BatchWriteItem (no contributions: every one recounted).
    const seeded = performance.now();
    await pool(Math.ceil(options.cases / 25), options.concurrency, async (b) => {
      const items = await Promise.all(
        Array.from({ length: Math.min(25, options.cases - b * 25) }, (_, i) =>
          caseItem(benchCase(b * 25 + i)),
        ),
      );
      await batchWrite(doc, table, items);
    });
    options.progress(
      `  seeded ${options.cases} cases in ${((performance.now() - seeded) / 1000).toFixed(0)} s`,
    );
    const rebuildStart = performance.now();
    const rebuilt = await rebuildStats(
      { source: new DynamoCountedSource(doc, table), store },
      { fix: false },
    );
    const rebuildS = (performance.now() - rebuildStart) / 1000;
    rows.push({
      measure: `stats:rebuild (${options.cases.toLocaleString('en')} cases)`,
      subject: `${POSTS.length} posts × 24 months, recount without --fix`,
      value: `${rebuildS.toFixed(1)} s (${rebuilt.cases + rebuilt.consultations} subjects)`,
      floor: '—',
      ratio: `${((rebuilt.cases / rebuildS) | 0).toLocaleString('en')} cases/s`,
      target: '—',
      result: rebuilt.cases >= options.cases ? '—' : 'FAIL',
    });

    // 1. Items read by GET /stats: the counters of every case, written as the consumer writes them.
    const counters = new Map<string, Record<string, number>>();
    const contributions: Contribution[] = [];
    for (let i = 0; i < options.cases; i++) contributions.push(contributionOf(benchCase(i)));
    for (const c of contributions) {
      for (const [bucket, values] of Object.entries(c.buckets)) {
        const key = `${bucket}@${shardOf(c.subject)}`;
        const sum = counters.get(key) ?? {};
        counters.set(key, sum);
        for (const [name, v] of Object.entries(values)) sum[name] = (sum[name] ?? 0) + v;
      }
    }
    const items = [...counters].map(([key, values]) => {
      const [bucket, shard] = key.split('@') as [string, string];
      const at = bucket.lastIndexOf('#');
      const month = bucket.slice(at + 1);
      return {
        PK: `STATS#${bucket.slice(0, at)}#${shard.padStart(2, '0')}`,
        SK: month.length === 4 ? `YEAR#${month}` : `MONTH#${month}`,
        itemType: 'STATS_COUNTERS',
        postId: bucket.slice(0, at),
        month,
        ...values,
      };
    });
    await pool(Math.ceil(items.length / 25), options.concurrency, (b) =>
      batchWrite(doc, table, items.slice(b * 25, b * 25 + 25)),
    );
    const posts: PostDirectory = {
      get: (postId) => directory.get(postId),
      put: (post) => directory.put(post),
      list: async () => ({
        items: POSTS.map((postId) => ({ postId, name: postId, district: 'd', updatedAt: '', updatedBy: '' })),
        nextCursor: null,
      }),
    };
    store.itemsRead = 0;
    const answer = await statsOf({ counters: store, posts }, admin, {
      from: '2026-01',
      to: '2026-12',
      groupBy: 'month',
    });
    const buckets = POSTS.length * answer.rows.length;
    const perBucket = store.itemsRead / buckets;
    rows.push({
      measure: 'GET /stats items read, a year × all posts',
      subject: `${POSTS.length} posts × 12 months after a year of history, ${STATS_SHARDS} shards`,
      value: `${store.itemsRead} items (${answer.totals.received} received, ${answer.totals.carriedOver} carried over)`,
      floor: `${buckets} (post, month) buckets returned × ${STATS_SHARDS} shards`,
      ratio: `${(perBucket / STATS_SHARDS).toFixed(3)}× shards per bucket`,
      target: `≤ ${READS_TARGET}× shards per bucket`,
      result: perBucket <= READS_TARGET * STATS_SHARDS ? 'ok' : 'FAIL',
    });
    return rows;
  } finally {
    await stop([table]);
  }
}

const eventOf = (c: Case) => ({
  caseId: `raw-${c.caseId}`,
  version: 1,
  seq: 0,
  type: 'CASE_FILED' as const,
  action: 'FILE',
  actor: { sub: 'bench', role: 'mediator' as const, postId: c.postId },
  at: c.createdAt,
  from: null,
  to: c.status,
  payload: {},
});

// `node test/bench/figures.ts [cases] [throughput]`: the rows on their own.
if (import.meta.main) {
  const [cases = 100_000, throughput = 2_000] = process.argv.slice(2).map(Number);
  const rows = await figuresRows({ cases, throughput, concurrency: 16, progress: (m) => console.error(m) });
  console.log(JSON.stringify(rows, null, 2));
}
