import type { ReportDeskDeps } from '../../domain/warnings/report-desk.ts';
import { DynamoReportDesk } from '../adapters/dynamodb/warning-report-desk.ts';
import { DynamoWarningStore } from '../adapters/dynamodb/warning-repository.ts';
import { systemClock } from './clock.ts';
import { cursorCodec } from './http-deps.ts';
import { documents, storeConfig } from './store.ts';

/**
 * Composition root of the disposition reports' routes: the warnings (read by key) and the reports'
 * outbox items beside them on the cases table; the receipts table for a resend's Idempotency-Key.
 */
export function reportDeskDeps(options: { readonly receiptsTable?: string } = {}): ReportDeskDeps {
  return {
    warnings: new DynamoWarningStore(documents, storeConfig.tableName, cursorCodec),
    reports: new DynamoReportDesk(documents, storeConfig.tableName, cursorCodec, options),
    clock: systemClock,
  };
}
