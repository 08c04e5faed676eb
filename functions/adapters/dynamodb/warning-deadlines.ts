import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { OverdueWarning, WarningDeadlineStore } from '../../../domain/warnings/deadlines.ts';
import type { Warning } from '../../../domain/warnings/model.ts';
import { CASES_TABLE, indexNamed, keys } from './table-design.ts';

const BY_POST = indexNamed(CASES_TABLE, 'byPost');
const STORAGE = ['PK', 'SK', 'itemType', 'postKey', 'listKey', 'warningKey', 'warningDueKey'];

/** The mark of a raised deadline, in the employer's partition beside the warning. */
const markKey = (o: OverdueWarning) => ({
  PK: keys.employerState(o.warning.creditCode).PK,
  SK: `OVERDUE#${o.warning.warningId}#${o.deadline}#${o.dueAt}`,
});

/**
 * The warnings' deadlines on the cases table: the posts from the post–district partition, a post's
 * overdue warnings through byPost (`WARNINGS#post`, sorted by the next deadline, so `listKey < now` is
 * exactly the overdue ones; a closed warning sorts last), the warnings by key, and a conditional put per
 * raised deadline.
 */
export class DynamoWarningDeadlines implements WarningDeadlineStore {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, tableName: string) {
    this.#db = db;
    this.#table = tableName;
  }

  async posts(): Promise<string[]> {
    const found = new Set<string>();
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.#db.send(
        new QueryCommand({
          TableName: this.#table,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': keys.district('0').PK },
          ProjectionExpression: 'postId',
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of out.Items ?? []) if (typeof item.postId === 'string') found.add(item.postId);
      start = out.LastEvaluatedKey;
    } while (start);
    return [...found].sort();
  }

  async overdue(postId: string, now: string): Promise<Warning[]> {
    const out: Warning[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.#db.send(
        new QueryCommand({
          TableName: this.#table,
          IndexName: BY_POST.indexName,
          KeyConditionExpression: '#pk = :pk AND #sk < :now',
          ExpressionAttributeNames: { '#pk': BY_POST.partitionKey.name, '#sk': BY_POST.sortKey?.name ?? '' },
          ExpressionAttributeValues: { ':pk': keys.postWarnings(postId), ':now': now },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      // byPost projects a summary; the warning itself is read by key.
      for (const item of page.Items ?? []) {
        const full = await this.#db.send(
          new GetCommand({ TableName: this.#table, Key: { PK: item.PK, SK: item.SK } }),
        );
        const w = full.Item;
        if (w) {
          const copy: Record<string, unknown> = { ...w };
          for (const name of STORAGE) delete copy[name];
          out.push(copy as unknown as Warning);
        }
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async markOverdue(o: OverdueWarning, at: string): Promise<boolean> {
    try {
      await this.#db.send(
        new PutCommand({
          TableName: this.#table,
          Item: {
            ...markKey(o),
            itemType: 'WARNING_OVERDUE',
            warningId: o.warning.warningId,
            deadline: o.deadline,
            dueAt: o.dueAt,
            raisedAt: at,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  async unmarkOverdue(o: OverdueWarning): Promise<void> {
    await this.#db.send(new DeleteCommand({ TableName: this.#table, Key: markKey(o) }));
  }
}
