import { DynamoReceipts } from '../adapters/dynamodb/receipts.ts';
import type { IdempotencySettings } from '../http/idempotency.ts';
import { loadIdempotencyConfig } from './config.ts';
import { documents } from './store.ts';

const config = loadIdempotencyConfig();

/** Where the idempotent write handlers keep command receipts, and for how long. */
export const idempotency: IdempotencySettings & { readonly tableName: string } = {
  tableName: config.tableName,
  ttlSeconds: config.ttlSeconds,
  receipts: new DynamoReceipts(documents, config.tableName),
};
