import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordReads } from '../../domain/audit/access-log.ts';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import { intakeSchema } from '../../domain/case/intake.ts';
import type { Case } from '../../domain/case/model.ts';
import { readCase } from '../../domain/case/read-case.ts';
import { refOf } from '../../domain/handoffs/model.ts';
import { recordDelivery } from '../../domain/handoffs/record-outcome.ts';
import { parseCommand } from '../../domain/lifecycle/command.ts';
import { parseOrThrow } from '../../domain/shared/validation.ts';
import { CursorCodec } from '../../functions/adapters/cursor.ts';
import { DestinationDirectory } from '../../functions/adapters/directory.ts';
import { DynamoAccessLog } from '../../functions/adapters/dynamodb/access-log.ts';
import { DynamoCaseRepository } from '../../functions/adapters/dynamodb/case-repository.ts';
import { DynamoHandoffRepository } from '../../functions/adapters/dynamodb/handoff-repository.ts';
import { DynamoPostDirectory } from '../../functions/adapters/dynamodb/post-directory.ts';
import { DynamoReceipts } from '../../functions/adapters/dynamodb/receipts.ts';
import { CASES_TABLE, IDEMPOTENCY_TABLE } from '../../functions/adapters/dynamodb/table-design.ts';
import { once } from '../../functions/http/idempotency.ts';
import type { HttpEvent } from '../../functions/http/request.ts';
import { json } from '../../functions/http/response.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/ports.ts';
import { ensureTable } from '../../infra/local/provision.ts';
import { storeOf } from '../support/dynamodb.ts';
import { depsWith, intake, mediator, POST } from '../support/fixtures.ts';

/**
 * DynamoDB round trips per request, counted by a middleware on the SDK client (deterministic, so asserted
 * here; timings belong to the benchmark): reading a case is one call, an action two (read, one
 * transaction), filing two (the counter, one transaction), and an Idempotency-Key adds one (the receipt
 * look-up; the receipt itself rides in the same transaction). Filing checks that the post is in the
 * directory: the first filing for a post in a container reads its directory item (one GetItem more);
 * posts are never removed, so the function remembers it and every later filing costs the two calls.
 * Since the trust work (issue 22) a read also appends its access record (one PutItem; a list's records in
 * one BatchWriteItem), the action's event hashes ride in its own transaction with the chain head read
 * with the case (the case item carries it), and a handoff's settlement reuses the head its read of the
 * case brought (no read of its own).
 */

const calls: string[] = [];
let client: DynamoDBClient;
const tables = { cases: `cases-${randomUUID()}`, receipts: `receipts-${randomUUID()}` };
let deps: ReturnType<typeof depsWith>;
let receipts: DynamoReceipts;
let access: DynamoAccessLog;

beforeAll(async () => {
  client = new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  await ensureTable(client, tables.cases, CASES_TABLE);
  await ensureTable(client, tables.receipts, IDEMPOTENCY_TABLE);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push(String(context.commandName).replace(/Command$/, ''));
      return next(args);
    },
    { step: 'initialize', name: 'countCalls' },
  );
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const cursors = new CursorCodec('test-cursor-secret-0123456789abcdef');
  const posts = new DynamoPostDirectory(doc, tables.cases, null);
  await posts.put({
    postId: POST,
    name: 'Shinan',
    district: 'Shinan',
    updatedAt: '2026-01-01T00:00:00Z',
    updatedBy: 'seed',
  });
  // The directory as create-case composes it: posts only, each post found remembered.
  const directory = new DestinationDirectory(
    async () => posts,
    () => Promise.reject(new Error('filing names no partner')),
  );
  deps = depsWith(
    storeOf(
      new DynamoCaseRepository(doc, tables.cases, cursors, { receiptsTable: tables.receipts }),
      new DynamoHandoffRepository(doc, tables.cases, cursors),
    ),
    undefined,
    directory,
  );
  receipts = new DynamoReceipts(doc, tables.receipts);
  access = new DynamoAccessLog(doc, tables.cases, null);
});

afterAll(async () => {
  await client.send(new DeleteTableCommand({ TableName: tables.cases }));
  await client.send(new DeleteTableCommand({ TableName: tables.receipts }));
  client.destroy();
});

