import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCode, intake, OTHER_POST, POST, residentId } from '../support/fixtures.ts';
import { apiClient, launchLocalStack, type RunningStack, tokenFor } from '../support/local-stack.ts';

/**
 * Consultations over HTTP on the local stack: recorded in one request (and once under a retried
 * Idempotency-Key), listed a page at a time, read, and a case opened from one with both linked; bad input
 * a 400 naming the field, another post's consultation a 404, personal data masked in every answer.
 */

let stack: RunningStack;
let mediator: ReturnType<typeof apiClient>;
let outsider: ReturnType<typeof apiClient>;
let admin: ReturnType<typeof apiClient>;

const WORKER_ID = residentId('11010519491231002');
const PHONE = '13912345678';

const consultation = (overrides: Record<string, unknown> = {}) => ({
  channel: 'WALK_IN',
  categories: ['WAGE_ARREARS'],
  newEmploymentForm: false,
  worker: { name: '王芳', idNumber: WORKER_ID, phone: PHONE },
  employer: { name: '青岛港湾物流有限公司', creditCode: creditCode() },
  advice: `先行调解；她的电话 ${PHONE}。`,
  ...overrides,
});

beforeAll(async () => {
  stack = await launchLocalStack(['--port', '0', '--partners', 'manual']);
  mediator = apiClient(stack.url, await tokenFor('mediator', POST));
  outsider = apiClient(stack.url, await tokenFor('mediator', OTHER_POST));
  admin = apiClient(stack.url, await tokenFor('admin', 'QD-HQ'));
}, 90_000);

afterAll(async () => {
  await stack?.stop();
});

describe('consultations over HTTP', () => {
  it('records one, masked, and a retry under the same Idempotency-Key gives the first answer', async () => {
    const key = { 'idempotency-key': randomUUID() };
    const first = await mediator('POST', '/consultations', consultation(), key);
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe(`/consultations/${first.body.consultationId}`);
    expect(first.body).toMatchObject({
      postId: POST,
      outcome: 'ADVISED',
      worker: { idNumber: '110***********002X', phone: '139****5678' },
      advice: '先行调解；她的电话 139****5678。',
    });
    const again = await mediator('POST', '/consultations', consultation(), key);
    expect(again).toMatchObject({ status: 201, body: first.body });
    const other = await mediator('POST', '/consultations', consultation({ channel: 'PHONE' }), key);
    expect(other.status).toBe(422);
  });

  it('lists the post’s newest first, a page at a time, and reads one; another post sees none of them', async () => {
    // Days before today (the stack runs on the real clock, and takes a consultation at most a year old).
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    const times = [daysAgo(7), daysAgo(5), daysAgo(6)];
    const ids: string[] = [];
    for (const consultedAt of times) {
      const res = await outsider('POST', '/consultations', consultation({ consultedAt }));
      expect(res.status).toBe(201);
      ids.push(res.body.consultationId);
    }
    const first = await outsider('GET', '/consultations?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    const rest = await outsider(
      'GET',
      `/consultations?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    const listed = [...first.body.items, ...rest.body.items];
    expect(listed.map((c: { consultedAt: string }) => c.consultedAt)).toEqual([...times].sort().reverse());
    expect(JSON.stringify(listed)).not.toContain(WORKER_ID);
    const one = await outsider('GET', `/consultations/${ids[0]}`);
    const shanghaiDay = new Date(Date.parse(times[0] ?? '') + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(one).toMatchObject({ status: 200, body: { consultationId: ids[0], consultedOn: shanghaiDay } });
    // Another post's: not found, not listed, not listable.
    expect((await mediator('GET', `/consultations/${ids[0]}`)).status).toBe(404);
    const mine = await mediator('GET', '/consultations?limit=100');
    expect(mine.body.items.some((c: { consultationId: string }) => ids.includes(c.consultationId))).toBe(
      false,
    );
    expect((await mediator('GET', `/consultations?postId=${OTHER_POST}`)).status).toBe(403);
    const asAdmin = await admin('GET', `/consultations?postId=${OTHER_POST}&limit=100`);
    expect(asAdmin.body.items.map((c: { consultationId: string }) => c.consultationId)).toEqual(
      expect.arrayContaining(ids),
    );
    // A cursor of another post's list is refused.
    const cross = await mediator('GET', `/consultations?cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(cross.status).toBe(400);
  });

  it('opens a case from one: prefilled, both linked, and only once', async () => {
    const recorded = await mediator('POST', '/consultations', consultation());
    const id = recorded.body.consultationId;
    const { claims, summary } = intake();
    const key = { 'idempotency-key': randomUUID() };
    const opened = await mediator('POST', `/consultations/${id}/case`, { claims, summary }, key);
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      status: 'FILED',
      origin: 'WALK_IN',
      consultationId: id,
      workers: [{ name: '王芳', idNumber: '110***********002X' }],
      employer: { name: '青岛港湾物流有限公司' },
    });
    const caseId = opened.body.caseId;
    expect((await mediator('POST', `/consultations/${id}/case`, { claims, summary }, key)).body.caseId).toBe(
      caseId,
    );
    expect((await mediator('GET', `/cases/${caseId}`)).body.consultationId).toBe(id);
    expect((await mediator('GET', `/consultations/${id}`)).body).toMatchObject({
      outcome: 'CASE_OPENED',
      caseId,
      version: 2,
    });
    const history = await mediator('GET', `/cases/${caseId}/history`);
    expect(history.body.items[0].payload.consultationId).toBe(id);
    const twice = await mediator('POST', `/consultations/${id}/case`, { claims, summary });
    expect(twice.status).toBe(409);
    expect(twice.body.error.details).toMatchObject({ caseId });
    expect((await outsider('POST', `/consultations/${id}/case`, { claims, summary })).status).toBe(404);
  });

  it('answers bad input with a 400 naming the field', async () => {
    const bad: [string, string, unknown, string][] = [
      ['POST', '/consultations', consultation({ channel: 'FAX' }), 'channel'],
      ['POST', '/consultations', consultation({ categories: [] }), 'categories'],
      ['POST', '/consultations', consultation({ outcome: 'REFERRED_ELSEWHERE' }), 'referredTo'],
      ['POST', '/consultations', consultation({ worker: { name: 'w', phone: '123' } }), 'worker.phone'],
      ['POST', '/consultations', consultation({ consultedAt: '2999-01-01T00:00:00Z' }), 'consultedAt'],
      ['GET', '/consultations?limit=0', undefined, 'limit'],
      ['GET', '/consultations/not-a-uuid', undefined, 'consultationId'],
      ['POST', '/consultations/not-a-uuid/case', {}, 'consultationId'],
    ];
    for (const [method, path, body, field] of bad) {
      const res = await mediator(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(res.body.error.details.issues.map((i: { field: string }) => i.field)).toContain(field);
    }
    const phoned = await mediator(
      'POST',
      '/consultations',
      consultation({ channel: 'PHONE', worker: undefined }),
    );
    const missing = await mediator('POST', `/consultations/${phoned.body.consultationId}/case`, {
      summary: 'x',
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.issues.map((i: { field: string }) => i.field)).toEqual(
      expect.arrayContaining(['origin', 'workers', 'claims']),
    );
    expect((await mediator('GET', `/consultations/${phoned.body.consultationId}`)).body.outcome).toBe(
      'ADVISED',
    );
  });
});
