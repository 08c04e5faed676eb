import { BatchGetCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Case } from '../../../domain/case/model.ts';
import type { CountedConsultation } from '../../../domain/statistics/contribution.ts';
import type { CountedSource } from '../../../domain/statistics/rebuild.ts';
import { strip } from './items.ts';
import { countedConsultation } from './stats-stream.ts';
import { CASES_TABLE, indexNamed, keys } from './table-design.ts';

const BY_POST = indexNamed(CASES_TABLE, 'byPost');
/** BatchGetItem's limit of keys per call. */
const BATCH = 100;

/**
 * The rebuild's reads, by key and index only: the posts from the directory's partition, a post's cases
 * and consultations through the byPost index (their ids), then the items themselves by BatchGetItem.
 */
export class DynamoCountedSource implements CountedSource {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, tableName: string) {
    this.#db = db;
    this.#table = tableName;
  }

  async postIds(): Promise<readonly string[]> {
    const ids: string[] = [];
    for await (const item of this.#query({
      TableName: this.#table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.directoryPost('').PK, ':prefix': keys.directoryPostPrefix },
    })) {
      ids.push(String(item.postId));
    }
    return ids;
  }

  async *cases(postId: string): AsyncIterable<Case> {
    for await (const item of this.#partition(keys.post(postId))) {
      if (item.itemType === 'CASE') yield strip<Case>(item);
    }
  }

  async *consultations(postId: string): AsyncIterable<CountedConsultation> {
    for await (const item of this.#partition(keys.postConsultations(postId))) {
      if (item.itemType !== 'CONSULTATION') continue;
      yield countedConsultation(item);
    }
  }

  /** The items a byPost partition lists, read whole by key, a hundred at a time. */
  async *#partition(postKey: string): AsyncIterable<Record<string, unknown>> {
    let batch: Record<string, unknown>[] = [];
    for await (const entry of this.#query({
      TableName: this.#table,
      IndexName: BY_POST.indexName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': BY_POST.partitionKey.name, '#id': 'PK', '#sk': 'SK' },
      ExpressionAttributeValues: { ':pk': postKey },
      ProjectionExpression: '#id, #sk',
    })) {
      batch.push({ PK: entry.PK, SK: entry.SK });
      if (batch.length === BATCH) {
        yield* await this.#getAll(batch);
        batch = [];
      }
    }
    if (batch.length > 0) yield* await this.#getAll(batch);
  }

  async #getAll(keyList: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
    const found: Record<string, unknown>[] = [];
    let pending: Record<string, unknown>[] = keyList;
    for (let attempt = 0; pending.length > 0 && attempt < 10; attempt++) {
      const out = await this.#db.send(
        new BatchGetCommand({ RequestItems: { [this.#table]: { Keys: pending, ConsistentRead: true } } }),
      );
      found.push(...(out.Responses?.[this.#table] ?? []));
      pending = (out.UnprocessedKeys?.[this.#table]?.Keys ?? []) as Record<string, unknown>[];
    }
    if (pending.length > 0) throw new Error('BatchGetItem kept keys unprocessed');
    return found;
  }

  async *#query(
    input: ConstructorParameters<typeof QueryCommand>[0],
  ): AsyncIterable<Record<string, unknown>> {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.#db.send(
        new QueryCommand({ ...input, ...(start ? { ExclusiveStartKey: start } : {}) }),
      );
      yield* out.Items ?? [];
      start = out.LastEvaluatedKey;
    } while (start);
  }
}
