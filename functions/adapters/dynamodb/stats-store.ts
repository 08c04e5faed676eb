import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  type Contribution,
  type Counters,
  STATS_SHARDS,
  splitBucket,
} from '../../../domain/statistics/contribution.ts';
import { splitCounterItemKey, summedDeltas } from '../../../domain/statistics/fold.ts';
import type { FrozenReport } from '../../../domain/statistics/model.ts';
import type {
  CountersReader,
  Replacement,
  ReportStore,
  StatsStore,
  WriteLimits,
} from '../../../domain/statistics/ports.ts';
import type { CountersRepair } from '../../../domain/statistics/rebuild.ts';
import { lostRace } from './items.ts';

/**
 * The statistics in the cases table, by key only:
 * - a subject's contribution in its own partition: `CASE#id` (or `CONSULTATION#id`) / `STATS#CONTRIBUTION`;
 * - counters per post, shard and month: `STATS#<postId>#<nn>` / `MONTH#<yyyy-mm>`, one attribute per
 *   counter, and each year's roll-up of what carried-over counts at `YEAR#<yyyy>` in the same partition
 *   (domain/statistics/buckets.ts). A case always writes the same shard (hash of its id), so a post's peak
 *   day spreads over 16 partitions; a post's period is two Queries per shard, summed here;
 * - frozen reports: `REPORT#<yyyy-mm>` / `REPORT`, the report's JSON text as written.
 */
export const statsKeys = {
  contribution: (subject: string) => ({ PK: subject, SK: 'STATS#CONTRIBUTION' }),
  /** A month's (`yyyy-mm`) or a year's roll-up (`yyyy`) counters. */
  counters: (postId: string, shard: number, month: string) => ({
    PK: statsKeys.shardPartition(postId, shard),
    SK: month.length === 4 ? `YEAR#${month}` : `MONTH#${month}`,
  }),
  shardPartition: (postId: string, shard: number) => `STATS#${postId}#${String(shard).padStart(2, '0')}`,
  report: (month: string) => ({ PK: `REPORT#${month}`, SK: 'REPORT' }),
};

/** BatchGetItem's keys per call; a transaction cancelled by a counter item's conflict, tried again. */
const BATCH_GET = 100;
const CONFLICT_RETRIES = 4;
const RACES = new Set(['ConditionalCheckFailed', 'TransactionConflict']);
const pause = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * 10 * 2 ** attempt));

/** Attributes of a counter item that are not counters. */
const COUNTER_ITEM_FIELDS = new Set(['PK', 'SK', 'itemType', 'postId', 'month']);

