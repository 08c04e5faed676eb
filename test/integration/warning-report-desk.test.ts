import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/shared/actor.ts';
import { IllegalTransitionError, NotFoundError, ValidationError } from '../../domain/shared/errors.ts';
import { recordSignal } from '../../domain/warnings/ingest.ts';
import type { WarningDeps } from '../../domain/warnings/ports.ts';
import {
  listReports,
  type ReportDeskDeps,
  readWarningWithReports,
  resendReport,
} from '../../domain/warnings/report-desk.ts';
import { actOnWarningById } from '../../domain/warnings/use-cases.ts';
import { CursorCodec } from '../../functions/adapters/cursor.ts';
import { DynamoReportDesk } from '../../functions/adapters/dynamodb/warning-report-desk.ts';
import { DynamoWarningStore } from '../../functions/adapters/dynamodb/warning-repository.ts';
import { BUREAU_ID, BUREAU_NAME } from '../../infra/local/bureau.ts';
import { type PartnerSimulator, startPartnerSimulator } from '../../infra/local/partner-simulator.ts';
import { freshCasesTable } from '../support/dynamodb.ts';
import { admin, creditCode, mediator, OTHER_POST } from '../support/fixtures.ts';
import {
  arrearsSignal,
  dispositionConsumerOn,
  WARNINGS_NOW as NOW,
  warningDepsOn,
} from '../support/warning-stores.ts';

/**
 * The disposition reports as people see them, on DynamoDB Local and the simulated bureau: a report the
 * bureau refuses (4xx) ends REJECTED and is listed (admins; a supervisor only their post's), paged with
 * signed cursors; an admin sends it again (REJECTED → PENDING, once: a second resend is a 409), and the new
 * image delivered by the consumer ends DELIVERED with the bureau's reference. A warning's read costs one
 * GetItem, and one Query more once it is disposed.
 */

type Table = Awaited<ReturnType<typeof freshCasesTable>>;
let table: Table;
let bureau: PartnerSimulator;
let deps: WarningDeps;
let desk: ReportDeskDeps;
let calls: string[];

const supervisor: Actor = { sub: 'supervisor-1', role: 'supervisor', postId: mediator.postId };
const otherSupervisor: Actor = { sub: 'supervisor-9', role: 'supervisor', postId: OTHER_POST };
const context = { getRemainingTimeInMillis: () => 30_000 } as unknown as Context;
const cursors = new CursorCodec('test-cursor-secret-0123456789abcdef');

beforeEach(async () => {
  table = await freshCasesTable();
  bureau = await startPartnerSimulator([{ kind: 'MONITORING', id: BUREAU_ID, name: BUREAU_NAME }]);
  deps = await warningDepsOn(table, () => NOW);
  calls = [];
  // Counts the calls the routes make (the same client, each command named as it goes).
  const counted = {
    send: (command: { constructor: { name: string } }) => {
      calls.push(command.constructor.name);
      return table.doc.send(command as never);
    },
  } as unknown as DynamoDBDocumentClient;
  desk = {
    warnings: new DynamoWarningStore(counted, table.tableName, cursors),
    reports: new DynamoReportDesk(counted, table.tableName, cursors),
    clock: { now: () => NOW },
  };
});
afterEach(async () => {
  await bureau.stop();
  await table.drop();
});

const consumer = () => dispositionConsumerOn(table, () => bureau.registry.partners, 1);

async function outboxItem(code: string) {
  const out = await table.doc.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :d)',
      ExpressionAttributeValues: { ':pk': `EMPLOYER#${code}`, ':d': 'DISPOSITION#' },
    }),
  );
  return out.Items?.[0] as Record<string, unknown>;
}

/** Raises, disposes and has the consumer deliver a warning's report once (the stream's image). */
async function disposeAndDeliver(code: string) {
  await recordSignal(deps, arrearsSignal(code, { source: BUREAU_ID }));
  const id = `${code}-1`;
  await actOnWarningById(deps, mediator, id, { action: 'ACKNOWLEDGE' });
  await actOnWarningById(deps, mediator, id, { action: 'START_VERIFICATION' });
  await actOnWarningById(deps, mediator, id, {
    action: 'DISPOSE',
    disposition: { kind: 'NO_RISK', note: '现场核查未见异常' },
  });
  await deliverImage(await outboxItem(code));
  return id;
}

async function deliverImage(item: Record<string, unknown>) {
  const record = {
    eventName: 'MODIFY',
    dynamodb: { SequenceNumber: '1', NewImage: marshall(item, { removeUndefinedValues: true }) },
  } as DynamoDBStreamEvent['Records'][number];
  expect(await consumer()({ Records: [record] } as DynamoDBStreamEvent, context)).toEqual({
    batchItemFailures: [],
  });
}

