import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ChainHead, ChangedChains } from '../../../domain/audit/checkpoint.ts';
import { CHAIN_SHARDS, chainKeyOf } from './chain-items.ts';
import { CASES_TABLE, indexNamed, keys } from './table-design.ts';

const CHANGED = indexNamed(CASES_TABLE, 'changedChains');

/**
 * The checkpoint job's reads and marks on the cases table: the changed chains from the sparse
 * changedChains index (one Query per shard, never a Scan); per case, where its chain was checkpointed
 * (`PROOF#<caseId>` / `CHECKPOINT#<createdAt>`); the last checkpoint's key (`CHECKPOINTS` / `LAST`).
 */
export class DynamoChangedChains implements ChangedChains {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, tableName: string) {
    this.#db = db;
    this.#table = tableName;
  }

  async changed(limit: number): Promise<ChainHead[]> {
    const perShard = Math.max(1, Math.ceil(limit / CHAIN_SHARDS));
    const shards = await Promise.all(
      Array.from({ length: CHAIN_SHARDS }, (_, shard) =>
        this.#db.send(
          new QueryCommand({
            TableName: this.#table,
            IndexName: CHANGED.indexName,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': CHANGED.partitionKey.name },
            ExpressionAttributeValues: { ':pk': chainKeyOf(shard) },
            Limit: perShard,
          }),
        ),
      ),
    );
    return shards.flatMap((out) =>
      (out.Items ?? []).map((i) => ({
        caseId: String(i.caseId),
        version: Number(i.version),
        head: String(i.chainHead),
      })),
    );
  }

  async taken(heads: readonly ChainHead[], key: string, checkpointedAt: string): Promise<void> {
    for (const h of heads) {
      await this.#db.send(
        new PutCommand({
          TableName: this.#table,
          Item: { PK: `PROOF#${h.caseId}`, SK: `CHECKPOINT#${checkpointedAt}`, itemType: 'PROOF', key, ...h },
        }),
      );
      try {
        await this.#db.send(
          new UpdateCommand({
            TableName: this.#table,
            Key: keys.case(h.caseId),
            UpdateExpression: 'REMOVE chainKey, chainSortKey',
            // A case that changed meanwhile stays on the list for the next checkpoint.
            ConditionExpression: 'chainHead = :head',
            ExpressionAttributeValues: { ':head': h.head },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    await this.#db.send(
      new PutCommand({
        TableName: this.#table,
        Item: { PK: 'CHECKPOINTS', SK: 'LAST', key, itemType: 'CHECKPOINTS' },
      }),
    );
  }

  async latestFor(caseId: string) {
    const out = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `PROOF#${caseId}` },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const i = out.Items?.[0];
    if (!i) return null;
    return { key: String(i.key), head: { caseId, version: Number(i.version), head: String(i.head) } };
  }

  async lastKey(): Promise<string | null> {
    const out = await this.#db.send(
      new GetCommand({
        TableName: this.#table,
        Key: { PK: 'CHECKPOINTS', SK: 'LAST' },
        ConsistentRead: true,
      }),
    );
    return typeof out.Item?.key === 'string' ? out.Item.key : null;
  }
}
