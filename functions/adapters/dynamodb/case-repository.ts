import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { GENESIS } from '../../../domain/audit/chain.ts';
import type { Case, CaseEvent, CaseSummary } from '../../../domain/case/model.ts';
import {
  type CaseChange,
  type CaseRepository,
  CommandAlreadyDone,
  type ListQuery,
} from '../../../domain/case/ports.ts';
import { VersionConflictError } from '../../../domain/shared/errors.ts';
import type { Page, PartitionPage } from '../../../domain/shared/page.ts';
import { sha256 } from '../audit/sha256.ts';
import { type CursorCodec, type CursorSource, codecOf } from '../cursor.ts';
import { headAt, linkChange, withoutChain } from './chain-items.ts';
import { clockUpdates } from './clock-items.ts';
import { appendedItems, cancelledFor, casePut, lostRace, receiptPut, strip, summaryOf } from './items.ts';
import { type IndexQuery, indexPage } from './paged-query.ts';
import { CasePartition } from './partition.ts';
import { CASES_TABLE, indexNamed, keys } from './table-design.ts';

const BY_POST_STATUS = indexNamed(CASES_TABLE, 'byPostStatus');
const BY_POST = indexNamed(CASES_TABLE, 'byPost');
const BY_POST_DUE = indexNamed(CASES_TABLE, 'byPostDue');
const BY_NUMBER = indexNamed(CASES_TABLE, 'byNumber');

/** How many cases' chain heads a container remembers from its reads, for the saves that follow them. */
const REMEMBERED_HEADS = 256;

/**
 * CaseRepository on the cases table (see table-design.ts). A change is one TransactWriteItems: the case
 * put guarded by its version, the event puts and the outbox records the change carries. Each event put
 * carries its link of the case's hash chain and the case put the new head (chain-items.ts), in the same
 * transaction. Lists page with signed cursors when given a codec; functions without a cursor secret read
 * with `eventsUpTo` only.
 */
export class DynamoCaseRepository implements CaseRepository {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #cursors: CursorSource | null;
  readonly #partition: CasePartition;

  readonly #receiptsTable: string | null;
  /** Chain heads seen by `get`, by case id: a save after a read needs no read of its own. */
  readonly #heads = new Map<string, { readonly version: number; readonly head: string }>();

  /** `receiptsTable`: where command receipts go (the idempotency table), for functions that write them. */
  constructor(
    db: DynamoDBDocumentClient,
    tableName: string,
    cursors: CursorSource | null,
    options: { readonly receiptsTable?: string } = {},
  ) {
    this.#db = db;
    this.#table = tableName;
    this.#cursors = cursors;
    this.#partition = new CasePartition(db, tableName, cursors);
    this.#receiptsTable = options.receiptsTable ?? null;
  }

  /**
   * The change's items: the case, its events and outbox records, the items of the clocks it changed; its
   * receipt, when it has one, last (its index tells a taken receipt apart).
   */
  #items(change: CaseChange, casePutItem: Awaited<ReturnType<typeof casePut>>, previousHead: string) {
    const appended = appendedItems(this.#table, change);
    linkChange(sha256, casePutItem, appended, previousHead);
    this.#heads.delete(change.next.caseId);
    const items: Record<string, unknown>[] = [casePutItem, ...appended, ...clockUpdates(this.#table, change)];
    if (change.receipt) {
      if (!this.#receiptsTable)
        throw new Error('this function writes receipts but was given no table for them');
      items.push(receiptPut(this.#receiptsTable, change.receipt, Math.floor(Date.now() / 1000)));
    }
    return items;
  }

  /** CommandAlreadyDone when the transaction was refused because the receipt's id is taken. */
  #receiptTaken(error: unknown, change: CaseChange, items: readonly unknown[]): boolean {
    return change.receipt !== undefined && cancelledFor(error, items.length - 1, ['ConditionalCheckFailed']);
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
    const items = this.#items(change, await casePut(this.#table, change.next, null), GENESIS);
    try {
      await this.#db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (this.#receiptTaken(error, change, items)) throw new CommandAlreadyDone(change.receipt?.id ?? '');
      throw error;
    }
  }

  async get(caseId: string): Promise<Case | null> {
    const out = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: keys.case(caseId), ConsistentRead: true }),
    );
    if (!out.Item) return null;
    if (typeof out.Item.chainHead === 'string') this.#remember(caseId, out.Item.version, out.Item.chainHead);
    return withoutChain(strip<Case>(out.Item));
  }

  #remember(caseId: string, version: number, head: string): void {
    this.#heads.delete(caseId);
    this.#heads.set(caseId, { version, head });
    if (this.#heads.size > REMEMBERED_HEADS) this.#heads.delete(this.#heads.keys().next().value as string);
  }

  /** The chain's head at the version a save replaces: remembered from a read, or read. */
  async #headAt(caseId: string, version: number): Promise<string> {
    const known = this.#heads.get(caseId);
    if (known?.version === version) return known.head;
    return headAt(this.#db, this.#table, sha256, caseId, version);
  }

  async save(change: CaseChange, expectedVersion: number): Promise<void> {
    const previousHead = await this.#headAt(change.next.caseId, expectedVersion);
    const items = this.#items(change, await casePut(this.#table, change.next, expectedVersion), previousHead);
    try {
      await this.#db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (this.#receiptTaken(error, change, items)) throw new CommandAlreadyDone(change.receipt?.id ?? '');
      // ConditionalCheckFailed: the version moved on. TransactionConflict: another transaction on the same
      // item was in flight (real DynamoDB only) — the same race, lost the same way.
      if (lostRace(error)) throw new VersionConflictError(expectedVersion, undefined, false);
      throw error;
    }
  }

  async listByPost(query: ListQuery): Promise<Page<CaseSummary>> {
    if (query.due) return this.#listDue(query, query.due);
    const index = query.status ? BY_POST_STATUS : BY_POST;
    const partition = query.status ? keys.postStatus(query.postId, query.status) : keys.post(query.postId);
    return this.#page(
      { index, partition, forward: false, limit: query.limit },
      `cases:${partition}`,
      query.cursor,
    );
  }

