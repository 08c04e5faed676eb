import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DuePage, ShardTask } from '../../../domain/reminders/ports.ts';
import { dueClockOf } from './reminder-items.ts';
import { expiresAfter, RETENTION } from './retention.ts';
import { CASES_TABLE, DUE_SHARDS_READ, indexNamed, keys } from './table-design.ts';

const DUE = indexNamed(CASES_TABLE, 'dueClocks');

/** Due clocks read per Query page: the shard's checkpoint moves after each. */
const DUE_PAGE = 200;

type Item = Record<string, unknown>;

/**
 * The sweep's reads of the due index (see clock-items.ts) and its checkpoints: the first date not known to
 * be drained, and how far the sweep of each shard task got (an item in the shard's own partition, expiring
 * after RETENTION.shardProgressSeconds). Every read is by key or by the index, never a Scan.
 */
export class DueIndex {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, tableName: string) {
    this.#db = db;
    this.#table = tableName;
  }

  async checkpoint(): Promise<string | null> {
    const out = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: keys.sweepCheckpoint, ConsistentRead: true }),
    );
    return typeof out.Item?.date === 'string' ? out.Item.date : null;
  }

  async setCheckpoint(date: string): Promise<void> {
    await this.#db.send(
      new PutCommand({
        TableName: this.#table,
        Item: { ...keys.sweepCheckpoint, itemType: 'CHECKPOINT', date },
      }),
    );
  }

  async dueShards(date: string, now: string): Promise<number[]> {
    const found = await Promise.all(
      Array.from({ length: DUE_SHARDS_READ }, async (_, shard) => {
        const out = await this.#db.send(
          new QueryCommand({ ...this.#dueQuery(date, shard, now, null), Limit: 1 }),
        );
        return (out.Items ?? []).length > 0 ? shard : -1;
      }),
    );
    return found.filter((shard) => shard >= 0);
  }

  async *dueInShard(task: ShardTask, after: string | null): AsyncIterable<DuePage> {
    let start: Item | undefined;
    do {
      const out = await this.#db.send(
        new QueryCommand({
          ...this.#dueQuery(task.date, task.shard, task.now, after),
          Limit: DUE_PAGE,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      const items = out.Items ?? [];
      start = out.LastEvaluatedKey;
      const last = items.at(-1);
      if (last) yield { clocks: items.map(dueClockOf), last: String(last[DUE.sortKey.name]) };
    } while (start);
  }

  /** A shard's clocks due at or before `now`, after the sort key `after` when given. */
  #dueQuery(date: string, shard: number, now: string, after: string | null) {
    // Every sort key starts with the instant the reminder is due; '~' sorts after any id. Nothing sorts
    // between a key and the key followed by a space (ids hold no control characters): "after" exclusive.
    return {
      TableName: this.#table,
      IndexName: DUE.indexName,
      KeyConditionExpression: after
        ? '#pk = :pk AND #sk BETWEEN :after AND :upTo'
        : '#pk = :pk AND #sk <= :upTo',
      ExpressionAttributeNames: { '#pk': DUE.partitionKey.name, '#sk': DUE.sortKey.name },
      ExpressionAttributeValues: {
        ':pk': keys.due(date, shard),
        ':upTo': `${now}#~`,
        ...(after ? { ':after': `${after} ` } : {}),
      },
    };
  }

  async shardProgress(task: ShardTask): Promise<string | null> {
    const out = await this.#db.send(
      new GetCommand({
        TableName: this.#table,
        Key: keys.shardProgress(task.date, task.shard, task.now),
        ConsistentRead: true,
      }),
    );
    return typeof out.Item?.after === 'string' ? out.Item.after : null;
  }

  async setShardProgress(task: ShardTask, last: string): Promise<void> {
    await this.#db.send(
      new PutCommand({
        TableName: this.#table,
        Item: {
          ...keys.shardProgress(task.date, task.shard, task.now),
          itemType: 'SHARD_PROGRESS',
          after: last,
          expiresAt: expiresAfter(task.now, RETENTION.shardProgressSeconds),
        },
      }),
    );
  }
}
