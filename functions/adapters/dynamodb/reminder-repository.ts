import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ReminderStage } from '../../../domain/clocks/model.ts';
import {
  type DueClock,
  type DuePosition,
  parseReminderId,
  type Reminder,
} from '../../../domain/reminders/model.ts';
import type {
  DuePage,
  ProvisionalClockRef,
  ReminderQuery,
  ReminderStore,
  ReminderTransfer,
  ShardTask,
} from '../../../domain/reminders/ports.ts';
import type { Page } from '../../../domain/shared/page.ts';
import type { CursorCodec, CursorSource } from '../cursor.ts';
import { dueKeys, NO_STAGE } from './clock-items.ts';
import { DueIndex } from './due-index.ts';
import { lostRace } from './items.ts';
import { cursorsOf, indexPage, queryIndex } from './paged-query.ts';
import { reminderItem, reminderOf } from './reminder-items.ts';
import { moveOpenReminders } from './reminder-transfer.ts';
import { expiresAfter, RETENTION } from './retention.ts';
import { CASES_TABLE, indexNamed, keys, UNPUBLISHED_SHARDS } from './table-design.ts';

const PROVISIONAL = indexNamed(CASES_TABLE, 'provisionalClocks');
const POST_REMINDERS = indexNamed(CASES_TABLE, 'postReminders');
const MEDIATOR_REMINDERS = indexNamed(CASES_TABLE, 'mediatorReminders');
const UNPUBLISHED = indexNamed(CASES_TABLE, 'unpublishedReminders');

/**
 * ReminderStore on the cases table (see table-design.ts and clock-items.ts). Raising a reminder is one
 * TransactWriteItems: the clock item's update, conditional on the version and stage the sweep read, and the
 * reminder's put, conditional on its not existing — so two sweeps can never both raise it, and a sweep
 * that dies before the write leaves the clock where the next one finds it.
 */
export class DynamoReminderStore implements ReminderStore, ReminderTransfer {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #codec: () => Promise<CursorCodec>;
  readonly #due: DueIndex;

  constructor(db: DynamoDBDocumentClient, tableName: string, cursors: CursorSource | null) {
    this.#db = db;
    this.#table = tableName;
    this.#codec = cursorsOf(cursors, 'reminders');
    this.#due = new DueIndex(db, tableName);
  }

  checkpoint(): Promise<string | null> {
    return this.#due.checkpoint();
  }

  setCheckpoint(date: string): Promise<void> {
    return this.#due.setCheckpoint(date);
  }

  dueShards(date: string, now: string): Promise<number[]> {
    return this.#due.dueShards(date, now);
  }

  dueInShard(task: ShardTask, after: string | null): AsyncIterable<DuePage> {
    return this.#due.dueInShard(task, after);
  }

  shardProgress(task: ShardTask): Promise<string | null> {
    return this.#due.shardProgress(task);
  }

  setShardProgress(task: ShardTask, last: string): Promise<void> {
    return this.#due.setShardProgress(task, last);
  }

  /** The clock item's move to `next` (or out of the index), on condition it is as the sweep read it. */
  #move(due: DueClock, next: DuePosition | null, stage: ReminderStage | null) {
    const names: Record<string, string> = {
      '#v': 'updatedVersion',
      '#status': 'status',
      '#stage': 'stageReached',
    };
    const values: Record<string, unknown> = {
      ':v': due.updatedVersion,
      ':running': 'RUNNING',
      ':reached': due.stageReached ?? NO_STAGE,
    };
    const sets: string[] = [];
    if (stage) {
      sets.push('#stage = :stage');
      values[':stage'] = stage;
    }
    if (next) {
      const k = dueKeys(due.caseId, due.clockId, next);
      sets.push('dueKey = :dueKey', 'remindKey = :remindKey');
      values[':dueKey'] = k.dueKey;
      values[':remindKey'] = k.remindKey;
    }
    return {
      TableName: this.#table,
      Key: keys.clock(due.caseId, due.clockId),
      UpdateExpression:
        `${sets.length > 0 ? `SET ${sets.join(', ')}` : ''}${next ? '' : ' REMOVE dueKey, remindKey'}`.trim(),
      ConditionExpression: '#v = :v AND #status = :running AND #stage = :reached',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
  }

