import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { CommandReceipt } from '../../../domain/case/ports.ts';

/** Reads command receipts (written by the repositories in the command's own transaction). */
export class DynamoReceipts {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, tableName: string) {
    this.#db = db;
    this.#table = tableName;
  }

  /** The live receipt with this id, or null (none, or expired and not yet swept by the table's TTL). */
  async find(id: string): Promise<CommandReceipt | null> {
    const out = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: { id }, ConsistentRead: true }),
    );
    const item = out.Item;
    if (!item || Number(item.expiration) < Math.floor(Date.now() / 1000)) return null;
    return {
      id: String(item.id),
      fingerprint: String(item.fingerprint),
      result: String(item.result),
      expiresAt: Number(item.expiration),
    };
  }
}
