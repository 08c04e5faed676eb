import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type ChainLink, chainItems, GENESIS, linkHash, type Sha256 } from '../../../domain/audit/chain.ts';
import { keys } from './table-design.ts';

/**
 * The hash chain's storage (domain/audit/chain.ts): each event item carries its `hash`; the case item
 * carries the head (`chainHead`) and, until a checkpoint takes it, the sparse `changedChains` index keys
 * (`chainKey` = `CHAIN#<shard>`, `chainSortKey` = `<updatedAt>#<caseId>`), spread over CHAIN_SHARDS
 * partitions so a busy day's changes heat no one partition.
 */
export const CHAIN_SHARDS = 8;
export const CHAIN_ATTRIBUTES = ['hash', 'chainHead', 'chainKey', 'chainSortKey'] as const;

export function chainShard(caseId: string): number {
  let h = 0;
  for (let i = 0; i < caseId.length; i++) h = (h * 31 + caseId.charCodeAt(i)) >>> 0;
  return h % CHAIN_SHARDS;
}

export const chainKeyOf = (shard: number) => `CHAIN#${shard}`;

/** The case item's chain attributes for a new head. */
export function chainAttributes(caseId: string, updatedAt: string, head: string): Record<string, string> {
  return {
    chainHead: head,
    chainKey: chainKeyOf(chainShard(caseId)),
    chainSortKey: `${updatedAt}#${caseId}`,
  };
}

/** Removes the chain's attributes from a domain object read from the table (they are not the case's). */
export function withoutChain<T>(value: T): T {
  const out = { ...(value as Record<string, unknown>) };
  for (const name of CHAIN_ATTRIBUTES) delete out[name];
  return out as T;
}

/** A case's event items as stored (nothing stripped), oldest first, up to a version when given. */
export async function storedEvents(
  db: DynamoDBDocumentClient,
  table: string,
  caseId: string,
  untilVersion?: number,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression:
          untilVersion === undefined
            ? 'PK = :pk AND begins_with(SK, :p)'
            : 'PK = :pk AND SK BETWEEN :p AND :last',
        ExpressionAttributeValues: {
          ':pk': keys.case(caseId).PK,
          ':p': keys.eventPrefix,
          ...(untilVersion === undefined
            ? {}
            : { ':last': `${keys.eventPrefix}${String(untilVersion).padStart(10, '0')}~` }),
        },
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Stored event items as links of a chain, named for people. */
export const linksOf = (items: readonly Record<string, unknown>[]): ChainLink[] =>
  items.map((item) => ({
    name: `event ${String(item.SK)} (version ${item.version}, ${item.type})`,
    version: Number(item.version),
    item,
  }));

/**
 * The head of a case's chain at `version`: the case item's `chainHead` when it is at that version; for a
 * case whose events predate the chain, the hash of those events (read once, at its first change after).
 */
export async function headAt(
  db: DynamoDBDocumentClient,
  table: string,
  sha256: Sha256,
  caseId: string,
  version: number,
): Promise<string> {
  const got = await db.send(
    new GetCommand({
      TableName: table,
      Key: keys.case(caseId),
      ProjectionExpression: 'chainHead, #v',
      ExpressionAttributeNames: { '#v': 'version' },
      ConsistentRead: true,
    }),
  );
  if (typeof got.Item?.chainHead === 'string' && got.Item.version === version) return got.Item.chainHead;
  let head = GENESIS;
  for (const item of await storedEvents(db, table, caseId, version)) head = linkHash(sha256, head, item);
  return head;
}

type ItemPut = { readonly Put: { readonly Item: Record<string, unknown> } };

/**
 * Links a change into its case's chain before it is written: each event put gets its `hash` after
 * `previousHead`, the case put the new head and the changedChains keys. Every writer of case events calls
 * it in the same transaction (case, handoff and consultation repositories).
 */
export function linkChange(
  sha256: Sha256,
  casePut: ItemPut,
  appended: readonly ItemPut[],
  previousHead: string,
): string {
  const events = appended.map((p) => p.Put.Item).filter((item) => item.itemType === 'EVENT');
  const head = chainItems(sha256, previousHead, events);
  const c = casePut.Put.Item;
  Object.assign(c, chainAttributes(String(c.caseId), String(c.updatedAt), head));
  return head;
}
