import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Case, CaseEvent, CaseSummary } from '../../../domain/case/model.ts';
import type { CaseChange, CaseRepository, ListQuery } from '../../../domain/case/ports.ts';
import { VersionConflictError } from '../../../domain/shared/errors.ts';
import type { Page, PartitionPage } from '../../../domain/shared/page.ts';
import type { CursorCodec } from '../cursor.ts';
import { appendedItems, casePut, lostRace, strip, summaryOf } from './items.ts';
import { CasePartition } from './partition.ts';
import { CASES_TABLE, indexNamed, keys } from './table-design.ts';

const BY_POST_STATUS = indexNamed(CASES_TABLE, 'byPostStatus');
const BY_POST = indexNamed(CASES_TABLE, 'byPost');

/**
 * CaseRepository on the cases table (see table-design.ts). A change is one TransactWriteItems: the case
 * put guarded by its version, the event puts and the outbox records the change carries. Lists page with
 * signed cursors when given a codec; functions without a cursor secret read with `eventsUpTo` only.
 */
export class DynamoCaseRepository implements CaseRepository {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #cursors: CursorCodec | null;
  readonly #partition: CasePartition;

  constructor(db: DynamoDBDocumentClient, tableName: string, cursors: CursorCodec | null) {
    this.#db = db;
    this.#table = tableName;
    this.#cursors = cursors;
    this.#partition = new CasePartition(db, tableName, cursors);
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

  async create(change: CaseChange): Promise<void> {
    await this.#db.send(
      new TransactWriteCommand({
        TransactItems: [casePut(this.#table, change.next, null), ...appendedItems(this.#table, change)],
      }),
    );
  }

  async get(caseId: string): Promise<Case | null> {
    const out = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: keys.case(caseId), ConsistentRead: true }),
    );
    return out.Item ? strip<Case>(out.Item) : null;
  }

  async save(change: CaseChange, expectedVersion: number): Promise<void> {
    try {
      await this.#db.send(
        new TransactWriteCommand({
          TransactItems: [
            casePut(this.#table, change.next, expectedVersion),
            ...appendedItems(this.#table, change),
          ],
        }),
      );
    } catch (error) {
      // ConditionalCheckFailed: the version moved on. TransactionConflict: another transaction on the same
      // item was in flight (real DynamoDB only) — the same race, lost the same way.
      if (lostRace(error)) throw new VersionConflictError(expectedVersion, undefined, false);
      throw error;
    }
  }

  async listByPost(query: ListQuery): Promise<Page<CaseSummary>> {
    const index = query.status ? BY_POST_STATUS : BY_POST;
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
        ...(query.cursor ? { ExclusiveStartKey: this.#codec().decode(query.cursor, scope) } : {}),
      }),
    );
    return {
      items: (out.Items ?? []).map(summaryOf),
      nextCursor: out.LastEvaluatedKey ? this.#codec().encode(out.LastEvaluatedKey, scope) : null,
    };
  }

  async history(caseId: string, page: PartitionPage): Promise<Page<CaseEvent>> {
    return this.#partition.page<CaseEvent>(caseId, keys.eventPrefix, 'history', page);
  }

  async eventsUpTo(caseId: string, untilVersion: number): Promise<CaseEvent[]> {
    return this.#partition.all<CaseEvent>(caseId, keys.eventPrefix, untilVersion);
  }

  #codec(): CursorCodec {
    if (!this.#cursors) throw new Error('this function lists cases but was given no cursor secret');
    return this.#cursors;
  }
}
