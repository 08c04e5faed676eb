import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { PartnerListing } from '../../../domain/directory/model.ts';
import type { PartnerListings } from '../../../domain/directory/ports.ts';
import type { PartnerDirectory } from '../../../domain/handoffs/ports.ts';
import { PARTNER_KINDS, type PartnerKind } from '../../../domain/shared/destinations.ts';
import type { TableDesign } from '../dynamodb/table-design.ts';
import { type Partner, partnerSchema } from './registry.ts';

/**
 * The partner table: one item per court or arbitration commission, keyed `<kind>#<id>`, holding its name,
 * endpoint and webhook secrets. The table is encrypted with the data key (DynamoDB table encryption), so a
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
  readonly onProblem?: (problem: string) => void;
  readonly now?: () => number;
}

/**
 * The partners, read one at a time: `find` is a GetItem of the partner a message or callback names, cached
 * per partner for `ttlMs` (a miss too, so a flood of callbacks for an unknown id costs one read per period).
 * A stored item that does not validate (or a plain-http endpoint, unless `allowHttp`) is treated as absent
 * and reported; a partner that cannot be read keeps its last good copy in service.
 */
export class DynamoPartnerStore implements PartnerDirectory, PartnerListings {
  readonly #doc: DocumentSender;
  readonly #tableName: string;
  readonly #options: PartnerStoreOptions;
  readonly #cache = new Map<string, { at: number; partner: Partner | null }>();

  constructor(doc: DocumentSender, tableName: string, options: PartnerStoreOptions) {
    this.#doc = doc;
    this.#tableName = tableName;
    this.#options = options;
  }

  async find(kind: PartnerKind, id: string): Promise<Partner | null> {
    const { PK } = partnerKey(kind, id);
    const now = this.#options.now?.() ?? Date.now();
    const cached = this.#cache.get(PK);
    if (cached && now - cached.at <= this.#options.ttlMs) return cached.partner;
    let partner: Partner | null;
    try {
      const out = (await this.#doc.send(new GetCommand({ TableName: this.#tableName, Key: { PK } }))) as {
        Item?: Record<string, unknown>;
      };
      partner = out.Item ? this.#parse(out.Item) : null;
    } catch (error) {
      if (!cached) throw error;
      this.#problem(`${PK} unreadable, keeping the last good copy: ${(error as Error).message}`);
      partner = cached.partner;
    }
    this.#cache.set(PK, { at: now, partner });
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
