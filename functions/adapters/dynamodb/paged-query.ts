import { BatchGetCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from '../../../domain/shared/page.ts';
import { type CursorCodec, type CursorSource, codecOf } from '../cursor.ts';
import type { IndexDesign } from './table-design.ts';

type Item = Record<string, unknown>;

/**
 * A list's cursor codec, got on first use (the secret is fetched only when a cursor is needed); a function
 * given no secret fails when it first pages, naming the list (`what`).
 */
export function cursorsOf(source: CursorSource | null, what: string): () => Promise<CursorCodec> {
  return async () => {
    if (!source) throw new Error(`this function lists ${what} but was given no cursor secret`);
    return codecOf(source);
  };
}

/** One partition of an index, narrowed by a sort-key condition or a filter if given. */
export interface IndexQuery {
  readonly index: IndexDesign;
  readonly partition: string;
  readonly limit: number;
  /** Ascending by the index's sort key, or descending (newest first). */
  readonly forward: boolean;
  /** Appended to `#pk = :pk`, e.g. ` AND #sk < :until`. */
  readonly keyCondition?: string;
  readonly filter?: string;
  /** The names and values the key condition and filter use besides `#pk` and `:pk`. */
  readonly names?: Record<string, string>;
  readonly values?: Record<string, unknown>;
}

/** One Query of an index partition from `start`: its items and the key the next Query starts after. */
export async function queryIndex(
  db: DynamoDBDocumentClient,
  table: string,
  q: IndexQuery,
  start?: Item,
): Promise<{ items: Item[]; last: Item | undefined }> {
  const out = await db.send(
    new QueryCommand({
      TableName: table,
      IndexName: q.index.indexName,
      KeyConditionExpression: `#pk = :pk${q.keyCondition ?? ''}`,
      ...(q.filter ? { FilterExpression: q.filter } : {}),
      ExpressionAttributeNames: { ...q.names, '#pk': q.index.partitionKey.name },
      ExpressionAttributeValues: { ...q.values, ':pk': q.partition },
      ScanIndexForward: q.forward,
      Limit: q.limit,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  return { items: out.Items ?? [], last: out.LastEvaluatedKey };
}

/**
 * One page of an index partition: the cursor, signed for `scope` (the list it belongs to), gives where the
 * Query starts; the next page's cursor is the key it stopped after, signed the same way.
 */
export async function indexPage(
  db: DynamoDBDocumentClient,
  table: string,
  codec: () => Promise<CursorCodec>,
  q: IndexQuery & { readonly scope: string; readonly cursor?: string | undefined },
): Promise<Page<Item>> {
  const start = q.cursor ? (await codec()).decode(q.cursor, q.scope) : undefined;
  const out = await queryIndex(db, table, q, start);
  return { items: out.items, nextCursor: out.last ? (await codec()).encode(out.last, q.scope) : null };
}

/** BatchGetItem's limit of keys per call; a page is at most 100, the API's largest. */
const BATCH = 100;
/** Calls that leave keys unprocessed before `getAll` gives up (back-off 20 ms doubling, about 5 s in all). */
const RETRIES = 8;

/** Only these attributes of each item (`ProjectionExpression`, with its `#names`). */
export interface Projection {
  readonly expression: string;
  readonly names?: Record<string, string>;
}

/**
 * Items by key, consistently, by `keyOf` of each: at most 100 keys a call, BatchGetItem's unprocessed keys
 * asked again with back-off (throttling, 16 MB), the retries bounded for the whole read.
 */
export async function getAll(
  db: DynamoDBDocumentClient,
  table: string,
  wanted: Record<string, string>[],
  keyOf: (item: Item) => string,
  projection?: Projection,
): Promise<Map<string, Item>> {
  const found = new Map<string, Item>();
  const only = projection
    ? {
        ProjectionExpression: projection.expression,
        ...(projection.names ? { ExpressionAttributeNames: projection.names } : {}),
      }
    : {};
  let pending = wanted;
  let retries = 0;
  while (pending.length > 0) {
    const batch = pending.slice(0, BATCH);
    const out = await db.send(
      new BatchGetCommand({ RequestItems: { [table]: { Keys: batch, ConsistentRead: true, ...only } } }),
    );
    for (const item of out.Responses?.[table] ?? []) found.set(keyOf(item), item);
    const unprocessed = (out.UnprocessedKeys?.[table]?.Keys ?? []) as Record<string, string>[];
    pending = [...unprocessed, ...pending.slice(BATCH)];
    if (unprocessed.length === 0) continue;
    if (++retries > RETRIES) throw new Error(`BatchGetItem left keys unprocessed after ${RETRIES} retries`);
    await new Promise((resolve) => setTimeout(resolve, 2 ** retries * 10));
  }
  return found;
}
