import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLdmClient, type LdmClient } from '../../clients/typescript/index.ts';
import { ROUTE_EXAMPLES } from '../../functions/http/openapi/examples.ts';
import { POST } from '../support/fixtures.ts';
import { launchLocalStack, type RunningStack, tokenFor } from '../support/local-stack.ts';

/**
 * The typed client (clients/typescript, generated from the API document) over HTTP on the local stack:
 * a whole day of one case. Its types are the document's, so `npm run typecheck` fails here if the document
 * stops describing what these calls send and read.
 */

let stack: RunningStack;
let api: LdmClient;

beforeAll(async () => {
  stack = await launchLocalStack();
  api = createLdmClient(stack.url, () => tokenFor('mediator', POST, 'liu.yang@QD-SN-01'));
});

afterAll(async () => {
  await stack?.stop();
});

describe('the typed client, on the local stack', () => {
  it('files a case, assigns a mediator, records a session and reads the history', async () => {
    const key = randomUUID();
    const filing = {
      origin: 'WALK_IN' as const,
      workers: [{ name: '王芳', idNumber: '370202199003071241', phone: '138 1234 5678' }],
      employer: { name: '青岛港湾物流有限公司', creditCode: '91370202MA3C4K1T09' },
      claims: [
        { category: 'WAGE_ARREARS' as const, amountFen: 1_250_000, description: '2025年8月至10月工资未发' },
      ],
      summary: '王芳自2025年8月起未领到工资，要求公司支付拖欠的三个月工资。',
    };
    const filed = await api.POST('/cases', {
      params: { header: { 'Idempotency-Key': key } },
      body: filing,
    });
    expect(filed.error).toBeUndefined();
    expect(filed.response.status).toBe(201);
    const caseId = filed.data?.caseId as string;
    expect(filed.data?.caseNumber).toMatch(/^QD-SN-01-\d{4}-\d{6}$/);
    expect(filed.data?.workers[0]?.idNumber).toBe('370***********1241');

    // A retry with the same key answers the first answer.
    const again = await api.POST('/cases', { params: { header: { 'Idempotency-Key': key } }, body: filing });
    expect(again.data?.caseId).toBe(caseId);

    const assigned = await api.POST('/cases/{caseId}/actions', {
      params: { path: { caseId }, header: { 'If-Match': filed.response.headers.get('etag') ?? undefined } },
      body: { action: 'ASSIGN_MEDIATOR', mediatorId: 'liu.yang@QD-SN-01' },
    });
    expect(assigned.error).toBeUndefined();
    expect(assigned.data?.status).toBe('MEDIATING');

    // Now, as an instant with Shanghai's offset (after the filing, never in the future).
    const heldAt = new Date(Date.now() + 8 * 3600_000).toISOString().replace('Z', '+08:00');
    const session = await api.POST('/cases/{caseId}/actions', {
      params: { path: { caseId } },
      body: { action: 'RECORD_SESSION', heldAt, notes: '双方到场，公司同意分两期支付拖欠工资。' },
    });
    expect(session.error).toBeUndefined();
    expect(session.data?.sessionsHeld).toBe(1);

    const history = await api.GET('/cases/{caseId}/history', {
      params: { path: { caseId }, query: { limit: '50' } },
    });
    expect(history.data?.items.map((e) => e.action)).toEqual(['FILE', 'ASSIGN_MEDIATOR', 'RECORD_SESSION']);
    expect(history.data?.nextCursor).toBeNull();

    const read = await api.GET('/cases/{caseId}', { params: { path: { caseId } } });
    expect(read.data?.version).toBe(3);
    expect(read.response.headers.get('etag')).toBe('"3"');

    const listed = await api.GET('/cases', { params: { query: { status: 'MEDIATING' } } });
    expect(listed.data?.items.map((c) => c.caseId)).toContain(caseId);
  });

  it('answers a refused request with the typed error shape', async () => {
    const refused = await api.POST('/cases/{caseId}/actions', {
      params: { path: { caseId: randomUUID() } },
      body: { action: 'ASSIGN_MEDIATOR', mediatorId: 'liu.yang@QD-SN-01' },
    });
    expect(refused.response.status).toBe(404);
    // The API's errors carry `error`; API Gateway's own 429 only a `message`: the types say both.
    const { error } = refused;
    expect(error && 'error' in error ? error.error.code : error?.message).toBe('NOT_FOUND');
  });

  it("files the document's own example as it stands", async () => {
    const example = ROUTE_EXAMPLES['POST /cases']?.body?.walkIn?.value;
    const filed = await api.POST('/cases', { body: example as never });
    expect(filed.error).toBeUndefined();
    expect(filed.response.status).toBe(201);
  });

  it('reads the public routes without a token', async () => {
    const anonymous = createLdmClient(stack.url);
    const health = await anonymous.GET('/health');
    expect(health.data).toEqual({ status: 'ok' });
    const unauthorised = await anonymous.GET('/cases');
    expect(unauthorised.response.status).toBe(401);
  });
});
