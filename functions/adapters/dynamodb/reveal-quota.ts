import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RevealQuota } from '../../../domain/sealing/reveal.ts';

/** Counters live two days past their day, then TTL removes them (`expiresAt`, epoch seconds). */
const KEEP_SECONDS = 2 * 24 * 60 * 60;

/**
 * A person's reveals per China-time day: one counter item per person and day (`REVEALS#<sub>` /
 * `DAY#<date>`, its own partition, so no post's or country's counter is hot), raised by a conditional
 * update that refuses past the limit — two concurrent reveals at the limit cannot both pass.
 */
export class DynamoRevealQuota implements RevealQuota {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #nowSeconds: () => number;

  constructor(
    db: DynamoDBDocumentClient,
    tableName: string,
    nowSeconds = () => Math.floor(Date.now() / 1000),
  ) {
    this.#db = db;
    this.#table = tableName;
    this.#nowSeconds = nowSeconds;
  }

  async take(sub: string, day: string, limit: number): Promise<boolean> {
    try {
      await this.#db.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { PK: `REVEALS#${sub}`, SK: `DAY#${day}` },
          UpdateExpression: 'ADD #count :one SET itemType = :type, expiresAt = :expires',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: {
            ':one': 1,
            ':limit': limit,
            ':type': 'REVEAL_COUNTER',
            ':expires': this.#nowSeconds() + KEEP_SECONDS,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