describe('the disposition reports: seen, listed, sent again', () => {
  it('a refused report is REJECTED on its warning and listed; resent once, it ends DELIVERED', async () => {
    bureau.behave(BUREAU_ID, () => ({ status: 422 }));
    const code = creditCode('91370202MA3C4Q1K1');
    const id = await disposeAndDeliver(code);
    const reportId = `${id}.disposition.${BUREAU_ID}`;
    expect(await outboxItem(code)).toMatchObject({ status: 'REJECTED', postKey: 'DISPOSITIONS#REJECTED' });

    calls = [];
    const read = await readWarningWithReports(desk, mediator, id);
    expect(calls).toEqual(['GetCommand', 'QueryCommand']);
    expect(read.reports).toEqual([
      expect.objectContaining({
        reportId,
        partnerId: BUREAU_ID,
        postId: mediator.postId,
        status: 'REJECTED',
        detail: 'partner answered 422',
        reference: null,
        resends: [],
      }),
    ]);
    const listed = async (actor: Actor, status = 'REJECTED') =>
      (await listReports(desk, actor, { status })).items.map((r) => r.reportId);
    expect(await listed(admin)).toEqual([reportId]);
    expect(await listed(supervisor)).toEqual([reportId]);
    expect(await listed(otherSupervisor)).toEqual([]);
    await expect(listReports(desk, mediator, { status: 'REJECTED' })).rejects.toThrow(/may not list/);
    await expect(listReports(desk, admin, { status: 'DELIVERED' })).rejects.toBeInstanceOf(ValidationError);

    await expect(resendReport(desk, supervisor, reportId)).rejects.toThrow(/only an admin/);
    await expect(resendReport(desk, admin, `${id}.disposition.nobody`)).rejects.toBeInstanceOf(NotFoundError);
    await expect(resendReport(desk, admin, 'nonsense')).rejects.toBeInstanceOf(ValidationError);
    const resent = await resendReport(desk, admin, reportId);
    expect(resent).toMatchObject({ status: 'PENDING', settledAt: null, detail: null });
    expect(resent.resends).toEqual([
      { at: NOW, by: admin.sub, rejectedAt: read.reports[0]?.settledAt, detail: 'partner answered 422' },
    ]);
    await expect(resendReport(desk, admin, reportId)).rejects.toBeInstanceOf(IllegalTransitionError);
    expect(await listed(admin)).toEqual([]);
    expect(await listed(admin, 'PENDING')).toEqual([reportId]);

    bureau.behave(BUREAU_ID, () => 'accept');
    await deliverImage(await outboxItem(code));
    const [delivered] = (await readWarningWithReports(desk, mediator, id)).reports;
    expect(delivered).toMatchObject({ status: 'DELIVERED', reference: expect.stringMatching(/^HRSS-/) });
    expect(delivered?.resends).toHaveLength(1);
    expect(bureau.dispositions.map((d) => d.webhookId)).toEqual([reportId]);
    expect(await listed(admin, 'PENDING')).toEqual([]);
    await expect(resendReport(desk, admin, reportId)).rejects.toBeInstanceOf(IllegalTransitionError);
  });

  it('pages the rejected list with signed cursors; a warning never disposed costs one GetItem', async () => {
    bureau.behave(BUREAU_ID, () => ({ status: 410 }));
    const ids = [];
    for (const first17 of ['91370202MA3C4Q1K2', '91370202MA3C4Q1K3', '91370202MA3C4Q1K4']) {
      ids.push(`${await disposeAndDeliver(creditCode(first17))}.disposition.${BUREAU_ID}`);
    }
    const first = await listReports(desk, admin, { status: 'REJECTED', limit: '2' });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await listReports(desk, admin, {
      status: 'REJECTED',
      limit: '2',
      cursor: first.nextCursor,
    });
    expect([...first.items, ...second.items].map((r) => r.reportId).sort()).toEqual(ids.sort());
    // A cursor of one status's list is refused for the other's (and for a supervisor's).
    await expect(
      listReports(desk, admin, { status: 'PENDING', cursor: first.nextCursor }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      listReports(desk, supervisor, { status: 'REJECTED', cursor: first.nextCursor }),
    ).rejects.toBeInstanceOf(ValidationError);

    const open = creditCode('91370202MA3C4Q1K5');
    await recordSignal(deps, arrearsSignal(open, { source: BUREAU_ID }));
    calls = [];
    expect((await readWarningWithReports(desk, mediator, `${open}-1`)).reports).toEqual([]);
    expect(calls).toEqual(['GetCommand']);
  });
});
