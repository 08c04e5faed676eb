import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Partner } from '../../domain/handoffs/ports.ts';
import { dispositionReports, redriveStaleReports } from '../../domain/warnings/dispositions.ts';
import { recordSignal } from '../../domain/warnings/ingest.ts';
import type { WarningDeps } from '../../domain/warnings/ports.ts';
import { actOnWarningById } from '../../domain/warnings/use-cases.ts';
import { DynamoDispositionReports } from '../../functions/adapters/dynamodb/warning-dispositions.ts';
import { deliverWebhook } from '../../functions/adapters/partners/webhook-client.ts';
import { createWarningDispositions } from '../../functions/streams/warning-disposition-consumer.ts';
import { BUREAU_ID, BUREAU_NAME } from '../../infra/local/bureau.ts';
import { type PartnerSimulator, startPartnerSimulator } from '../../infra/local/partner-simulator.ts';
import { freshCasesTable } from '../support/dynamodb.ts';
import { creditCode, mediator } from '../support/fixtures.ts';
import {
  arrearsSignal,
  dispositionConsumerOn,
  WARNINGS_NOW as NOW,
  warningDepsOn,
} from '../support/warning-stores.ts';

/**
 * A disposition reported back to the monitoring partner whose signals raised the warning, on DynamoDB
 * Local and the simulated bureau: the outbox item is written with the disposed warning (one per partner,
 * none for the cases' own signals), the stream consumer sends it signed with the partner's secrets (the
 * bureau verifies the signature), the bureau takes it once however often the record comes, and the item
 * ends DELIVERED once.
 */

type Table = Awaited<ReturnType<typeof freshCasesTable>>;
let table: Table;
let bureau: PartnerSimulator;
let deps: WarningDeps;

const signal: typeof arrearsSignal = (code, over = {}) => arrearsSignal(code, { source: BUREAU_ID, ...over });

const context = { getRemainingTimeInMillis: () => 30_000 } as unknown as Context;

beforeEach(async () => {
  table = await freshCasesTable();
  bureau = await startPartnerSimulator([{ kind: 'MONITORING', id: BUREAU_ID, name: BUREAU_NAME }]);
  deps = await warningDepsOn(table, () => NOW);
});
afterEach(async () => {
  await bureau.stop();
  await table.drop();
});

async function outbox(code: string) {
  const out = await table.doc.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :d)',
      ExpressionAttributeValues: { ':pk': `EMPLOYER#${code}`, ':d': 'DISPOSITION#' },
    }),
  );
  return out.Items ?? [];
}

const insert = (item: Record<string, unknown>, seq: string) =>
  ({
    eventName: 'INSERT',
    dynamodb: { SequenceNumber: seq, NewImage: marshall(item, { removeUndefinedValues: true }) },
  }) as DynamoDBStreamEvent['Records'][number];

const consumer = () => dispositionConsumerOn(table, () => bureau.registry.partners, 2);

async function dispose(code: string) {
  const id = `${code}-1`;
  await actOnWarningById(deps, mediator, id, { action: 'ACKNOWLEDGE' });
  await actOnWarningById(deps, mediator, id, { action: 'START_VERIFICATION' });
  return actOnWarningById(deps, mediator, id, {
    action: 'DISPOSE',
    disposition: {
      kind: 'SUPERVISION_LETTER',
      letter: 'REMINDER_LETTER',
      number: '青工监提〔2026〕3号',
      issuedOn: '2026-03-04',
    },
  });
}

