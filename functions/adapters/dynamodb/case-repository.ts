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
import { forgetHead, knownHeadAt, rememberHead } from './chain-head-memory.ts';
import { linkChange, withoutChain } from './chain-items.ts';
import { clockUpdates } from './clock-items.ts';
import { planDuplicates, TRANSACT_LIMIT } from './duplicate-store.ts';
import { appendedItems, cancelledFor, casePut, lostRace, receiptPut, strip, summaryOf } from './items.ts';
import { type IndexQuery, indexPage } from './paged-query.ts';
import { CasePartition } from './partition.ts';
import { CASES_TABLE, indexNamed, keys } from './table-design.ts';

const BY_POST_STATUS = indexNamed(CASES_TABLE, 'byPostStatus');
const BY_POST = indexNamed(CASES_TABLE, 'byPost');
const BY_POST_DUE = indexNamed(CASES_TABLE, 'byPostDue');
const BY_NUMBER = indexNamed(CASES_TABLE, 'byNumber');

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
   * The change's items: the case, its events and outbox records, the items of the clocks it changed, the
   * duplicate items `fill` fits in the room left; its receipt, when it has one, last (its index tells a
   * taken receipt apart).
   */
  #items(
    change: CaseChange,
    casePutItem: Awaited<ReturnType<typeof casePut>>,
    previousHead: string,
    fill: (room: number) => readonly Record<string, unknown>[] = () => [],
  ) {
    const appended = appendedItems(this.#table, change);
    linkChange(sha256, casePutItem, appended, previousHead);
    forgetHead(this.#table, change.next.caseId);
    const items: Record<string, unknown>[] = [casePutItem, ...appended, ...clockUpdates(this.#table, change)];
    items.push(...fill(TRANSACT_LIMIT - items.length - (change.receipt ? 1 : 0)));
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

  /**
   * A new case in one transaction with its duplicate markers and review pairs (duplicate-store.ts), so a
   * case never exists without them. A filing with more than the transaction holds (a collective dispute of
   * many workers) writes the markers that do not fit first: a marker counts only through its case, read by
   * key, so ahead of a cancelled filing it matches nothing. Pairs go in the transaction first; those beyond
   * its room (about 90 earlier open cases of the same workers) follow it.
   */
  async create(change: CaseChange): Promise<void> {
    const plan = planDuplicates(this.#table, change.duplicates);
    const items = this.#items(change, await casePut(this.#table, change.next, null), GENESIS, plan.fit);
    await this.#putAll(plan.ahead());
    try {
      await this.#db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (this.#receiptTaken(error, change, items)) throw new CommandAlreadyDone(change.receipt?.id ?? '');
      throw error;
    }
    await this.#putAll(plan.after());
  }

  async #putAll(items: readonly Record<string, unknown>[]): Promise<void> {
    for (let i = 0; i < items.length; i += TRANSACT_LIMIT) {
      await this.#db.send(new TransactWriteCommand({ TransactItems: items.slice(i, i + TRANSACT_LIMIT) }));
    }
  }

  async get(caseId: string): Promise<Case | null> {
    const out = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: keys.case(caseId), ConsistentRead: true }),
    );
    if (!out.Item) return null;
    // A save after this read needs no read of the chain's head (chain-head-memory.ts).
    rememberHead(this.#table, out.Item);
    return withoutChain(strip<Case>(out.Item));
  }

  async save(change: CaseChange, expectedVersion: number): Promise<void> {
    const previousHead = await knownHeadAt(
      this.#db,
      this.#table,
      sha256,
      change.next.caseId,
      expectedVersion,
    );
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
