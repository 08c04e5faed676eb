import { type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from './table-design.ts';

/**
 * The case's OPEN reminders move from one post's desk list to another's: their `postId` and list keys
 * (`REMINDERS#<post>#OPEN`; the mediators' key only where it was set, i.e. not escalated). The reminders
 * live in the case's partition, so one Query finds them (a handful: four stages a clock at most); each
 * update is conditioned on the reminder still being OPEN at the post it leaves, so a late or repeated move
 * (a redelivered takeover, a second transfer since) changes nothing.
 */
export async function moveOpenReminders(
  db: DynamoDBDocumentClient,
  table: string,
  { caseId, fromPostId, toPostId }: { caseId: string; fromPostId: string; toPostId: string },
): Promise<number> {
  let moved = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :reminder)',
        ExpressionAttributeValues: { ':pk': keys.case(caseId).PK, ':reminder': 'REMINDER#' },
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of out.Items ?? []) {
      if (item.status !== 'OPEN' || item.postId !== fromPostId) continue;
      if (await moveOne(db, table, item, fromPostId, toPostId)) moved++;
    }
    start = out.LastEvaluatedKey;
  } while (start);
  return moved;
}

async function moveOne(
  db: DynamoDBDocumentClient,
  table: string,
  item: Record<string, unknown>,
  fromPostId: string,
  toPostId: string,
): Promise<boolean> {
  const listKey = keys.postReminders(toPostId, 'OPEN');
  const mediators = item.mediatorReminderKey !== undefined;
  try {
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: { PK: item.PK, SK: item.SK },
        UpdateExpression: `SET postId = :to, reminderKey = :key${mediators ? ', mediatorReminderKey = :key' : ''}`,
        ConditionExpression: '#status = :open AND postId = :from',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':to': toPostId, ':from': fromPostId, ':open': 'OPEN', ':key': listKey },
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}
