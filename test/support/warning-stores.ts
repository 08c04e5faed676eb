import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Partner } from '../../domain/handoffs/ports.ts';
import type { DispositionDeliveryDeps } from '../../domain/warnings/dispositions.ts';
import type { Signal } from '../../domain/warnings/model.ts';
import type { WarningDeps } from '../../domain/warnings/ports.ts';
import { CursorCodec } from '../../functions/adapters/cursor.ts';
import { DynamoDispositionReports } from '../../functions/adapters/dynamodb/warning-dispositions.ts';
import { DynamoWarningStore } from '../../functions/adapters/dynamodb/warning-repository.ts';
import { DynamoDistrictStore, DynamoRuleStore } from '../../functions/adapters/dynamodb/warning-rules.ts';
import { deliverWebhook } from '../../functions/adapters/partners/webhook-client.ts';
import { createWarningDispositions } from '../../functions/streams/warning-disposition-consumer.ts';
import type { freshCasesTable } from './dynamodb.ts';
import { mediator } from './fixtures.ts';
import { WEEKDAYS } from './memory-warnings.ts';

/** When the warnings' store tests start: a Wednesday morning in Shanghai. */
export const WARNINGS_NOW = '2026-03-04T02:00:00.000Z';

/** A month of social-insurance arrears at an employer of 市南区 (370202), observed on WARNINGS_NOW's day. */
export const arrearsSignal = (code: string, over: Partial<Signal> = {}): Signal => ({
  creditCode: code,
  indicator: 'SOCIAL_INSURANCE_ARREARS',
  unit: 'MONTHS',
  value: 1,
  periodFrom: '2026-01-01',
  periodTo: '2026-03-04',
  observedOn: '2026-03-04',
  source: 'qd-hrss-bureau',
  reference: `ref-${code}`,
  district: '370202',
  receivedAt: WARNINGS_NOW,
  ...over,
});

/**
 * The warnings' dependencies on a fresh cases table of DynamoDB Local: the store (with a cursor codec),
 * the rules, the district 370202 mapped to the mediator's post, a weekday calendar, the clock given and a
 * notifier that does nothing.
 */
export async function warningDepsOn(
  table: Awaited<ReturnType<typeof freshCasesTable>>,
  now: () => string,
): Promise<WarningDeps> {
  const districts = new DynamoDistrictStore(table.doc, table.tableName);
  await districts.put({ district: '370202', postId: mediator.postId ?? '', name: '市南区' });
  return {
    warnings: new DynamoWarningStore(
      table.doc,
      table.tableName,
      new CursorCodec('test-cursor-secret-0123456789abcdef'),
    ),
    rules: new DynamoRuleStore(table.doc, table.tableName),
    districts,
    calendar: WEEKDAYS,
    clock: { now },
    notifier: { dispatched: async () => {}, disposed: async () => {} },
  };
}

/**
 * The disposition reports' stream consumer on a test's table, delivering to the simulated partners
 * `partners()` lists (their registry as the test holds it), `attempts` tries a report.
 */
export const dispositionConsumerOn = (
  table: { readonly doc: DynamoDBDocumentClient; readonly tableName: string },
  partners: () => readonly Partner[],
  attempts: number,
) =>
  createWarningDispositions(
    (): DispositionDeliveryDeps => ({
      partners: {
        find: async (kind, id) => partners().find((p) => p.kind === kind && p.id === id) ?? null,
      },
      reports: new DynamoDispositionReports(table.doc, table.tableName),
      sender: {
        send: (partner, id, body, onAttempt) =>
          deliverWebhook(partner, id, body, {
            timeoutMs: 2000,
            attempts,
            backoffMs: 10,
            remainingMs: () => 30_000,
            onAttempt,
          }),
      },
    }),
  );
