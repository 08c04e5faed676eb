import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { PartnerListing } from '../../../domain/directory/model.ts';
import type { PartnerListings } from '../../../domain/directory/ports.ts';
import type { PartnerDirectory } from '../../../domain/handoffs/ports.ts';
import { PARTNER_KINDS, type PartnerKind } from '../../../domain/shared/destinations.ts';
import type { TableDesign } from '../dynamodb/table-design.ts';
import { BoundedCache } from './bounded-cache.ts';
import { type Partner, partnerSchema } from './registry.ts';

/**
 * The partner table: one item per court or arbitration commission, keyed `<kind>#<id>`, holding its name,
 * endpoint, the secrets that sign our webhooks to it (`secrets`, outbound) and those that sign its
 * callbacks to us (`callbackSecrets`, inbound). The table is encrypted with the data key (DynamoDB table encryption), so a
 * secret is readable only by a role allowed both GetItem on the table and kms:Decrypt through DynamoDB.
 * The `listing` index projects kind, id and name alone: a Query of it never returns an endpoint or a secret,
 * and `GET /partners` may only query the index.
 */
export const PARTNER_TABLE: TableDesign = {
  partitionKey: { name: 'PK', type: 'S' },
  indexes: [
    {
      indexName: 'listing',
      partitionKey: { name: 'kind', type: 'S' },
      sortKey: { name: 'id', type: 'S' },
      nonKeyAttributes: ['name'],
    },
  ],
};
export const PARTNER_LISTING_INDEX = 'listing';
export const partnerKey = (kind: PartnerKind, id: string) => ({ PK: `${kind}#${id}` });

/** The one call this store makes of the document client; tests pass the real one on DynamoDB Local. */
export interface DocumentSender {
  send(command: GetCommand | PutCommand | QueryCommand): Promise<unknown>;
}

export interface PartnerStoreOptions {
  /** How long one partner is remembered, so a rotated secret or a withdrawn partner arrives without a redeploy. */
  readonly ttlMs: number;
  /** Plain-http endpoints: only the local stack's simulator. */
  readonly allowHttp: boolean;
  /** How many partners (and ids naming none) one container remembers, the least recently used forgotten. */
  readonly maxCached?: number;
  readonly onProblem?: (problem: string) => void;
  readonly now?: () => number;
}

/** The default bound: far more than the partners that exist, far less than the ids a caller can invent. */
export const PARTNER_CACHE_ENTRIES = 1000;

/**
 * The partners, read one at a time: `find` is a GetItem of the partner a message or callback names, cached
 * per partner for `ttlMs` (a miss too, so a flood of callbacks for an unknown id costs one read per period),
 * at most `maxCached` entries in all (invented ids push out the oldest, not the memory's bound). `listed`
 * answers whether a partner exists from the listing index, without reading its endpoint or secrets.
 * A stored item that does not validate (or a plain-http endpoint, unless `allowHttp`) is treated as absent
 * and reported; a partner that cannot be read keeps its last good copy in service.
 */
export class DynamoPartnerStore implements PartnerDirectory, PartnerListings {
  readonly #doc: DocumentSender;
  readonly #tableName: string;
  readonly #options: PartnerStoreOptions;
  readonly #cache: BoundedCache<Partner | PartnerListing | null>;

  constructor(doc: DocumentSender, tableName: string, options: PartnerStoreOptions) {
    this.#doc = doc;
    this.#tableName = tableName;
    this.#options = options;
    this.#cache = new BoundedCache(options.maxCached ?? PARTNER_CACHE_ENTRIES);
  }

  /** How many entries the cache holds now. */
  get cached(): number {
    return this.#cache.size;
  }