describe('the disposition reported back to the monitoring partner', () => {
  it('writes one outbox item with the disposition and delivers it signed, once', async () => {
    const code = creditCode('91370202MA3C4P1K1');
    await recordSignal(deps, signal(code));
    await recordSignal(
      deps,
      signal(code, { source: 'SYSTEM', indicator: 'CASES_FILED', unit: 'CASES', reference: 'case-1' }),
    );
    expect(await outbox(code)).toEqual([]);
    const disposed = await dispose(code);
    const items = await outbox(code);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      partnerId: BUREAU_ID,
      status: 'PENDING',
      warningId: disposed.warningId,
    });

    const handle = consumer();
    const event = { Records: [insert(items[0] as Record<string, unknown>, '1')] } as DynamoDBStreamEvent;
    expect(await handle(event, context)).toEqual({ batchItemFailures: [] });
    expect(await handle(event, context)).toEqual({ batchItemFailures: [] });
    expect(bureau.badSignatures).toBe(0);
    expect(bureau.dispositions).toHaveLength(1);
    expect(bureau.dispositions[0]).toMatchObject({
      partner: BUREAU_ID,
      type: 'warning.disposed',
      warningId: disposed.warningId,
      webhookId: `${disposed.warningId}.disposition.${BUREAU_ID}`,
    });
    expect(bureau.dispositions[0]?.body).toMatchObject({
      warning: { disposition: { kind: 'SUPERVISION_LETTER', number: '青工监提〔2026〕3号' } },
    });
    expect((await outbox(code))[0]).toMatchObject({ status: 'DELIVERED' });
  });

  it('retries from the record while the partner is unreachable; an unknown partner ends REJECTED', async () => {
    const code = creditCode('91370202MA3C4P1K2');
    const { warning } = await recordSignal(deps, signal(code));
    const [report] = dispositionReports(
      {
        ...(warning as NonNullable<typeof warning>),
        status: 'DISPOSED',
        disposition: { kind: 'NO_RISK', note: '联系人 13800138000' },
      },
      NOW,
    );
    expect(report?.body).not.toContain('13800138000');
    const item = { itemType: 'WARNING_DISPOSITION', status: 'PENDING', ...report };
    const down = createWarningDispositions(() => ({
      partners: {
        find: async () => {
          const known = bureau.registry.partners[0] as Partner;
          return { ...known, endpoint: 'http://127.0.0.1:9/' };
        },
      },
      reports: new DynamoDispositionReports(table.doc, table.tableName),
      sender: {
        send: (p, id, body, onAttempt) =>
          deliverWebhook(p, id, body, {
            timeoutMs: 500,
            attempts: 1,
            backoffMs: 10,
            remainingMs: () => 30_000,
            onAttempt,
          }),
      },
    }));
    const event = { Records: [insert(item, '7')] } as DynamoDBStreamEvent;
    expect(await down(event, context)).toEqual({ batchItemFailures: [{ itemIdentifier: '7' }] });
    const unknown = createWarningDispositions(() => ({
      partners: { find: async () => null },
      reports: new DynamoDispositionReports(table.doc, table.tableName),
      sender: { send: async () => ({ kind: 'delivered', reference: null, attempts: 1 }) },
    }));
    expect(await unknown(event, context)).toEqual({ batchItemFailures: [] });
    expect(bureau.dispositions).toEqual([]);
  });

  it('sends a report the stream gave up on again from the sweep, until it is settled', async () => {
    const code = creditCode('91370202MA3C4P1K3');
    await recordSignal(deps, signal(code));
    await dispose(code);
    const store = new DynamoDispositionReports(table.doc, table.tableName);
    const [pending] = await outbox(code);
    const written = String(pending?.createdAt);
    const hours = (n: number) => new Date(Date.parse(written) + n * 3_600_000).toISOString();
    expect(await redriveStaleReports(store, hours(5))).toBe(0);
    expect(await redriveStaleReports(store, hours(7))).toBe(1);
    const [again] = await outbox(code);
    expect(again).toMatchObject({ status: 'PENDING', redrives: 1 });
    // The new image comes through the stream as a MODIFY: the consumer sends it (same webhook-id).
    const modify = {
      ...insert(again as Record<string, unknown>, '9'),
      eventName: 'MODIFY',
    } as DynamoDBStreamEvent['Records'][number];
    expect(await consumer()({ Records: [modify] } as DynamoDBStreamEvent, context)).toEqual({
      batchItemFailures: [],
    });
    expect(bureau.dispositions.map((d) => d.webhookId)).toEqual([String(pending?.reportId)]);
    expect((await outbox(code))[0]).toMatchObject({ status: 'DELIVERED' });
    expect(await redriveStaleReports(store, hours(20))).toBe(0);
  });
});
