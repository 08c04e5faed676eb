import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CaseDeps } from '../../domain/ports.ts';
import { CursorCodec } from '../adapters/cursor.ts';
import { DynamoCaseRepository } from '../adapters/dynamodb/case-repository.ts';
import { PublishedHolidayCalendar } from '../adapters/holiday-calendar.ts';
import { loadConfig } from './config.ts';
import { tracer } from './observability.ts';
import { withSecrets } from './secrets.ts';

/**
 * Composition root: configuration, SDK clients and adapters, created once per container. In AWS the
 * cursor secret is fetched here, at cold start (top-level await).
 */
export const config = loadConfig(await withSecrets(process.env));

export const dynamodb = tracer.captureAWSv3Client(
  new DynamoDBClient({
    region: config.AWS_REGION,
    ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}),
  }),
);

export const documents = DynamoDBDocumentClient.from(dynamodb, {
  marshallOptions: { removeUndefinedValues: true },
});

export const deps: CaseDeps = {
  repo: new DynamoCaseRepository(documents, config.TABLE_NAME, new CursorCodec(config.CURSOR_SECRET)),
  clock: { now: () => new Date().toISOString() },
  ids: { caseId: () => randomUUID(), handoffId: () => randomUUID() },
  calendar: new PublishedHolidayCalendar(),
  policy: {
    mediationDays: config.MEDIATION_DAYS,
    courtDelegatedMediationDays: config.COURT_DELEGATED_MEDIATION_DAYS,
    judicialConfirmationDays: config.JUDICIAL_CONFIRMATION_DAYS,
  },
};

/** Where the HTTP functions keep Idempotency-Key records. */
export const idempotency = {
  tableName: config.IDEMPOTENCY_TABLE_NAME,
  ttlSeconds: config.IDEMPOTENCY_TTL_SECONDS,
  client: dynamodb,
};
