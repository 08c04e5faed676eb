import { describe, expect, it } from 'vitest';
import {
  ForbiddenError,
  IllegalTransitionError,
  NotFoundError,
  ValidationError,
  VersionConflictError,
} from '../../domain/shared/errors.ts';
import { CursorCodec } from '../../functions/adapters/cursor.ts';
import { errorResponse } from '../../functions/http/errors.ts';
import { actorOf, caseIdOf, type HttpEvent, ifMatchOf, jsonBody } from '../../functions/http/request.ts';

const event = (overrides: Record<string, unknown>) =>
  ({ headers: {}, requestContext: {}, ...overrides }) as HttpEvent;
const withClaims = (claims: Record<string, string>) =>
  event({ requestContext: { authorizer: { jwt: { claims } } } });

describe('error mapping', () => {
  it('maps each domain error to its status and keeps the JSON error shape', () => {
    const cases: [unknown, number, string][] = [
      [ValidationError.field('x', 'bad'), 400, 'VALIDATION_FAILED'],
      [new NotFoundError('case', '1'), 404, 'NOT_FOUND'],
      [new ForbiddenError('no'), 403, 'FORBIDDEN'],
      [new IllegalTransitionError('FILED', 'CLOSE', ['WITHDRAW']), 409, 'ILLEGAL_TRANSITION'],
      [new VersionConflictError(1, 2, true), 412, 'PRECONDITION_FAILED'],
      [new VersionConflictError(1, undefined, false), 409, 'VERSION_CONFLICT'],
    ];
    for (const [error, status, code] of cases) {
      const { response, unexpected } = errorResponse(error);
      expect(response.statusCode).toBe(status);
      expect(JSON.parse(response.body as string).error.code).toBe(code);
      expect(unexpected).toBe(false);
    }
  });

  it('hides the internals of anything unknown behind a 500', () => {
    const { response, unexpected } = errorResponse(
      new Error('connect ECONNREFUSED 10.0.0.1:8000 table secret-x'),
    );
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('ECONNREFUSED');
    expect(unexpected).toBe(true);
  });
});

describe('request parsing', () => {
  it('reads the actor from verified claims, including Cognito custom attributes', () => {
    expect(actorOf(withClaims({ sub: 'u1', role: 'mediator', postId: 'QD-SN-01' }))).toEqual({
      sub: 'u1',
      role: 'mediator',
      postId: 'QD-SN-01',
    });
    expect(actorOf(withClaims({ sub: 'u2', 'custom:role': 'admin', 'custom:postId': 'QD-HQ' })).role).toBe(
      'admin',
    );
    expect(() => actorOf(event({}))).toThrow(expect.objectContaining({ status: 401 }));
    expect(() => actorOf(withClaims({ sub: 'u3', role: 'court', postId: 'QD-SN-01' }))).toThrow(
      ForbiddenError,
    );
  });

  it('parses If-Match ETags and refuses garbage', () => {
    expect(ifMatchOf(event({ headers: { 'if-match': '"7"' } }))).toBe(7);
    expect(ifMatchOf(event({ headers: { 'if-match': 'W/"7"' } }))).toBe(7);
    expect(ifMatchOf(event({ headers: { 'if-match': '*' } }))).toBeUndefined();
    expect(ifMatchOf(event({}))).toBeUndefined();
    expect(() => ifMatchOf(event({ headers: { 'if-match': '"seven"' } }))).toThrow(ValidationError);
  });

  it('accepts only JSON objects as bodies and UUIDs as case ids', () => {
    expect(jsonBody(event({ body: '{"a":1}' }))).toEqual({ a: 1 });
    expect(
      jsonBody(event({ body: Buffer.from('{"b":2}').toString('base64'), isBase64Encoded: true })),
    ).toEqual({
      b: 2,
    });
    for (const body of ['[1]', '"x"', 'null', '{', '']) {
      expect(() => jsonBody(event({ body }))).toThrow(ValidationError);
    }
    expect(() => caseIdOf(event({ pathParameters: { caseId: '../etc' } }))).toThrow(ValidationError);
  });
});

describe('pagination cursors', () => {
  const codec = new CursorCodec('unit-test-secret-0123456789abcdef0123');

  it('round-trips a position within its scope only', () => {
    const cursor = codec.encode({ PK: 'CASE#1', SK: 'CASE' }, 'cases:POST#A');
    expect(codec.decode(cursor, 'cases:POST#A')).toEqual({ PK: 'CASE#1', SK: 'CASE' });
    expect(() => codec.decode(cursor, 'cases:POST#B')).toThrow(ValidationError);
  });

  it('refuses edited or foreign cursors', () => {
    const cursor = codec.encode({ PK: 'CASE#1' }, 's');
    const [body, sig] = cursor.split('.');
    const edited = `${Buffer.from('{"PK":"CASE#2"}').toString('base64url')}.${sig}`;
    expect(() => codec.decode(edited, 's')).toThrow(ValidationError);
    expect(() => codec.decode(`${body}`, 's')).toThrow(ValidationError);
    expect(() => new CursorCodec('another-secret-0123456789abcdef01234').decode(cursor, 's')).toThrow(
      ValidationError,
    );
  });
});
