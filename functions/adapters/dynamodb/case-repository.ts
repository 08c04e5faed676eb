import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Case, CaseEvent } from '../../../domain/case.ts';
import { VersionConflictError } from '../../../domain/errors.ts';
import type { CaseRepository, CaseSummary, ListQuery, Page } from '../../../domain/ports.ts';
import type { CursorCodec } from '../cursor.ts';
import { CASE_SUMMARY_ATTRIBUTES, CASES_TABLE, keys } from './table-design.ts';

const [BY_POST_STATUS, BY_POST] = CASES_TABLE.indexes;
const STORAGE_ATTRIBUTES = [
  'PK',
  'SK',
  'itemType',
  'postKey',
  'postStatusKey',
  'listKey',
  'employerName',
  'workerCount',
];

function strip<T>(item: Record<string, unknown>, extra: readonly string[] = []): T {
  const out: Record<string, unknown> = { ...item };
  for (const name of [...STORAGE_ATTRIBUTES, ...extra]) delete out[name];
  return out as T;
}

/** The case as stored: the domain object plus its index keys and the projected summary fields. */
function caseItem(c: Case): Record<string, unknown> {
  return {
    ...keys.case(c.caseId),
    itemType: 'CASE',
    ...c,
    postKey: keys.post(c.postId),
    postStatusKey: keys.postStatus(c.postId, c.status),
    listKey: keys.list(c.createdAt, c.caseId),
    employerName: c.employer.name,
    workerCount: c.workers.length,
  };
}

function eventItems(events: readonly CaseEvent[]) {
  return events.map((e) => ({
    Put: {
      Item: { ...keys.event(e.caseId, e.version, e.seq), itemType: 'EVENT', ...e },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  }));
}

/** CaseRepository on one DynamoDB table (see table-design.ts for the item layout). */
export class DynamoCaseRepository implements CaseRepository {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #cursors: CursorCodec;

  constructor(db: DynamoDBDocumentClient, tableName: string, cursors: CursorCodec) {
    this.#db = db;
    this.#table = tableName;
    this.#cursors = cursors;
  }

  async allocateCaseSequence(postId: string, year: number): Promise<number> {
    const out = await this.#db.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: keys.counter(postId, year),
        UpdateExpression: 'ADD #seq :one SET itemType = :type',
        ExpressionAttributeNames: { '#seq': 'sequence' },
        ExpressionAttributeValues: { ':one': 1, ':type': 'COUNTER' },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.sequence);
  }

  async create(c: Case, events: readonly CaseEvent[]): Promise<void> {
    await this.#db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { Item: caseItem(c), ConditionExpression: 'attribute_not_exists(PK)' } },
          ...eventItems(events),
        ].map((op) => ({ Put: { ...op.Put, TableName: this.#table } })),
      }),
    );
  }

  async get(caseId: string): Promise<Case | null> {
    const out = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: keys.case(caseId), ConsistentRead: true }),
    );
    return out.Item ? strip<Case>(out.Item) : null;
  }

  async save(next: Case, expectedVersion: number, events: readonly CaseEvent[]): Promise<void> {
    try {
      await this.#db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                Item: caseItem(next),
                ConditionExpression: '#version = :expected',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':expected': expectedVersion },
              },
            },
            ...eventItems(events),
          ].map((op) => ({ Put: { ...op.Put, TableName: this.#table } })),
        }),
      );
    } catch (error) {
      // ConditionalCheckFailed: the version moved on. TransactionConflict: another transaction on the same
      // item was in flight (real DynamoDB only) — the same race, lost the same way.
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.some(
          (r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict',
        )
      ) {
        throw new VersionConflictError(expectedVersion, undefined, false);
      }
      throw error;
    }
  }

  async listByPost(query: ListQuery): Promise<Page<CaseSummary>> {
    const index = query.status ? BY_POST_STATUS : BY_POST;
    if (!index) throw new Error('table design lacks the list indexes');
    const partition = query.status ? keys.postStatus(query.postId, query.status) : keys.post(query.postId);
    const scope = `cases:${partition}`;
    const out = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.partitionKey.name },
        ExpressionAttributeValues: { ':pk': partition },
        ScanIndexForward: false,
        Limit: query.limit,
        ...(query.cursor ? { ExclusiveStartKey: this.#cursors.decode(query.cursor, scope) } : {}),
      }),
    );
    const items = (out.Items ?? []).map((item) => {
      const summary: Record<string, unknown> = {};
      for (const name of CASE_SUMMARY_ATTRIBUTES) summary[name] = item[name];
      return summary as CaseSummary;
    });
    return {
      items,
      nextCursor: out.LastEvaluatedKey ? this.#cursors.encode(out.LastEvaluatedKey, scope) : null,
    };
  }

  async history(caseId: string, page: { limit: number; cursor?: string }): Promise<Page<CaseEvent>> {
    const scope = `history:${caseId}`;
    const out = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :events)',
        ExpressionAttributeValues: { ':pk': keys.case(caseId).PK, ':events': keys.eventPrefix },
        ScanIndexForward: true,
        Limit: page.limit,
        ConsistentRead: true,
        ...(page.cursor ? { ExclusiveStartKey: this.#cursors.decode(page.cursor, scope) } : {}),
      }),
    );
    return {
      items: (out.Items ?? []).map((item) => strip<CaseEvent>(item)),
      nextCursor: out.LastEvaluatedKey ? this.#cursors.encode(out.LastEvaluatedKey, scope) : null,
    };
  }
}
