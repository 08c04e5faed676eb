import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/shared/errors.ts';
import { httpHandler } from '../../functions/http/middleware.ts';
import type { HttpEvent } from '../../functions/http/request.ts';
import { json } from '../../functions/http/response.ts';
import { lambdaContext } from '../../infra/local/lambda-context.ts';

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
