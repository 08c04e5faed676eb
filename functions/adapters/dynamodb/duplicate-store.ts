import { type DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type CaseStatus, isTerminal } from '../../../domain/case/model.ts';
import type { DuplicateMarking } from '../../../domain/sealing/duplicate-model.ts';
import type { DuplicatePair, DuplicateStore, PossibleDuplicate } from '../../../domain/sealing/duplicates.ts';
import type { Page } from '../../../domain/shared/page.ts';
import { type CursorSource, codecOf } from '../cursor.ts';
import { cancelledFor } from './items.ts';
import { getAll } from './paged-query.ts';
import { keys } from './table-design.ts';

const SCOPE = 'duplicates';
/** Marker queries in flight at once when a filing has many workers. */
const QUERIES_IN_FLIGHT = 16;
const STORAGE = ['PK', 'SK', 'itemType'];
const pairOf = (item: Record<string, unknown>): DuplicatePair => {
  const out = { ...item };
  for (const name of STORAGE) delete out[name];
  return out as unknown as DuplicatePair;
};

/** DynamoDB's limit of actions in one TransactWriteItems. */
export const TRANSACT_LIMIT = 100;

const put = (TableName: string) => (Item: Record<string, unknown>) => ({ Put: { TableName, Item } });

/**
 * Where a new case's marking goes (case-repository.ts `create`): `fit(room)` gives the puts for the case's
 * own transaction — the review pairs first, then the markers (`DUPKEY#<hmac>` / `CASE#<id>`, case number
 * and post only) — and remembers what did not fit: the markers to write `ahead` of the transaction, inert
 * until the case exists, and the pairs to write `after` it.
 */
export function planDuplicates(table: string, marking: DuplicateMarking | undefined) {
  const c = marking?.filed;
  const pairs = (marking?.pairs ?? []).map((p) =>
    put(table)({ PK: `DUPLICATES#${p.postId}`, SK: `PENDING#${p.pairId}`, itemType: 'DUPLICATE', ...p }),
  );
  const markers = c
    ? (marking?.hashes ?? []).map((hash) =>
        put(table)({
          PK: `DUPKEY#${hash}`,
          SK: `CASE#${c.caseId}`,
          itemType: 'DUPKEY',
          caseId: c.caseId,
          caseNumber: c.caseNumber,
          postId: c.postId,
        }),
      )
    : [];
  let room = 0;
  return {
    fit: (available: number) => {
      room = Math.max(0, available);
      return [...pairs, ...markers].slice(0, room);
    },
    ahead: () => markers.slice(Math.max(0, room - pairs.length)),
    after: () => pairs.slice(room),
  };
}

/**
 * Duplicate filings in the cases table: a marker per keyed hash and case (`DUPKEY#<hmac>` / `CASE#<id>`,
 * case number and post only), found by key; whether a case is still open is read from the case itself
 * (BatchGetItem of the few cases found), so a closed case stops matching without touching its markers.
 * Pairs for review live in the post's partition (`DUPLICATES#<post>`): `PENDING#<pairId>` until a supervisor
 * decides, then `DECIDED#<pairId>` (one transaction), so the pending list is a Query on a key prefix.
 */
export class DynamoDuplicateStore implements DuplicateStore {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #cursors: CursorSource;

  constructor(db: DynamoDBDocumentClient, tableName: string, cursors: CursorSource) {
    this.#db = db;
    this.#table = tableName;
    this.#cursors = cursors;
  }

  async casesWith(hashes: readonly string[]) {
    const markers: PossibleDuplicate[] = [];
    // A collective filing has up to 500 workers: a bounded number of queries in flight at once.
    for (let i = 0; i < hashes.length; i += QUERIES_IN_FLIGHT) {
      const pages = await Promise.all(
        hashes.slice(i, i + QUERIES_IN_FLIGHT).map(async (hash) => {
          const out = await this.#db.send(
            new QueryCommand({
              TableName: this.#table,
              KeyConditionExpression: 'PK = :pk',
              ExpressionAttributeValues: { ':pk': `DUPKEY#${hash}` },
              Limit: 100,
            }),
          );
          return (out.Items ?? []) as unknown as PossibleDuplicate[];
        }),
      );
      markers.push(...pages.flat());
    }
    const byId = new Map(markers.map((m) => [m.caseId, m]));
    if (byId.size === 0) return [];
    // Whether each is still open, from the case itself: 100 keys a call, unprocessed keys asked again.
    const cases = await getAll(
      this.#db,
      this.#table,
      [...byId.keys()].map((id) => keys.case(id)),
      (c) => String(c.caseId),
      { expression: 'caseId, #status', names: { '#status': 'status' } },
    );
    const open = new Set(
      [...cases.values()].filter((c) => !isTerminal(c.status as CaseStatus)).map((c) => String(c.caseId)),
    );
    return [...byId.values()].map(({ caseId, caseNumber, postId }) => ({
      caseId,
      caseNumber,
      postId,
      open: open.has(caseId),
    }));
  }

  async pending(
    postId: string,
    page: { readonly limit: number; readonly cursor?: string },
  ): Promise<Page<DuplicatePair>> {
    const codec = await codecOf(this.#cursors);
    const scope = `${SCOPE}:${postId}`;
    const start = page.cursor ? codec.decode(page.cursor, scope) : undefined;
    const out = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :pending)',
        ExpressionAttributeValues: { ':pk': `DUPLICATES#${postId}`, ':pending': 'PENDING#' },
        Limit: page.limit,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    return {
      items: (out.Items ?? []).map(pairOf),
      nextCursor: out.LastEvaluatedKey ? codec.encode(out.LastEvaluatedKey, scope) : null,
    };
  }

  async decide(
    postId: string,
    pairId: string,
    decision: Pick<DuplicatePair, 'status' | 'decidedBy' | 'decidedAt' | 'note'>,
  ): Promise<DuplicatePair | null> {
    const pk = `DUPLICATES#${postId}`;
    const found = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression: 'PK = :pk AND SK = :sk',
        ExpressionAttributeValues: { ':pk': pk, ':sk': `PENDING#${pairId}` },
        ConsistentRead: true,
      }),
    );
    const item = found.Items?.[0];
    if (!item) return null;
    const decided = { ...pairOf(item), ...decision };
    try {
      await this.#db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: this.#table,
                Key: { PK: pk, SK: `PENDING#${pairId}` },
                ConditionExpression: 'attribute_exists(PK)',
              },
            },
            {
              Put: {
                TableName: this.#table,
                Item: { PK: pk, SK: `DECIDED#${pairId}`, itemType: 'DUPLICATE', ...decided },
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (cancelledFor(error, 0, ['ConditionalCheckFailed'])) return null;
      throw error;
    }
    return decided;
  }
}
