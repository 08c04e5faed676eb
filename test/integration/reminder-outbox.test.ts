import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { type Reminder, reminderIdOf } from '../../domain/reminders/model.ts';
import { shardOf } from '../../functions/adapters/dynamodb/clock-items.ts';
import { reminderItem } from '../../functions/adapters/dynamodb/reminder-items.ts';
import { DynamoReminderStore } from '../../functions/adapters/dynamodb/reminder-repository.ts';
import { keys, UNPUBLISHED_SHARDS } from '../../functions/adapters/dynamodb/table-design.ts';
import { freshCasesTableEach } from '../support/dynamodb.ts';

/**
 * The reminders' outbox on DynamoDB Local: a reminder waits in one of UNPUBLISHED_SHARDS partitions chosen
 * by its case (so a peak's reminders, each written in and out of it, share no one hot partition), and the
 * republish reads every shard and the unsharded partition written before, oldest first, up to its limit.
 */

const table = freshCasesTableEach();

const reminder = (caseId: string, raisedAt: string): Reminder => ({
  reminderId: reminderIdOf(caseId, 'MEDIATION-1', 'DUE_TODAY'),
  caseId,
  clockId: 'MEDIATION-1',
  caseNumber: `QD-SN-01-2026-${caseId.slice(-6)}`,
  postId: 'QD-SN-01',
  clock: 'MEDIATION',
  stage: 'DUE_TODAY',
  severity: 'URGENT',
  dueOn: '2026-10-08',
  raisedAt,
  status: 'OPEN',
  escalated: false,
  acknowledgedBy: null,
  acknowledgedAt: null,
});

describe('the reminders outbox', () => {
  it('spreads reminders over its shards by case and republishes from all of them, oldest first', async () => {
    const store = new DynamoReminderStore(table.doc, table.tableName, null);
    const reminders = Array.from({ length: 40 }, (_, i) =>
      reminder(
        `case-${String(i).padStart(6, '0')}`,
        `2026-10-08T01:00:${String(59 - i).padStart(2, '0')}.000Z`,
      ),
    );
    for (const r of reminders)
      await table.doc.send(new PutCommand({ TableName: table.tableName, Item: reminderItem(r) }));
    // One written before the outbox was sharded, in its one partition: still found.
    const legacy = reminder('case-legacy', '2026-10-08T00:59:00.000Z');
    await table.doc.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...reminderItem(legacy), unpublishedKey: keys.unpublishedLegacy },
      }),
    );

    const shards = new Set(reminders.map((r) => shardOf(r.caseId, UNPUBLISHED_SHARDS)));
    expect(shards.size).toBeGreaterThan(8);
    for (const r of reminders.slice(0, 5)) {
      const out = await table.doc.send(
        new QueryCommand({
          TableName: table.tableName,
          IndexName: 'unpublishedReminders',
          KeyConditionExpression: 'unpublishedKey = :pk',
          ExpressionAttributeValues: { ':pk': keys.unpublished(shardOf(r.caseId, UNPUBLISHED_SHARDS)) },
        }),
      );
      expect(out.Items?.map((i) => i.reminderId)).toContain(r.reminderId);
    }

    const oldestFirst = [legacy, ...[...reminders].reverse()].map((r) => r.reminderId);
    expect((await store.unpublished(100)).map((r) => r.reminderId)).toEqual(oldestFirst);
    expect((await store.unpublished(7)).map((r) => r.reminderId)).toEqual(oldestFirst.slice(0, 7));

    // Published, a reminder leaves its shard; the rest stay.
    await store.markPublished(legacy);
    await store.markPublished(reminders[39] as Reminder);
    expect((await store.unpublished(100)).map((r) => r.reminderId)).toEqual(oldestFirst.slice(2));
  });
});
