import { randomBytes } from 'node:crypto';
import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AccessLog, AccessRecord } from '../../../domain/audit/ports.ts';
import type { Page } from '../../../domain/shared/page.ts';
import { type CursorSource, codecOf } from '../cursor.ts';

/**
 * Access records in the cases table, one partition per case apart from the case's own (`ACCESS#<caseId>` /
 * `<at>#<nonce>`), so reads of a case never heat the partition its actions write, and the stream's
 * consumers (filtered on itemType) never see them. Each record expires with DynamoDB TTL (`expiresAt`)
 * after ACCESS_RETENTION_DAYS. A list's records go in BatchWriteItem calls of 25.
 */
export const ACCESS_RETENTION_DAYS = 3 * 366;
const BATCH = 25;
const MAX_RETRIES = 5;

export const accessKeys = (caseId: string, at: string, nonce: string) => ({
  PK: `ACCESS#${caseId}`,
  SK: `${at}#${nonce}`,
});

export function accessItem(r: AccessRecord): Record<string, unknown> {
  const expiresAt = Math.floor(Date.parse(r.at) / 1000) + ACCESS_RETENTION_DAYS * 86_400;
  return {
    ...accessKeys(r.caseId, r.at, randomBytes(6).toString('hex')),
    itemType: 'ACCESS',
    ...r,
    expiresAt,
  };
}

const recordOf = (item: Record<string, unknown>): AccessRecord => ({
  caseId: String(item.caseId),
  actor: item.actor as AccessRecord['actor'],
  view: item.view as AccessRecord['view'],
  at: String(item.at),
  ...(Array.isArray(item.fieldsRevealed) ? { fieldsRevealed: item.fieldsRevealed as string[] } : {}),
  ...(typeof item.purpose === 'string' ? { purpose: item.purpose } : {}),
});

export class DynamoAccessLog implements AccessLog {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #cursors: CursorSource | null;

  constructor(db: DynamoDBDocumentClient, tableName: string, cursors: CursorSource | null) {
    this.#db = db;
    this.#table = tableName;
    this.#cursors = cursors;
  }

  async recordAccess(record: AccessRecord): Promise<void> {
    await this.#db.send(new PutCommand({ TableName: this.#table, Item: accessItem(record) }));
  }

  async recordAccesses(records: readonly AccessRecord[]): Promise<void> {
    for (let i = 0; i < records.length; i += BATCH) {
      let requests = records.slice(i, i + BATCH).map((r) => ({ PutRequest: { Item: accessItem(r) } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > MAX_RETRIES) throw new Error('access records left unprocessed after retries');
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
        const out = await this.#db.send(new BatchWriteCommand({ RequestItems: { [this.#table]: requests } }));
        requests = (out.UnprocessedItems?.[this.#table] ?? []) as typeof requests;
      }
    }
  }

  async listAccess(caseId: string, page: { limit: number; cursor?: string }): Promise<Page<AccessRecord>> {
    if (!this.#cursors) throw new Error('this function lists access records but was given no cursor secret');
    const codec = await codecOf(this.#cursors);
    const scope = `access:${caseId}`;
    const out = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `ACCESS#${caseId}` },
        ScanIndexForward: false,
        Limit: page.limit,
        ...(page.cursor ? { ExclusiveStartKey: codec.decode(page.cursor, scope) } : {}),
      }),
    );
    return {
      items: (out.Items ?? []).map(recordOf),
      nextCursor: out.LastEvaluatedKey ? codec.encode(out.LastEvaluatedKey, scope) : null,
    };
  }
}