  async raise(due: DueClock, reminder: Reminder, next: DuePosition | null): Promise<boolean> {
    try {
      await this.#db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Update: this.#move(due, next, reminder.stage) },
            {
              Put: {
                TableName: this.#table,
                Item: reminderItem(reminder),
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      // The clock moved on (another sweep, a change of the case) or the reminder exists: raised elsewhere.
      if (lostRace(error)) return false;
      throw error;
    }
  }

  async reindex(due: DueClock, next: DuePosition | null): Promise<boolean> {
    try {
      await this.#db.send(new UpdateCommand(this.#move(due, next, null)));
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  async unpublished(limit: number): Promise<Reminder[]> {
    // Every shard of the outbox (and its unsharded partition of old), oldest first, side by side.
    const partitions = [
      ...Array.from({ length: UNPUBLISHED_SHARDS }, (_, shard) => keys.unpublished(shard)),
      keys.unpublishedLegacy,
    ];
    const found = await Promise.all(
      partitions.map((partition) =>
        queryIndex(this.#db, this.#table, { index: UNPUBLISHED, partition, forward: true, limit }),
      ),
    );
    const wanted = found
      .flatMap((out) => out.items)
      .sort((a, b) => (String(a.raisedAt) < String(b.raisedAt) ? -1 : 1))
      .slice(0, limit)
      .map((i) => ({ PK: i.PK, SK: i.SK }));
    if (wanted.length === 0) return [];
    // Read back consistently: the index may still list one published a moment ago.
    const got = await this.#db.send(
      new BatchGetCommand({ RequestItems: { [this.#table]: { Keys: wanted, ConsistentRead: true } } }),
    );
    return (got.Responses?.[this.#table] ?? [])
      .filter((i) => i.unpublishedKey !== undefined)
      .map(reminderOf)
      .sort((a, b) => (a.raisedAt < b.raisedAt ? -1 : 1));
  }

  async markPublished(reminder: Reminder): Promise<void> {
    await this.#db.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: keys.reminder(reminder.caseId, reminder.clockId, reminder.stage),
        UpdateExpression: 'REMOVE unpublishedKey',
        ConditionExpression: 'attribute_exists(PK)',
      }),
    );
  }

  async get(reminderId: string): Promise<Reminder | null> {
    const id = parseReminderId(reminderId);
    if (!id) return null;
    const out = await this.#db.send(
      new GetCommand({
        TableName: this.#table,
        Key: keys.reminder(id.caseId, id.clockId, id.stage),
        ConsistentRead: true,
      }),
    );
    return out.Item?.itemType === 'REMINDER' ? reminderOf(out.Item) : null;
  }

  async list(query: ReminderQuery): Promise<Page<Reminder>> {
    const index = query.escalations ? POST_REMINDERS : MEDIATOR_REMINDERS;
    const partition = keys.postReminders(query.postId, query.status);
    const page = await indexPage(this.#db, this.#table, this.#codec, {
      index,
      partition,
      scope: `reminders:${index.indexName}:${partition}`,
      forward: false,
      limit: query.limit,
      cursor: query.cursor,
    });
    return { items: page.items.map(reminderOf), nextCursor: page.nextCursor };
  }

  async acknowledge(reminder: Reminder, by: string, at: string): Promise<Reminder | null> {
    // The desk-list keys move to the ACKNOWLEDGED partition of the same post.
    const listKey = keys.postReminders(reminder.postId, 'ACKNOWLEDGED');
    try {
      const out = await this.#db.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: keys.reminder(reminder.caseId, reminder.clockId, reminder.stage),
          // Acknowledged, it is only operational: DynamoDB deletes it after RETENTION (TTL on expiresAt).
          UpdateExpression: `SET #status = :ack, acknowledgedBy = :by, acknowledgedAt = :at, expiresAt = :ttl, reminderKey = :key${
            reminder.escalated ? '' : ', mediatorReminderKey = :key'
          }`,
          ConditionExpression: '#status = :open',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':ack': 'ACKNOWLEDGED',
            ':open': 'OPEN',
            ':by': by,
            ':at': at,
            ':key': listKey,
            ':ttl': expiresAfter(at, RETENTION.acknowledgedReminderSeconds),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return out.Attributes ? reminderOf(out.Attributes) : null;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return null;
      throw error;
    }
  }

  moveOpen(move: { caseId: string; fromPostId: string; toPostId: string }): Promise<number> {
    return moveOpenReminders(this.#db, this.#table, move);
  }

  async provisionalClocks(year: number, limit: number, cursor?: string): Promise<Page<ProvisionalClockRef>> {
    // An internal walk (the daily recompute of provisional clocks): its cursor is the plain key, unsigned.
    const out = await queryIndex(
      this.#db,
      this.#table,
      { index: PROVISIONAL, partition: keys.provisional(year), forward: true, limit },
      cursor ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : undefined,
    );
    return {
      items: out.items.map((i) => ({ caseId: String(i.caseId), clockId: String(i.clockId) })),
      nextCursor: out.last ? Buffer.from(JSON.stringify(out.last)).toString('base64url') : null,
    };
  }
}
