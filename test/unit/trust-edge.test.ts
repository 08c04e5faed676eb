import { describe, expect, it } from 'vitest';
import { handlePartnerEvent } from '../../domain/callbacks/handle-event.ts';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import { listHandoffs } from '../../domain/handoffs/list-handoffs.ts';
import { refOf } from '../../domain/handoffs/model.ts';
import { recordDelivery, recordFailure } from '../../domain/handoffs/record-outcome.ts';
import { retryHandoff } from '../../domain/handoffs/retry.ts';
import { IllegalEventError, ValidationError } from '../../domain/shared/errors.ts';
import { type Message, render } from '../../domain/shared/messages.ts';
import { errorResponse } from '../../functions/http/errors.ts';
import { httpHandler } from '../../functions/http/middleware.ts';
import type { HttpEvent } from '../../functions/http/request.ts';
import { json, jsonUnmasked } from '../../functions/http/response.ts';
import { lambdaContext } from '../../infra/local/lambda-context.ts';
import { admin, depsWith, intake, mediator } from '../support/fixtures.ts';
import { MemoryCaseRepository } from '../support/memory-repository.ts';

/** Issue 22, the edge's defects: each test here failed before its fix. */

const event = (overrides: Record<string, unknown> = {}) =>
  ({ headers: {}, requestContext: {}, routeKey: 'GET /x', ...overrides }) as unknown as HttpEvent;
const invoke = (handler: ReturnType<typeof httpHandler>, e: HttpEvent = event()) =>
  handler(e, lambdaContext('trust-edge', 3000, 'cn-north-1'));

describe('X-Content-Type-Options: nosniff', () => {
  it('is on every JSON answer', () => {
    expect(json(200, { ok: true }).headers?.['x-content-type-options']).toBe('nosniff');
  });

  it('is on answers a handler builds itself (CSV), and on every error', async () => {
    const csv = httpHandler(async () => ({
      statusCode: 200,
      headers: { 'content-type': 'text/csv; charset=utf-8' },
      body: 'a,b\n',
    }));
    expect((await invoke(csv)).headers?.['x-content-type-options']).toBe('nosniff');
    const refused = httpHandler(async () => {
      throw ValidationError.field('x', 'bad');
    });
    const bad = await invoke(refused);
    expect(bad.statusCode).toBe(400);
    expect(bad.headers?.['x-content-type-options']).toBe('nosniff');
    const crashed = httpHandler(async () => {
      throw new Error('boom');
    });
    expect((await invoke(crashed)).headers?.['x-content-type-options']).toBe('nosniff');
    const tooLarge = await invoke(csv, event({ body: 'x'.repeat(70_000) }));
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.headers?.['x-content-type-options']).toBe('nosniff');
  });
});

describe('every JSON answer masked at every depth', () => {
  const ID = '110105194912310020'.slice(0, 17);
  it('masks what a handler forgot: a list summary, a history event, an error detail', () => {
    const body = {
      items: [
        { employerName: '张三 13812345678 装修队', caseId: '550e8400-e29b-41d4-a716-a13812345678' },
        { payload: { claims: [{ description: `ID ${ID}0 欠薪` }], source: { reference: '138-1234-5678' } } },
      ],
      nextCursor: null,
    };
    const shown = json(200, body).body as string;
    expect(shown.replace('a716-a13812345678', '')).not.toContain('13812345678');
    expect(shown).not.toContain('1234-5678');
    expect(shown).not.toContain(`${ID}0`);
    expect(shown).toContain('550e8400-e29b-41d4-a716-a13812345678');
    expect(JSON.parse(shown).items[0].employerName).toBe('张三 138****5678 装修队');
  });

  it('leaves a body meant to be read in full as it is, only where a handler says so', () => {
    const shown = jsonUnmasked(200, { example: { phone: '13812345678' } }).body as string;
    expect(shown).toContain('13812345678');
    expect(jsonUnmasked(200, {}).headers?.['x-content-type-options']).toBe('nosniff');
  });
});

describe('a partner acts on a case only once its handoff is delivered', () => {
  const ARBITRATION = { kind: 'ARBITRATION', id: 'qd-arbitration', posts: [] } as const;
  const accepted = (caseId: string) => ({
    type: 'arbitration.accepted',
    caseId,
    data: { reference: 'QDLA-2026-9', decidedOn: '2026-03-02' },
  });

  it('refuses the callback with a 409 naming the handoff state while it is PENDING or FAILED', async () => {
    const deps = depsWith(new MemoryCaseRepository());
    const c = await fileCase(deps, mediator, intake());
    await actOnCase(deps, mediator, c.caseId, { action: 'FAIL_MEDIATION', reason: 'No deal.' });
    await actOnCase(deps, mediator, c.caseId, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: ARBITRATION.id,
    });
    const [handoff] = (await listHandoffs(deps, mediator, c.caseId, {})).items;
    if (!handoff) throw new Error('no handoff');

    const pending = await handlePartnerEvent(deps, ARBITRATION, accepted(c.caseId)).catch((e: unknown) => e);
    expect(pending).toBeInstanceOf(IllegalEventError);
    expect(errorResponse(pending).response.statusCode).toBe(409);
    expect((pending as IllegalEventError).details).toMatchObject({ handoffStatus: 'PENDING' });
    expect((pending as Error).message).toMatch(/PENDING/);
    expect(render((pending as IllegalEventError).text as Message, 'zh-CN')).toMatch(/PENDING|待送达/);

    await recordFailure(deps, refOf(handoff), 'the institute answered 400');
    const failed = await handlePartnerEvent(deps, ARBITRATION, accepted(c.caseId)).catch((e: unknown) => e);
    expect((failed as IllegalEventError).details).toMatchObject({ handoffStatus: 'FAILED' });
    expect((await deps.cases.get(c.caseId))?.status).toBe('ARBITRATION_PENDING');

    // An admin's retry delivers it: the institute now acts.
    await retryHandoff(deps, admin, handoff.handoffId);
    const again = (await listHandoffs(deps, mediator, c.caseId, {})).items[0];
    expect(await recordDelivery(deps, refOf(again as never), 'QDLA-2026-9')).toBe('settled');
    const done = await handlePartnerEvent(deps, ARBITRATION, accepted(c.caseId));
    expect(done.status).toBe('ARBITRATION_ACCEPTED');
  });
});