  /**
   * Kind, id and name of one partner, or null when none is registered: a Query of the listing index by
   * its key (kind, id), cached like `find`. What an action naming a court or institute needs to know.
   */
  async listed(kind: PartnerKind, id: string): Promise<PartnerListing | null> {
    const key = `LISTED#${partnerKey(kind, id).PK}`;
    const now = this.#options.now?.() ?? Date.now();
    const cached = this.#cache.get(key);
    if (cached && now - cached.at <= this.#options.ttlMs) return cached.value as PartnerListing | null;
    const out = (await this.#doc.send(
      new QueryCommand({
        TableName: this.#tableName,
        IndexName: PARTNER_LISTING_INDEX,
        KeyConditionExpression: '#kind = :kind AND #id = :id',
        ProjectionExpression: '#kind, #id, #name',
        ExpressionAttributeNames: { '#kind': 'kind', '#id': 'id', '#name': 'name' },
        ExpressionAttributeValues: { ':kind': kind, ':id': id },
        Limit: 1,
      }),
    )) as { Items?: Record<string, unknown>[] };
    const item = out.Items?.[0];
    const listing = item ? { kind, id: String(item.id), name: String(item.name) } : null;
    this.#cache.set(key, listing, now);
    return listing;
  }

  async find(kind: PartnerKind, id: string): Promise<Partner | null> {
    const { PK } = partnerKey(kind, id);
    const now = this.#options.now?.() ?? Date.now();
    const cached = this.#cache.get(PK);
    if (cached && now - cached.at <= this.#options.ttlMs) return cached.value as Partner | null;
    let partner: Partner | null;
    try {
      const out = (await this.#doc.send(new GetCommand({ TableName: this.#tableName, Key: { PK } }))) as {
        Item?: Record<string, unknown>;
      };
      partner = out.Item ? this.#parse(out.Item) : null;
    } catch (error) {
      if (!cached) throw error;
      this.#problem(`${PK} unreadable, keeping the last good copy: ${(error as Error).message}`);
      partner = cached.value as Partner | null;
    }
    this.#cache.set(PK, partner, now);
    return partner;
  }

  /** Kind, id and name of every partner (of one kind), from the listing index, by id. */
  async list(kind?: PartnerKind): Promise<readonly PartnerListing[]> {
    const listings: PartnerListing[] = [];
    for (const k of kind ? [kind] : PARTNER_KINDS) {
      let start: Record<string, unknown> | undefined;
      do {
        const out = (await this.#doc.send(
          new QueryCommand({
            TableName: this.#tableName,
            IndexName: PARTNER_LISTING_INDEX,
            KeyConditionExpression: '#kind = :kind',
            ProjectionExpression: '#kind, #id, #name',
            ExpressionAttributeNames: { '#kind': 'kind', '#id': 'id', '#name': 'name' },
            ExpressionAttributeValues: { ':kind': k },
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        )) as { Items?: Record<string, unknown>[]; LastEvaluatedKey?: Record<string, unknown> };
        for (const item of out.Items ?? []) {
          listings.push({ kind: k, id: String(item.id), name: String(item.name) });
        }
        start = out.LastEvaluatedKey;
      } while (start);
    }
    return listings;
  }

  /** Puts one partner whole (validated first): the local stack's seed and an operator's script. */
  async put(partner: Partner): Promise<void> {
    const valid = partnerSchema().parse(partner);
    await this.#doc.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: { ...partnerKey(valid.kind, valid.id), ...valid },
      }),
    );
    this.#cache.delete(partnerKey(valid.kind, valid.id).PK);
    this.#cache.delete(`LISTED#${partnerKey(valid.kind, valid.id).PK}`);
  }

  #parse(item: Record<string, unknown>): Partner | null {
    const { PK, ...fields } = item;
    const parsed = partnerSchema().safeParse(fields);
    if (!parsed.success) {
      const invalid = parsed.error.issues.map((issue) => issue.path.join('.') || '(item)').join(', ');
      this.#problem(`${String(PK)} left out: invalid ${invalid}`);
      return null;
    }
    if (!parsed.data.endpoint.startsWith('https://') && !this.#options.allowHttp) {
      this.#problem(`${String(PK)} left out: endpoint must be https`);
      return null;
    }
    return parsed.data;
  }

  #problem(problem: string): void {
    this.#options.onProblem?.(problem);
  }
}
