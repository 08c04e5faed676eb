import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/ports.ts';
import { LOCAL_TABLES } from '../../infra/local/stack.ts';
import { intake, OTHER_POST, POST, residentId } from '../support/fixtures.ts';
import { apiClient, launchLocalStack, type RunningStack, tokenFor } from '../support/local-stack.ts';

/**
 * Sealed personal data over HTTP on the local stack: the table holds no clear ID number or phone, every
 * answer shows the masked form, and `POST /cases/{id}/reveal` gives the clear values to a member of the
 * case's post for a listed purpose, a limited number of times a day, on record; bad input is a 400 naming
 * the field, another post a 404, an admin a 403, past the limit a 429.
 */

let stack: RunningStack;
let mediator: ReturnType<typeof apiClient>;
let supervisor: ReturnType<typeof apiClient>;
let outsider: ReturnType<typeof apiClient>;
let admin: ReturnType<typeof apiClient>;

const WORKER_ID = residentId('11010519491231002');
const PHONE = '13912345678';
const LIMIT = 4;

beforeAll(async () => {
  stack = await launchLocalStack(['--port', '0', '--partners', 'manual'], { REVEALS_PER_DAY: String(LIMIT) });
  mediator = apiClient(stack.url, await tokenFor('mediator', POST));
  supervisor = apiClient(stack.url, await tokenFor('supervisor', POST));
  outsider = apiClient(stack.url, await tokenFor('mediator', OTHER_POST));
  admin = apiClient(stack.url, await tokenFor('admin', 'QD-HQ'));
}, 90_000);

afterAll(async () => {
  await stack?.stop();
});

async function fileOne() {
  const res = await mediator(
    'POST',
    '/cases',
    intake({ workers: [{ name: '王芳', idNumber: WORKER_ID, phone: PHONE }] }),
  );
  expect(res.status).toBe(201);
  return res.body.caseId as string;
}

describe('sealed ID numbers and phones over HTTP', () => {
  it('keeps no clear value in the table, and shows the masked form', async () => {
    const caseId = await fileOne();
    const db = new DynamoDBClient({
      endpoint: stack.dynamodbEndpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    const raw = await db.send(
      new GetItemCommand({
        TableName: LOCAL_TABLES.cases,
        Key: { PK: { S: `CASE#${caseId}` }, SK: { S: 'CASE' } },
      }),
    );
    db.destroy();
    expect(raw.Item).toBeDefined();
    expect(JSON.stringify(raw.Item)).not.toContain(WORKER_ID);
    expect(JSON.stringify(raw.Item)).not.toContain(PHONE);
    const view = await mediator('GET', `/cases/${caseId}`);
    expect(view.body.workers[0]).toMatchObject({ idNumber: '110***********002X', phone: '139****5678' });
  });

  it('reveals the clear values to the post, for a purpose, on record', async () => {
    const caseId = await fileOne();
    const res = await mediator('POST', `/cases/${caseId}/reveal`, {
      fields: ['workers[0].idNumber', 'workers[0].phone'],
      purpose: 'SERVE_DOCUMENTS',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({
      caseId,
      purpose: 'SERVE_DOCUMENTS',
      values: { 'workers[0].idNumber': WORKER_ID, 'workers[0].phone': PHONE },
    });
    const log = await supervisor('GET', `/cases/${caseId}/access-log`);
    expect(log.status).toBe(200);
    expect(log.body.items).toContainEqual(
      expect.objectContaining({
        view: 'REVEAL',
        purpose: 'SERVE_DOCUMENTS',
        fieldsRevealed: ['workers[0].idNumber', 'workers[0].phone'],
      }),
    );
  });

  it('answers bad input with a 400 naming the field, another post 404, an admin 403', async () => {
    const caseId = await fileOne();
    const bad = async (body: unknown, field: string) => {
      const res = await mediator('POST', `/cases/${caseId}/reveal`, body);
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues.map((i: { field: string }) => i.field)).toContain(field);
    };
    await bad({ fields: ['workers[0].salary'], purpose: 'SERVE_DOCUMENTS' }, 'fields[0]');
    await bad({ fields: ['workers[0].phone', 'workers[5].phone'], purpose: 'CONTACT_PARTY' }, 'fields[1]');
    await bad({ fields: ['workers[0].phone'], purpose: 'CURIOSITY' }, 'purpose');
    await bad({ fields: [], purpose: 'CONTACT_PARTY' }, 'fields');
    await bad({ fields: ['workers[0].phone'] }, 'purpose');
    const body = { fields: ['workers[0].phone'], purpose: 'CONTACT_PARTY' };
    expect((await outsider('POST', `/cases/${caseId}/reveal`, body)).status).toBe(404);
    expect((await admin('POST', `/cases/${caseId}/reveal`, body)).status).toBe(403);
    expect((await mediator('POST', '/cases/not-a-case/reveal', body)).status).toBe(400);
  });

  it('refuses past the daily limit with a 429, per person', async () => {
    const caseId = await fileOne();
    const own = apiClient(stack.url, await tokenFor('mediator', POST, 'limited@QD'));
    const body = { fields: ['workers[0].phone'], purpose: 'CONTACT_PARTY' };
    for (let i = 0; i < LIMIT; i++)
      expect((await own('POST', `/cases/${caseId}/reveal`, body)).status).toBe(200);
    const over = await own('POST', `/cases/${caseId}/reveal`, body);
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('LIMIT_EXCEEDED');
    expect(JSON.stringify(over.body)).not.toContain(PHONE);
    // Another person of the post still may.
    expect((await supervisor('POST', `/cases/${caseId}/reveal`, body)).status).toBe(200);
  });
});
