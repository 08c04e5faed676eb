import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { VersionConflictError } from '../../../domain/shared/errors.ts';
import type { District, DistrictStore, RuleStore } from '../../../domain/warnings/ports.ts';
import type { RuleSet } from '../../../domain/warnings/rules.ts';
import { keys } from './table-design.ts';

const strip = <T>(item: Record<string, unknown>): T => {
  const { PK: _pk, SK: _sk, itemType: _type, ...rest } = item;
  return rest as T;
};

/** The rule table's versions on the cases table, one small partition; a version once stored never changes. */
export class DynamoRuleStore implements RuleStore {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, tableName: string) {
    this.#db = db;
    this.#table = tableName;
  }

  async current(): Promise<RuleSet | null> {
    const out = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.warningRulesPartition },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const item = out.Items?.[0];
    return item ? strip<RuleSet>(item) : null;
  }

  async version(version: number): Promise<RuleSet | null> {
    const out = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: keys.warningRules(version), ConsistentRead: true }),
    );
    return out.Item ? strip<RuleSet>(out.Item) : null;
  }

  async put(ruleSet: RuleSet): Promise<void> {
    try {
      await this.#db.send(
        new PutCommand({
          TableName: this.#table,
          Item: { ...keys.warningRules(ruleSet.version), itemType: 'WARNING_RULES', ...ruleSet },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') {
        throw new VersionConflictError(ruleSet.version - 1, undefined, false);
      }
      throw error;
    }
  }
}

/** The post–district table on the cases table: one partition, read by key. */
export class DynamoDistrictStore implements DistrictStore {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, tableName: string) {
    this.#db = db;
    this.#table = tableName;
  }

  async get(district: string): Promise<District | null> {
    const out = await this.#db.send(new GetCommand({ TableName: this.#table, Key: keys.district(district) }));
    return out.Item ? strip<District>(out.Item) : null;
  }

  async put(district: District): Promise<void> {
    await this.#db.send(
      new PutCommand({
        TableName: this.#table,
        Item: { ...keys.district(district.district), itemType: 'DISTRICT', ...district },
      }),
    );
  }
}

/**
 * The rule store with the table in force kept for `ttlMs` (a loaded table applies within that time) and
 * every version once read kept for good (a version never changes): an evaluation reads no rule item.
 */
export class CachedRuleStore implements RuleStore {
  readonly #store: RuleStore;
  readonly #ttlMs: number;
  #current: { readonly value: RuleSet | null; readonly at: number } | null = null;
  readonly #versions = new Map<number, RuleSet>();

  constructor(store: RuleStore, ttlMs: number) {
    this.#store = store;
    this.#ttlMs = ttlMs;
  }

  async current(): Promise<RuleSet | null> {
    if (this.#current && Date.now() - this.#current.at < this.#ttlMs) return this.#current.value;
    const value = await this.#store.current();
    this.#current = { value, at: Date.now() };
    return value;
  }

  async version(version: number): Promise<RuleSet | null> {
    const kept = this.#versions.get(version);
    if (kept) return kept;
    const found = await this.#store.version(version);
    if (found) this.#versions.set(version, found);
    return found;
  }

  async put(ruleSet: RuleSet): Promise<void> {
    await this.#store.put(ruleSet);
    this.#current = null;
  }
}
