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
import {
  type HandoffRecord,
  type HandoffRef,
  type HandoffSettlement,
  HandoffStatusConflict,
  outboxRecord,
} from '../../../domain/handoffs.ts';
import type { CaseRepository, CaseSummary, ListQuery, Page, PartitionPage } from '../../../domain/ports.ts';
import type { CursorCodec } from '../cursor.ts';
import { CASE_SUMMARY_ATTRIBUTES, CASES_TABLE, keys } from './table-design.ts';

const [BY_POST_STATUS, BY_POST, BY_HANDOFF, PENDING_HANDOFFS] = CASES_TABLE.indexes;
const STORAGE_ATTRIBUTES = [
  'PK',
  'SK',
  'itemType',
  'postKey',
  'postStatusKey',
  'listKey',
  'employerName',
  'workerCount',
  'handoffKey',
  'pendingKey',
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

/** The outbox record of a handoff, in its case's partition; `handoffKey` puts it in the byHandoff index. */
function handoffItem(h: HandoffRecord): Record<string, unknown> {
  return {
    ...keys.handoff(h.caseId, h.requestedVersion),
    itemType: 'HANDOFF',
    handoffKey: h.handoffId,
    pendingKey: keys.pending,
    ...h,
  };
}

/** Puts for the events and, for each handoff an event requests, its outbox record: one transaction. */
function eventItems(events: readonly CaseEvent[]) {
  return events.flatMap((e) => {
    const outbox = outboxRecord(e);
    return [
      {
        Put: {
          Item: { ...keys.event(e.caseId, e.version, e.seq), itemType: 'EVENT', ...e },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      ...(outbox
        ? [{ Put: { Item: handoffItem(outbox), ConditionExpression: 'attribute_not_exists(PK)' } }]
        : []),
    ];
  });
}

/** The handoff fields a settlement changes; `attempts` is left to recordAttempt's atomic counter. */
const SETTLED_FIELDS = [
  'status',
  'dispatch',
  'deliveredAt',
  'partnerReference',
  'failedAt',
  'lastError',
] as const;

const cancelledFor = (error: unknown, index: number, codes: readonly string[]) =>
  error instanceof TransactionCanceledException &&
  codes.includes(error.CancellationReasons?.[index]?.Code ?? '');

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

  async getHandoff(
    ref: Pick<HandoffRef, 'caseId' | 'handoffId' | 'requestedVersion'>,
  ): Promise<HandoffRecord | null> {
    const out = await this.#db.send(
      new GetCommand({
        TableName: this.#table,
        Key: keys.handoff(ref.caseId, ref.requestedVersion),
        ConsistentRead: true,
      }),
    );
    const h = out.Item ? strip<HandoffRecord>(out.Item) : null;
    return h && h.handoffId === ref.handoffId ? h : null;
  }

  async findHandoff(handoffId: string): Promise<HandoffRecord | null> {
    if (!BY_HANDOFF) throw new Error('table design lacks the byHandoff index');
    const out = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: BY_HANDOFF.indexName,
        KeyConditionExpression: '#pk = :id',
        ExpressionAttributeNames: { '#pk': BY_HANDOFF.partitionKey.name },
        ExpressionAttributeValues: { ':id': handoffId },
        Limit: 1,
      }),
    );
    const found = out.Items?.[0];
    if (!found) return null;
    return this.getHandoff({
      caseId: String(found.caseId),
      handoffId,
      requestedVersion: Number(found.requestedVersion),
    });
  }

  async listHandoffs(caseId: string, page: PartitionPage): Promise<Page<HandoffRecord>> {
    return this.#casePartition<HandoffRecord>(caseId, keys.handoffPrefix, 'handoffs', page);
  }

  async pendingHandoffs(requestedBefore: string, limit: number): Promise<HandoffRef[]> {
    if (!PENDING_HANDOFFS) throw new Error('table design lacks the pendingHandoffs index');
    const out = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: PENDING_HANDOFFS.indexName,
        KeyConditionExpression: '#pk = :pending AND #sk < :before',
        ExpressionAttributeNames: {
          '#pk': PENDING_HANDOFFS.partitionKey.name,
          '#sk': PENDING_HANDOFFS.sortKey.name,
        },
        ExpressionAttributeValues: { ':pending': keys.pending, ':before': requestedBefore },
        ScanIndexForward: true,
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((item) => ({
      caseId: String(item.caseId),
      handoffId: String(item.handoffId),
      requestedVersion: Number(item.requestedVersion),
      dispatch: Number(item.dispatch),
    }));
  }

  async settleHandoff(s: HandoffSettlement): Promise<void> {
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = {};
    s.from.forEach((status, i) => {
      values[`:from${i}`] = status;
    });
    if (s.handoff.status === 'PENDING') values[':pendingKey'] = keys.pending;
    const sets = SETTLED_FIELDS.map((field) => {
      names[`#${field}`] = field;
      values[`:${field}`] = s.handoff[field];
      return `#${field} = :${field}`;
    });
    const events = eventItems(s.events).map((op) => ({ Put: { ...op.Put, TableName: this.#table } }));
    try {
      await this.#db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.#table,
                Item: caseItem(s.next),
                ConditionExpression: '#version = :expected',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':expected': s.expectedVersion },
              },
            },
            ...events,
            {
              Update: {
                TableName: this.#table,
                Key: keys.handoff(s.handoff.caseId, s.handoff.requestedVersion),
                // In the pendingHandoffs index exactly while PENDING.
                UpdateExpression:
                  s.handoff.status === 'PENDING'
                    ? `SET ${sets.join(', ')}, pendingKey = :pendingKey`
                    : `SET ${sets.join(', ')} REMOVE pendingKey`,
                ConditionExpression: `#status IN (${s.from.map((_, i) => `:from${i}`).join(', ')})`,
                ExpressionAttributeNames: names,
                ExpressionAttributeValues: values,
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (cancelledFor(error, events.length + 1, ['ConditionalCheckFailed'])) {
        throw new HandoffStatusConflict(s.handoff.handoffId, null);
      }
      // The case moved on, or (real DynamoDB only) another write to one of the items was in flight: the
      // caller reads again and retries.
      if (
        cancelledFor(error, 0, ['ConditionalCheckFailed']) ||
        (error instanceof TransactionCanceledException &&
          error.CancellationReasons?.some((r) => r.Code === 'TransactionConflict'))
      ) {
        throw new VersionConflictError(s.expectedVersion, undefined, false);
      }
      throw error;
    }
  }

  async recordAttempt(ref: HandoffRef, at: string, error: string | null): Promise<void> {
    await this.#db.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: keys.handoff(ref.caseId, ref.requestedVersion),
        UpdateExpression: 'ADD attempts :one SET lastAttemptAt = :at, lastError = :error',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':one': 1, ':at': at, ':error': error },
      }),
    );
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

  async history(caseId: string, page: PartitionPage): Promise<Page<CaseEvent>> {
    return this.#casePartition<CaseEvent>(caseId, keys.eventPrefix, 'history', page);
  }

  /**
   * One kind of item in a case's partition (events, handoffs), oldest first, read consistently; with
   * `untilVersion`, only the items of versions up to it (their sort keys start with the padded version).
   */
  async #casePartition<T>(
    caseId: string,
    prefix: string,
    scopeName: string,
    page: PartitionPage,
  ): Promise<Page<T>> {
    const until = page.untilVersion;
    const scope = `${scopeName}:${caseId}${until === undefined ? '' : `:${until}`}`;
    const out = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression:
          until === undefined
            ? 'PK = :pk AND begins_with(SK, :prefix)'
            : 'PK = :pk AND SK BETWEEN :prefix AND :last',
        ExpressionAttributeValues: {
          ':pk': keys.case(caseId).PK,
          ':prefix': prefix,
          // '~' sorts after the digits and '#' that follow a version in these keys.
          ...(until === undefined ? {} : { ':last': `${prefix}${String(until).padStart(10, '0')}~` }),
        },
        ScanIndexForward: true,
        Limit: page.limit,
        ConsistentRead: true,
        ...(page.cursor ? { ExclusiveStartKey: this.#cursors.decode(page.cursor, scope) } : {}),
      }),
    );
    return {
      items: (out.Items ?? []).map((item) => strip<T>(item)),
      nextCursor: out.LastEvaluatedKey ? this.#cursors.encode(out.LastEvaluatedKey, scope) : null,
    };
  }
}
