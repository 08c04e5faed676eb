import { describe, expect, it } from 'vitest';
import { httpHandler } from '../../functions/http/middleware.ts';
import type { HttpEvent } from '../../functions/http/request.ts';
import { ORIGIN_HEADER } from '../../functions/shared/constants.ts';
import { lambdaContext } from '../../infra/local/lambda-context.ts';

/**
 * Issue 22, per-caller limits: the WAF's rate rules count only what passes through the stage's CloudFront
 * distribution, so the API refuses a request that did not (no origin header, or a wrong one) with a 403,
 * before the handler does any work. Without a configured value (the local stack) the check is off.
 */

const SECRET = 'k9V2-origin-verify-value-of-forty-chars!';
const event = (headers: Record<string, string> = {}) =>
  ({ headers, requestContext: {}, routeKey: 'GET /cases' }) as unknown as HttpEvent;

function guarded(originSecret?: string) {
  const calls: HttpEvent[] = [];
  const handler = httpHandler(
    async (e) => {
      calls.push(e);
      return { statusCode: 200, body: '{}' };
    },
    originSecret === undefined ? {} : { originSecret },
  );
  const invoke = (e: HttpEvent) => handler(e, lambdaContext('origin-guard', 3000, 'ap-southeast-1'));
  return { calls, invoke };
}

describe('the origin check (CloudFront → API)', () => {
  it('answers 403 in JSON, naming no secret, to a request without the header; the handler never runs', async () => {
    const { calls, invoke } = guarded(SECRET);
    const answer = await invoke(event({ authorization: 'Bearer x' }));
    expect(answer.statusCode).toBe(403);
    expect(answer.headers?.['x-content-type-options']).toBe('nosniff');
    const body = JSON.parse(answer.body ?? '{}');
    expect(body.error.code).toBe('FORBIDDEN');
    expect(body.error.message).toBe('this API is served only through its published address');
    expect(answer.body).not.toContain(SECRET);
    expect(calls).toEqual([]);
  });

  it('answers 403 to a wrong value: shorter, longer, one character off, empty', async () => {
    const { calls, invoke } = guarded(SECRET);
    for (const wrong of [SECRET.slice(0, -1), `${SECRET}x`, `${SECRET.slice(0, -1)}?`, '']) {
      expect((await invoke(event({ [ORIGIN_HEADER]: wrong }))).statusCode, wrong).toBe(403);
    }
    expect(calls).toEqual([]);
  });

  it('speaks the caller’s language', async () => {
    const { invoke } = guarded(SECRET);
    const answer = await invoke(event({ 'accept-language': 'zh-CN' }));
    expect(answer.statusCode).toBe(403);
    expect(JSON.parse(answer.body ?? '{}').error.message).toBe('本接口只能通过其公布的地址访问');
  });

  it('lets the right value through to the handler', async () => {
    const { calls, invoke } = guarded(SECRET);
    expect((await invoke(event({ [ORIGIN_HEADER]: SECRET }))).statusCode).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it('is off without a value (npm start: no CloudFront, the local stack sets none)', async () => {
    const saved = process.env.ORIGIN_VERIFY;
    delete process.env.ORIGIN_VERIFY;
    try {
      const { calls, invoke } = guarded();
      expect((await invoke(event())).statusCode).toBe(200);
      expect(calls).toHaveLength(1);
    } finally {
      if (saved !== undefined) process.env.ORIGIN_VERIFY = saved;
    }
  });

  it('refuses to start with a value too short to be a secret', () => {
    expect(() => guarded('short')).toThrow(/ORIGIN_VERIFY: at least 32 characters/);
  });
});
