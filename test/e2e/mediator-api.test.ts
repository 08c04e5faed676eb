import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../domain/clocks/legal-time.ts';
import { agreement, intake, OTHER_POST, POST } from '../support/fixtures.ts';
import { apiClient, launchLocalStack, type RunningStack, tokenFor } from '../support/local-stack.ts';

let stack: RunningStack;
let api: ReturnType<typeof apiClient>;
let outsiderApi: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await launchLocalStack();
  api = apiClient(stack.url, await tokenFor('mediator', POST));
  outsiderApi = apiClient(stack.url, await tokenFor('mediator', OTHER_POST));
});

afterAll(async () => {
  await stack?.stop();
});

const act = (caseId: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  api('POST', `/cases/${caseId}/actions`, body, headers);

async function fileOne(overrides: Record<string, unknown> = {}) {
  const res = await api('POST', '/cases', intake(overrides));
  expect(res.status).toBe(201);
  return res.body as { caseId: string; version: number; status: string };
}

describe('mediator API over HTTP, on the local stack', () => {
  it('answers /health without a token', async () => {
    const res = await apiClient(stack.url)('GET', '/health');
    expect(res).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('takes a settled case from filing to close', async () => {
    const created = await api('POST', '/cases', intake());
    expect(created.status).toBe(201);
    const caseId = created.body.caseId as string;
    expect(created.headers.get('location')).toBe(`/cases/${caseId}`);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body.caseNumber).toMatch(/^QD-SN-01-\d{4}-\d{6}$/);
    const worker = intake().workers[0] as { idNumber: string };
    expect(created.body.workers[0]).toEqual({
      name: 'Wang Fang',
      idNumber: `370***********${worker.idNumber.slice(-4)}`,
      phone: '138****5678',
    });
    expect(JSON.stringify(created.body)).not.toContain(worker.idNumber);

    const fetched = await api('GET', created.headers.get('location') as string);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('etag')).toBe('"1"');

    const steps: Record<string, unknown>[] = [
      { action: 'ASSIGN_MEDIATOR', mediatorId: 'mediator-li' },
      { action: 'RECORD_SESSION', heldAt: new Date().toISOString(), notes: 'Both parties present.' },
      {
        action: 'SIGN_AGREEMENT',
        ...agreement({
          terms: 'Employer pays the arrears by the end of next week.',
          amountFen: 1_200_000,
          performBy: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10),
          effectiveOn: shanghaiDate(new Date()),
        }),
      },
      { action: 'RECORD_PERFORMANCE', paidFen: 1_200_000 },
      { action: 'CLOSE', resolution: 'Paid in full.' },
    ];
    let version = 1;
    for (const step of steps) {
      const res = await act(caseId, step, { 'if-match': `"${version}"` });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      version += 1;
      expect(res.headers.get('etag')).toBe(`"${version}"`);
    }
    const closed = await api('GET', `/cases/${caseId}`);
    expect(closed.body).toMatchObject({ status: 'CLOSED', version: 6, outcome: 'Paid in full.' });
    expect(closed.body.agreement).toMatchObject({ amountFen: 1_200_000, paidFen: 1_200_000 });

    const history = await api('GET', `/cases/${caseId}/history`);
    expect(history.status).toBe(200);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual([
      'FILE',
      'ASSIGN_MEDIATOR',
      'RECORD_SESSION',
      'SIGN_AGREEMENT',
      'RECORD_PERFORMANCE',
      'CLOSE',
    ]);
    expect(history.body.items.at(-1)).toMatchObject({
      from: 'PERFORMED',
      to: 'CLOSED',
      actor: { postId: POST },
    });
  });

  it('refers a failed mediation to arbitration and records the handoff', async () => {
    const { caseId } = await fileOne({ origin: 'ARBITRATION_PRE_MEDIATION' });
    expect(
      (await act(caseId, { action: 'FAIL_MEDIATION', reason: 'Employer refused to mediate.' })).status,
    ).toBe(200);
    const referred = await act(caseId, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: 'qd-arbitration',
    });
    expect(referred.status).toBe(200);
    expect(referred.body.status).toBe('ARBITRATION_PENDING');
    const history = await api('GET', `/cases/${caseId}/history`);
    const handoff = history.body.items.find((e: { type: string }) => e.type === 'HANDOFF_REQUESTED');
    expect(handoff).toMatchObject({
      action: 'REFER_TO_ARBITRATION',
      handoff: {
        destination: { kind: 'ARBITRATION', id: 'qd-arbitration' },
        purpose: 'ARBITRATION_APPLICATION',
      },
    });
    expect(handoff.handoff.handoffId).toBe(referred.body.lastHandoff.handoffId);
  });

  it('pages through the history with a cursor', async () => {
    const { caseId } = await fileOne();
    await act(caseId, { action: 'ASSIGN_MEDIATOR', mediatorId: 'a' });
    await act(caseId, { action: 'ASSIGN_MEDIATOR', mediatorId: 'b' });
    const first = await api('GET', `/cases/${caseId}/history?limit=2`);
    expect(first.body.items.map((e: { version: number }) => e.version)).toEqual([1, 2]);
    const second = await api('GET', `/cases/${caseId}/history?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((e: { version: number }) => e.version)).toEqual([3]);
  });
});

/**
 * A post of its own for a test that counts what it files: registered first, since filing at a post the
 * directory does not hold is refused (422 on postId).
 */
async function registeredPost(postId: string) {
  const admin = apiClient(stack.url, await tokenFor('admin', 'QD-HQ'));
  const put = await admin('PUT', `/posts/${postId}`, { name: `${postId} 工作站`, district: '市南区' });
  expect(put.status).toBe(200);
  return postId;
}

describe('lists and retries, over HTTP', () => {
  it('pages a post’s list newest first with a cursor bound to its query', async () => {
    const own = apiClient(stack.url, await tokenFor('mediator', await registeredPost('QD-PAGE-01')));
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await own('POST', '/cases', intake())).body.caseId);
    const first = await own('GET', '/cases?limit=2');
    const second = await own('GET', `/cases?limit=2&cursor=${first.body.nextCursor}`);
    const third = await own('GET', `/cases?limit=2&cursor=${second.body.nextCursor}`);
    const seen = [...first.body.items, ...second.body.items, ...third.body.items].map((c) => c.caseId);
    expect(seen).toEqual([...ids].reverse());

    const otherQuery = await own('GET', `/cases?status=FILED&cursor=${first.body.nextCursor}`);
    expect(otherQuery.status).toBe(400);
    expect(otherQuery.body.error.details.issues[0].field).toBe('cursor');
    const otherPost = await api('GET', `/cases?cursor=${first.body.nextCursor}`);
    expect(otherPost.status).toBe(400);
  });

  it('replays an action retried with the same Idempotency-Key, even with reformatted JSON', async () => {
    const { caseId } = await fileOne();
    const key = randomUUID();
    const first = await act(
      caseId,
      { action: 'ASSIGN_MEDIATOR', mediatorId: 'a' },
      { 'idempotency-key': key },
    );
    const retry = await api(
      'POST',
      `/cases/${caseId}/actions`,
      '{ "mediatorId": "a",  "action": "ASSIGN_MEDIATOR" }',
      { 'idempotency-key': key },
    );
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.body.version).toBe(2);
    expect((await api('GET', `/cases/${caseId}`)).body.version).toBe(2);
    const history = await api('GET', `/cases/${caseId}/history`);
    expect(history.body.items).toHaveLength(2);
  });
});

describe('bad input and access, over HTTP', () => {
  it('names idNumber when the check digit is wrong', async () => {
    const res = await api(
      'POST',
      '/cases',
      intake({ workers: [{ name: 'A', idNumber: '110105194912310021', phone: '13812345678' }] }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.issues).toEqual([
      { field: 'workers[0].idNumber', message: 'check digit does not match (GB 11643)' },
    ]);
  });

  it('rejects unknown fields, malformed JSON, oversized bodies and bad query parameters', async () => {
    const unknown = await api('POST', '/cases', intake({ favouriteColour: 'red' }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.issues).toEqual([
      { field: 'favouriteColour', message: 'unknown field' },
    ]);

    const malformed = await api('POST', '/cases', '{"origin": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details.issues[0].field).toBe('body');

    const huge = await api('POST', '/cases', intake({ summary: 'x'.repeat(70_000) }));
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');

    const limit = await api('GET', '/cases?limit=500');
    expect(limit.status).toBe(400);
    expect(limit.body.error.details.issues[0].field).toBe('limit');

    const extra = await api('GET', '/cases?colour=red');
    expect(extra.status).toBe(400);
    expect(extra.body.error.details.issues[0].field).toBe('colour');

    const badId = await api('GET', '/cases/not-a-case-id');
    expect(badId.status).toBe(400);
    expect(badId.body.error.details.issues[0].field).toBe('caseId');

    const form = await api('POST', '/cases', 'origin=WALK_IN', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    const jsonSeq = await api('POST', '/cases', JSON.stringify(intake()), {
      'content-type': 'application/json-seq',
    });
    expect(jsonSeq.status).toBe(415);

    const getQuery = await api('GET', `/cases/${randomUUID()}?expand=workers`);
    expect(getQuery.status).toBe(400);
    expect(getQuery.body.error.details.issues[0].field).toBe('expand');

    const badCursor = await api('GET', '/cases?cursor=forged.cursor');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.error.details.issues[0].field).toBe('cursor');
  });

  it('answers 404 for another post’s case and for an unknown one', async () => {
    const { caseId } = await fileOne();
    expect((await outsiderApi('GET', `/cases/${caseId}`)).status).toBe(404);
    expect((await outsiderApi('GET', `/cases/${caseId}/history`)).status).toBe(404);
    expect(
      (await outsiderApi('POST', `/cases/${caseId}/actions`, { action: 'WITHDRAW', reason: 'x' })).status,
    ).toBe(404);
    expect((await api('GET', `/cases/${randomUUID()}`)).status).toBe(404);
    const theirs = await outsiderApi('GET', '/cases');
    expect(theirs.body.items.some((c: { caseId: string }) => c.caseId === caseId)).toBe(false);
  });

  it('answers 401 without a token or with a forged one', async () => {
    expect((await apiClient(stack.url)('GET', '/cases')).status).toBe(401);
    expect((await apiClient(stack.url, 'e30.e30.forged')('GET', '/cases')).status).toBe(401);
  });

  it('answers 412 for a stale If-Match and changes nothing', async () => {
    const { caseId } = await fileOne();
    expect(
      (await act(caseId, { action: 'ASSIGN_MEDIATOR', mediatorId: 'a' }, { 'if-match': '"1"' })).status,
    ).toBe(200);
    const stale = await act(caseId, { action: 'WITHDRAW', reason: 'x' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.body.error).toMatchObject({ code: 'PRECONDITION_FAILED', details: { currentVersion: 2 } });
    expect((await api('GET', `/cases/${caseId}`)).body).toMatchObject({ status: 'MEDIATING', version: 2 });
  });

  it('answers 409 for an illegal action, listing the allowed ones', async () => {
    const { caseId } = await fileOne();
    const res = await act(caseId, {
      action: 'SIGN_AGREEMENT',
      terms: 't',
      amountFen: 1,
      performBy: '2099-01-01',
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      details: {
        status: 'FILED',
        allowedActions: [
          'ACCEPT_MEDIATION',
          'DECLINE_MEDIATION',
          'ASSIGN_MEDIATOR',
          'APPOINT_AGENT',
          'EXTEND_MEDIATION',
          'FAIL_MEDIATION',
          'REFER_TO_ARBITRATION',
          'RETURN_TO_COURT',
          'TRANSFER_TO_POST',
          'WITHDRAW',
        ],
      },
    });
    const unknownAction = await act(caseId, { action: 'LAUNCH_ROCKET' });
    expect(unknownAction.status).toBe(400);
    expect(unknownAction.body.error.details.issues[0].field).toBe('action');
  });

  it('creates one case for an idempotent retry and refuses the key with another body', async () => {
    const postId = await registeredPost('QD-IDEM-01');
    const own = apiClient(stack.url, await tokenFor('mediator', postId));
    const key = randomUUID();
    const first = await own('POST', '/cases', intake(), { 'idempotency-key': key });
    const retry = await own('POST', '/cases', intake(), { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.caseId).toBe(first.body.caseId);
    expect(retry.headers.get('location')).toBe(first.headers.get('location'));

    const reused = await own('POST', '/cases', intake({ summary: 'something else' }), {
      'idempotency-key': key,
    });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // The refusal must not have erased the first response.
    const again = await own('POST', '/cases', intake(), { 'idempotency-key': key });
    expect(again.body.caseId).toBe(first.body.caseId);

    const list = await own('GET', '/cases');
    expect(list.body.items).toHaveLength(1);
  });

  it('answers a key with an empty, malformed or deeply nested body with a 400, never a 500', async () => {
    const { caseId } = await fileOne();
    const bodies = ['', '   ', '{"action":', '['.repeat(5000) + ']'.repeat(5000), 'null'];
    for (const body of bodies) {
      for (const path of ['/cases', `/cases/${caseId}/actions`]) {
        const res = await api('POST', path, body, { 'idempotency-key': randomUUID() });
        expect(res.status, `${path} ${body.slice(0, 20)}`).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
      }
    }
    const admin = apiClient(stack.url, await tokenFor('admin', 'QD-HQ'));
    const retry = await admin('POST', `/handoffs/${randomUUID()}/retry`, undefined, {
      'idempotency-key': randomUUID(),
    });
    expect(retry.status).toBe(404);
  });

  it('scopes a key to the caller: the same key from the same user at another post answers anew', async () => {
    const key = randomUUID();
    const sub = `mover-${randomUUID()}`;
    const atFirstPost = apiClient(
      stack.url,
      await tokenFor('mediator', await registeredPost('QD-MOVE-01'), sub),
    );
    const { caseId } = (await atFirstPost('POST', '/cases', intake(), { 'idempotency-key': key })).body;
    const first = await atFirstPost(
      'POST',
      `/cases/${caseId}/actions`,
      { action: 'ASSIGN_MEDIATOR', mediatorId: 'a' },
      {
        'idempotency-key': key,
      },
    );
    expect(first.status).toBe(200);
    // The user moves to another post: replaying the key must not hand back the first post's case.
    const atSecondPost = apiClient(stack.url, await tokenFor('mediator', 'QD-MOVE-02', sub));
    const replay = await atSecondPost(
      'POST',
      `/cases/${caseId}/actions`,
      { action: 'ASSIGN_MEDIATOR', mediatorId: 'a' },
      {
        'idempotency-key': key,
      },
    );
    expect(replay.status).toBe(404);
  });

  it('masks an ID or mobile number typed into free text in the case it returns', async () => {
    const { caseId } = await fileOne({ summary: 'worker phone 13912345678' });
    const failed = await act(caseId, { action: 'FAIL_MEDIATION', reason: 'ID 11010519491231002X refused' });
    expect(failed.status).toBe(200);
    const read = await api('GET', `/cases/${caseId}`);
    expect(read.body.outcome).toBe('ID 110***********002X refused');
    expect(read.body.summary).toBe('worker phone 139****5678');
    expect(JSON.stringify(read.body)).not.toContain('11010519491231002X');
    expect(JSON.stringify(failed.body)).not.toContain('13912345678');
  });
});