async function counted(run: () => Promise<unknown>): Promise<string[]> {
  calls.length = 0;
  await run();
  return [...calls];
}

const withKey = (key: string, routeKey: string) =>
  ({ routeKey, rawPath: '/x', headers: { 'idempotency-key': key } }) as unknown as HttpEvent;
const settings = () => ({ receipts, ttlSeconds: 600 });
const respond = (c: Case) => json(200, { caseId: c.caseId, version: c.version });

describe('DynamoDB calls per request', () => {
  it('filing: the counter and one transaction (the first for a post reads its directory item); with a key, one look-up more', async () => {
    expect(await counted(() => fileCase(deps, mediator, intake()))).toEqual([
      'GetItem',
      'UpdateItem',
      'TransactWriteItems',
    ]);
    expect(await counted(() => fileCase(deps, mediator, intake()))).toEqual([
      'UpdateItem',
      'TransactWriteItems',
    ]);
    const body = intake();
    const filing = () =>
      once(withKey(randomUUID(), 'POST /cases'), mediator, settings(), {
        validate: () => parseOrThrow(intakeSchema(), body),
        respond,
        execute: (receipt) => fileCase(deps, mediator, body, receipt ? { receipt } : {}),
      });
    expect(await counted(filing)).toEqual(['GetItem', 'UpdateItem', 'TransactWriteItems']);
  });

  it('reading a case: one GetItem, and its access record one PutItem', async () => {
    const c = await fileCase(deps, mediator, intake());
    expect(await counted(() => readCase(deps, mediator, c.caseId))).toEqual(['GetItem']);
    const read = async () => {
      const seen = await readCase(deps, mediator, c.caseId);
      await recordReads({ access, clock: deps.clock }, mediator, [seen.caseId], 'CASE');
    };
    expect(await counted(read)).toEqual(['GetItem', 'PutItem']);
  });

  it("a list's access records: one BatchWriteItem for up to 25 cases", async () => {
    const ids = Array.from({ length: 26 }, () => randomUUID());
    expect(
      await counted(() => recordReads({ access, clock: deps.clock }, mediator, ids.slice(0, 25), 'LIST')),
    ).toEqual(['BatchWriteItem']);
    expect(await counted(() => recordReads({ access, clock: deps.clock }, mediator, ids, 'LIST'))).toEqual([
      'BatchWriteItem',
      'BatchWriteItem',
    ]);
  });

  it('an action: one read and one transaction; with a key, one look-up more; a replay only the look-up', async () => {
    const c = await fileCase(deps, mediator, intake());
    expect(
      await counted(() =>
        actOnCase(deps, mediator, c.caseId, { action: 'ASSIGN_MEDIATOR', mediatorId: 'm' }),
      ),
    ).toEqual(['GetItem', 'TransactWriteItems']);
    const command = { action: 'ASSIGN_MEDIATOR', mediatorId: 'n' };
    const event = withKey(randomUUID(), 'POST /cases/{caseId}/actions');
    const act = () =>
      once(event, mediator, settings(), {
        validate: () => parseCommand(command),
        respond,
        execute: (receipt) =>
          actOnCase(deps, mediator, c.caseId, command, undefined, receipt ? { receipt } : {}),
      });
    expect(await counted(act)).toEqual(['GetItem', 'GetItem', 'TransactWriteItems']);
    expect(await counted(act)).toEqual(['GetItem']);
  });

  it("a handoff's settlement: the handoff, the case (with its chain head) and one transaction", async () => {
    const c = await fileCase(deps, mediator, intake());
    // The referral's institute is taken as listed (the directory here knows posts only).
    const referring = { ...deps, directory: { knows: async () => true } };
    await actOnCase(referring, mediator, c.caseId, { action: 'FAIL_MEDIATION', reason: 'no agreement' });
    const referred = await actOnCase(referring, mediator, c.caseId, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: 'qd-arbitration',
    });
    const found = await deps.handoffs.findHandoff(referred.lastHandoff?.handoffId ?? '');
    if (!found) throw new Error('the referral has no handoff');
    const ref = refOf(found);
    expect(
      await counted(async () => expect(await recordDelivery(deps, ref, 'ARB-1')).toBe('settled')),
    ).toEqual(['GetItem', 'GetItem', 'TransactWriteItems']);
  });
});