export class DynamoStatsStore implements StatsStore, CountersReader, CountersRepair, ReportStore {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, tableName: string) {
    this.#db = db;
    this.#table = tableName;
  }

  async contribution(subject: string): Promise<Contribution | null> {
    const out = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: statsKeys.contribution(subject), ConsistentRead: true }),
    );
    if (!out.Item) return null;
    const { subject: s, version, closed, buckets } = out.Item as Contribution;
    return { subject: s, version, closed, buckets };
  }

  async contributions(subjects: readonly string[]): Promise<ReadonlyMap<string, Contribution>> {
    const found = new Map<string, Contribution>();
    for (let at = 0; at < subjects.length; at += BATCH_GET) {
      let keys: Record<string, unknown>[] = subjects.slice(at, at + BATCH_GET).map(statsKeys.contribution);
      for (let attempt = 0; keys.length > 0; attempt++) {
        if (attempt === 10) throw new Error('BatchGetItem kept contributions unprocessed');
        if (attempt > 0) await pause(attempt);
        const out = await this.#db.send(
          new BatchGetCommand({ RequestItems: { [this.#table]: { Keys: keys, ConsistentRead: true } } }),
        );
        for (const item of out.Responses?.[this.#table] ?? []) {
          const { subject, version, closed, buckets } = item as Contribution;
          found.set(subject, { subject, version, closed, buckets });
        }
        keys = (out.UnprocessedKeys?.[this.#table]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return found;
  }

  async replace(previous: Contribution | null, next: Contribution): Promise<boolean> {
    return (await this.replaceAll([{ previous, next }])).length === 0;
  }

  /** One transaction: TransactWriteItems takes 100 actions; an update expression 4 KB (≈ 250 counters). */
  readonly limits: WriteLimits = { items: 100, countersPerItem: 250 };

  async replaceAll(group: readonly Replacement[]): Promise<readonly string[]> {
    const updates = [...summedDeltas(group)].map(([key, counters]) => {
      const { bucket, shard } = splitCounterItemKey(key);
      return this.#counterUpdate(bucket, shard, counters);
    });
    const puts = group.map(({ previous, next }) => ({
      Put: {
        TableName: this.#table,
        Item: { ...statsKeys.contribution(next.subject), itemType: 'CONTRIBUTION', ...next },
        ...(previous === null
          ? { ConditionExpression: 'attribute_not_exists(PK)' }
          : {
              ConditionExpression: '#version = :previous',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':previous': previous.version },
            }),
      },
    }));
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#db.send(new TransactWriteCommand({ TransactItems: [...puts, ...updates] }));
        return [];
      } catch (error) {
        if (!lostRace(error)) throw error;
        // The reasons line up with the actions: the contributions come first.
        const reasons = (error as TransactionCanceledException).CancellationReasons ?? [];
        const lost = group.filter((_, i) => RACES.has(reasons[i]?.Code ?? ''));
        if (lost.length > 0) return lost.map((r) => r.next.subject);
        // Only a counter item was held by a concurrent transaction: the same write again, a little later;
        // after a few, every subject is read again (the use case's next round).
        if (attempt === CONFLICT_RETRIES) return group.map((r) => r.next.subject);
        await pause(attempt);
      }
    }
  }

  /** A rebuild's correction, added to shard 0 of the bucket (the read sums every shard). */
  async adjust(bucket: string, counters: Counters): Promise<void> {
    const { Update } = this.#counterUpdate(bucket, 0, counters);
    await this.#db.send(new UpdateCommand(Update));
  }

  #counterUpdate(bucket: string, shard: number, counters: Counters) {
    const { postId, month } = splitBucket(bucket);
    const names: Record<string, string> = { '#type': 'itemType', '#post': 'postId', '#month': 'month' };
    const values: Record<string, unknown> = { ':type': 'STATS_COUNTERS', ':post': postId, ':month': month };
    const adds = Object.entries(counters).map(([name, value], i) => {
      names[`#c${i}`] = name;
      values[`:c${i}`] = value;
      return `#c${i} :c${i}`;
    });
    return {
      Update: {
        TableName: this.#table,
        Key: statsKeys.counters(postId, shard, month),
        UpdateExpression: `SET #type = :type, #post = :post, #month = :month ADD ${adds.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  /** One post's months up to `toMonth` and its years up to that year: two Queries per shard, summed. */
  async months(postId: string, toMonth: string): Promise<ReadonlyMap<string, Counters>> {
    return this.#read(postId, [
      ['MONTH#', `MONTH#${toMonth}`],
      ['YEAR#', `YEAR#${toMonth.slice(0, 4)}`],
    ]);
  }

  /**
   * GET /stats's read: per shard, a Query for the months from `fromMonth` to `toMonth` and one for the
   * years' roll-ups before `fromMonth`'s year (none when it has no earlier years).
   */
  async span(postId: string, fromMonth: string, toMonth: string): Promise<ReadonlyMap<string, Counters>> {
    const lastYear = String(Number(fromMonth.slice(0, 4)) - 1).padStart(4, '0');
    return this.#read(postId, [
      [`MONTH#${fromMonth}`, `MONTH#${toMonth}`],
      ['YEAR#', `YEAR#${lastYear}`],
    ]);
  }

  /** How many counter items a read touched, for the bench (items read per bucket returned). */
  itemsRead = 0;

  /** The items of each shard partition in the SK ranges, summed per month (or year) over the shards. */
  async #read(postId: string, ranges: [string, string][]): Promise<ReadonlyMap<string, Counters>> {
    const byMonth = new Map<string, Record<string, number>>();
    const shards = await Promise.all(
      Array.from({ length: STATS_SHARDS }, (_, shard) =>
        Promise.all(ranges.map(([first, last]) => this.#shardItems(postId, shard, first, last))),
      ),
    );
    for (const item of shards.flat(2)) {
      const month = String(item.month);
      const sum = byMonth.get(month) ?? {};
      byMonth.set(month, sum);
      for (const [name, value] of Object.entries(item)) {
        if (COUNTER_ITEM_FIELDS.has(name) || typeof value !== 'number') continue;
        sum[name] = (sum[name] ?? 0) + value;
      }
    }
    return byMonth;
  }

  async #shardItems(
    postId: string,
    shard: number,
    first: string,
    last: string,
  ): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.#db.send(
        new QueryCommand({
          TableName: this.#table,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :first AND :last',
          ExpressionAttributeValues: {
            ':pk': statsKeys.shardPartition(postId, shard),
            ':first': first,
            ':last': last,
          },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    this.itemsRead += items.length;
    return items;
  }

  async get(month: string): Promise<FrozenReport | null> {
    const out = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: statsKeys.report(month), ConsistentRead: true }),
    );
    return out.Item ? (JSON.parse(String(out.Item.body)) as FrozenReport) : null;
  }

  async create(report: FrozenReport): Promise<boolean> {
    try {
      await this.#db.send(
        new PutCommand({
          TableName: this.#table,
          Item: { ...statsKeys.report(report.month), itemType: 'REPORT', body: JSON.stringify(report) },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}