  /**
   * The number's index gives the case id; the case item, read by key, gives the summary as it is now (the
   * index is eventually consistent and projects nothing else). Two calls, never a Scan.
   */
  async findByNumber(caseNumber: string): Promise<CaseSummary | null> {
    const out = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: BY_NUMBER.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': BY_NUMBER.partitionKey.name },
        ExpressionAttributeValues: { ':pk': caseNumber },
        // Case numbers are allocated once each, from a per-post counter: one item at most.
        Limit: 1,
      }),
    );
    const caseId = out.Items?.[0]?.caseId;
    if (typeof caseId !== 'string') return null;
    const got = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: keys.case(caseId), ConsistentRead: true }),
    );
    return got.Item?.caseNumber === caseNumber ? summaryOf(got.Item) : null;
  }

  /** The desk list: the post's cases whose next deadline falls in the window, soonest first. */
  async #listDue(query: ListQuery, due: NonNullable<ListQuery['due']>): Promise<Page<CaseSummary>> {
    const partition = keys.post(query.postId);
    const scope = `desk:${partition}:${due.after ?? ''}:${due.until ?? ''}`;
    const range =
      due.after && due.until
        ? {
            cond: ' AND #sk BETWEEN :after AND :until',
            values: { ':after': due.after, ':until': `${due.until}~` },
          }
        : due.until
          ? { cond: ' AND #sk < :until', values: { ':until': `${due.until}~` } }
          : due.after
            ? { cond: ' AND #sk > :after', values: { ':after': due.after } }
            : { cond: '', values: {} };
    return this.#page(
      {
        index: BY_POST_DUE,
        partition,
        forward: true,
        limit: query.limit,
        keyCondition: range.cond,
        names: range.cond ? { '#sk': BY_POST_DUE.sortKey.name } : {},
        values: range.values,
      },
      scope,
      query.cursor,
    );
  }

  /** One page of case summaries from an index (paged-query.ts). */
  async #page(q: IndexQuery, scope: string, cursor: string | undefined): Promise<Page<CaseSummary>> {
    const page = await indexPage(this.#db, this.#table, () => this.#codec(), { ...q, scope, cursor });
    return { items: page.items.map(summaryOf), nextCursor: page.nextCursor };
  }

  async history(caseId: string, page: PartitionPage): Promise<Page<CaseEvent>> {
    const out = await this.#partition.page<CaseEvent>(caseId, keys.eventPrefix, 'history', page);
    return { ...out, items: out.items.map(withoutChain) };
  }

  async eventsUpTo(caseId: string, untilVersion: number): Promise<CaseEvent[]> {
    return (await this.#partition.all<CaseEvent>(caseId, keys.eventPrefix, untilVersion)).map(withoutChain);
  }

  async #codec(): Promise<CursorCodec> {
    if (!this.#cursors) throw new Error('this function lists cases but was given no cursor secret');
    return codecOf(this.#cursors);
  }
}
