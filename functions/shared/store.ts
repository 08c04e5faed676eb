import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CaseRepository } from '../../domain/case/ports.ts';
import type { HandoffRepository } from '../../domain/handoffs/ports.ts';
import type { CursorSource } from '../adapters/cursor.ts';
import { DynamoCaseRepository } from '../adapters/dynamodb/case-repository.ts';
import { DynamoHandoffRepository } from '../adapters/dynamodb/handoff-repository.ts';
import { loadStoreConfig } from './config.ts';
import { withoutSdkLogging } from './sdk.ts';
import { installSealer } from './sealing.ts';

/**
 * Composition root of the case store: its configuration, the DynamoDB client and the repositories, once
 * per container. Nothing here is fetched or loaded that a reader does not need: cursors come from a
 * source that fetches their secret on first use, the holiday calendar is in use-case-deps.ts.
 */
export const storeConfig = loadStoreConfig();

// ID numbers and phones are sealed before any case reaches the table (functions/shared/sealing.ts).
installSealer();

export const dynamodb = withoutSdkLogging(
  new DynamoDBClient({
    region: storeConfig.region,
    ...(storeConfig.dynamodbEndpoint ? { endpoint: storeConfig.dynamodbEndpoint } : {}),
  }),
);

export const documents = DynamoDBDocumentClient.from(dynamodb, {
  marshallOptions: { removeUndefinedValues: true },
});

export interface Repositories {
  readonly cases: CaseRepository;
  readonly handoffs: HandoffRepository;
}

/**
 * The repositories on the cases table. `cursors` for functions that page lists; `receiptsTable` for those
 * that store command receipts with their changes.
 */
export function repositories(
  options: { readonly cursors?: CursorSource; readonly receiptsTable?: string } = {},
): Repositories {
  const cursors = options.cursors ?? null;
  return {
    cases: new DynamoCaseRepository(documents, storeConfig.tableName, cursors, {
      ...(options.receiptsTable ? { receiptsTable: options.receiptsTable } : {}),
    }),
    handoffs: new DynamoHandoffRepository(documents, storeConfig.tableName, cursors),
  };
}
