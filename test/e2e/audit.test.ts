import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/adapters/dynamodb/table-design.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/ports.ts';
import { LOCAL_TABLES } from '../../infra/local/stack.ts';
import { intake, OTHER_POST, POST } from '../support/fixtures.ts';
import { apiClient, launchLocalStack, type RunningStack, tokenFor } from '../support/local-stack.ts';

/**
 * Every read on record, over HTTP on the local stack: reading a case, its history and its handoffs, and a
 * list that shows it, each leave an access record; the post's supervisor and an admin read the log, newest
 * first, a page at a time; a mediator gets 403, another post 404, bad paging 400 naming the field.
 */

let stack: RunningStack;
let mediator: ReturnType<typeof apiClient>;
let supervisor: ReturnType<typeof apiClient>;
let outsider: ReturnType<typeof apiClient>;
let admin: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await launchLocalStack(['--port', '0', '--partners', 'manual']);
  mediator = apiClient(stack.url, await tokenFor('mediator', POST));
  supervisor = apiClient(stack.url, await tokenFor('supervisor', POST));
  outsider = apiClient(stack.url, await tokenFor('supervisor', OTHER_POST));
  admin = apiClient(stack.url, await tokenFor('admin', 'QD-HQ'));
}, 90_000);

afterAll(async () => {
  await stack?.stop();
});

describe('access records over HTTP', () => {
  it('records each read of a case, and shows them to the post’s supervisor and admins, newest first', async () => {
    const filed = await mediator('POST', '/cases', intake());
    expect(filed.status).toBe(201);
    const caseId = filed.body.caseId as string;
    for (const path of [`/cases/${caseId}`, `/cases/${caseId}/history`, `/cases/${caseId}/handoffs`]) {
      expect((await mediator('GET', path)).status).toBe(200);
    }
    expect((await mediator('GET', `/cases?number=${filed.body.caseNumber}`)).status).toBe(200);

    const log = await supervisor('GET', `/cases/${caseId}/access-log`);
    expect(log.status).toBe(200);
    const views = (log.body.items as { view: string; actor: { role: string; postId: string } }[]).map(
      (r) => r.view,
    );
    expect(views.slice(0, 4)).toEqual(['LIST', 'HANDOFFS', 'HISTORY', 'CASE']);
    expect(log.body.items[0]).toMatchObject({ caseId, actor: { role: 'mediator', postId: POST } });

    const page = await admin('GET', `/cases/${caseId}/access-log?limit=2`);
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(2);
    // The supervisor's reading of the log is itself on record, newest.
    expect(page.body.items[0]).toMatchObject({ view: 'ACCESS_LOG', actor: { role: 'supervisor' } });
    const next = await admin('GET', `/cases/${caseId}/access-log?limit=2&cursor=${page.body.nextCursor}`);
    expect(next.status).toBe(200);
    expect(next.body.items[0].at <= page.body.items[1].at).toBe(true);
  });

  it('refuses a mediator (403), another post (404) and bad paging (400 naming the field)', async () => {
    const filed = await mediator('POST', '/cases', intake());
    const caseId = filed.body.caseId as string;
    expect((await mediator('GET', `/cases/${caseId}/access-log`)).status).toBe(403);
    expect((await outsider('GET', `/cases/${caseId}/access-log`)).status).toBe(404);
    const bad = await supervisor('GET', `/cases/${caseId}/access-log?limit=0`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('limit');
    const tampered = await supervisor('GET', `/cases/${caseId}/access-log?cursor=nope`);
    expect(tampered.status).toBe(400);
    expect(JSON.stringify(tampered.body)).toContain('cursor');
  });
});

describe('proofs over HTTP', () => {
  it('answers the chain at once, and its inclusion proof once a checkpoint took it', async () => {
    const filed = await mediator('POST', '/cases', intake());
    const caseId = filed.body.caseId as string;
    const acted = await mediator('POST', `/cases/${caseId}/actions`, {
      action: 'ASSIGN_MEDIATOR',
      mediatorId: 'm',
    });
    expect(acted.status).toBe(200);
    const before = await supervisor('GET', `/cases/${caseId}/proof`);
    expect(before.status).toBe(200);
    expect(before.body.chain.map((e: { version: number; hash: string }) => e.version)).toEqual([1, 2]);
    expect(before.body.chain.every((e: { hash: string }) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);

    const run = await fetch(`${stack.url}/_local/sla`, {
      method: 'POST',
      body: JSON.stringify({ checkpoint: true }),
    });
    expect(run.status).toBe(200);
    const after = await mediator('GET', `/cases/${caseId}/proof`);
    expect(after.status).toBe(200);
    expect(after.body.inclusion).toMatchObject({
      leaf: { caseId, version: 2, head: after.body.chain[1].hash },
      signature: { algorithm: 'ECDSA_SHA_256' },
    });
    const log = await supervisor('GET', `/cases/${caseId}/access-log`);
    expect(log.body.items.map((r: { view: string }) => r.view)).toContain('PROOF');
  });

  it('answers 404 to another post and for an unknown case, 400 for a query it does not take', async () => {
    const filed = await mediator('POST', '/cases', intake());
    const caseId = filed.body.caseId as string;
    expect((await outsider('GET', `/cases/${caseId}/proof`)).status).toBe(404);
    expect((await supervisor('GET', '/cases/00000000-0000-4000-8000-000000000000/proof')).status).toBe(404);
    expect((await supervisor('GET', `/cases/${caseId}/proof?x=1`)).status).toBe(400);
  });
});

describe('npm run verify against the local stack', () => {
  const verify = async (...args: string[]) => {
    const s3 = /SQS emulator\s+(\S+)/.exec(stack.output())?.[1] ?? '';
    const run = promisify(execFile)(
      process.execPath,
      ['infra/tools/verify.ts', ...args, '--endpoint', stack.dynamodbEndpoint, '--s3-endpoint', s3],
      { env: { ...process.env, TABLE_NAME: LOCAL_TABLES.cases } },
    );
    try {
      const { stdout } = await run;
      return { code: 0, stdout };
    } catch (error) {
      const e = error as { code: number; stdout: string };
      return { code: e.code, stdout: e.stdout };
    }
  };

  it('verifies a checkpointed case, then names the event edited directly in the table', async () => {
    const filed = await mediator('POST', '/cases', intake());
    const caseId = filed.body.caseId as string;
    await mediator('POST', `/cases/${caseId}/actions`, { action: 'ASSIGN_MEDIATOR', mediatorId: 'm' });
    await fetch(`${stack.url}/_local/sla`, { method: 'POST', body: JSON.stringify({ checkpoint: true }) });
    const good = await verify('--case', caseId);
    expect(good).toMatchObject({ code: 0, stdout: expect.stringContaining('verified: 1 case(s)') });

    const db = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: stack.dynamodbEndpoint,
        region: LOCAL_REGION,
        credentials: LOCAL_CREDENTIALS,
      }),
    );
    await db.send(
      new UpdateCommand({
        TableName: LOCAL_TABLES.cases,
        Key: keys.event(caseId, 2, 0),
        UpdateExpression: 'SET payload.mediatorId = :m',
        ExpressionAttributeValues: { ':m': 'someone.else' },
      }),
    );
    db.destroy();
    const bad = await verify('--case', caseId);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(keys.event(caseId, 2, 0).SK);
    const all = await verify('--all');
    expect(all.code).toBe(1);
    expect(all.stdout).toContain(keys.event(caseId, 2, 0).SK);
  });
});
