import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { withOverrides } from '../../domain/clocks/periods.ts';
import type { HandoffDeps } from '../../domain/handoffs/ports.ts';
import type { CursorCodec } from '../adapters/cursor.ts';
import { DynamoCaseRepository } from '../adapters/dynamodb/case-repository.ts';
import { DynamoHandoffRepository } from '../adapters/dynamodb/handoff-repository.ts';
import { PublishedHolidayCalendar } from '../adapters/holiday-calendar.ts';
import { loadStoreConfig } from './config.ts';
import { tracer } from './observability.ts';

/**
 * Composition root of the case store: its configuration, the DynamoDB client and the adapters the use
 * cases are given, once per container. Functions that list with cursors pass a codec; the pipeline's
 * functions pass none and need no cursor secret.
 */
export const storeConfig = loadStoreConfig();

export const dynamodb = tracer.captureAWSv3Client(
  new DynamoDBClient({
    region: storeConfig.region,
    ...(storeConfig.dynamodbEndpoint ? { endpoint: storeConfig.dynamodbEndpoint } : {}),
  }),
);

export const documents = DynamoDBDocumentClient.from(dynamodb, {
  marshallOptions: { removeUndefinedValues: true },
});

const periods = withOverrides(storeConfig.periods);
const calendar = new PublishedHolidayCalendar();

/** The use cases' dependencies on this table. */
export function storeDeps(cursors: CursorCodec | null): HandoffDeps {
  return {
    cases: new DynamoCaseRepository(documents, storeConfig.tableName, cursors),
    handoffs: new DynamoHandoffRepository(documents, storeConfig.tableName, cursors),
    clock: { now: () => new Date().toISOString() },
    ids: { caseId: () => randomUUID(), handoffId: () => randomUUID() },
    periods,
    calendar,
  };
}
