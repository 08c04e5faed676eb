import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import * as z from 'zod/mini';
import { type Actor, HUMAN_ROLES } from '../../domain/shared/actor.ts';
import { PARTNER_KINDS } from '../../domain/shared/destinations.ts';
import { ForbiddenError, ValidationError } from '../../domain/shared/errors.ts';
import { message } from '../../domain/shared/messages.ts';
import { POST_ID, parseOrThrow } from '../../domain/shared/validation.ts';
import { unauthorized } from './errors.ts';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

const Claims = z.object({ role: z.enum(HUMAN_ROLES), postId: POST_ID });

/**
 * The claims that carry the role and the post, from AUTH_ROLE_CLAIM and AUTH_POST_CLAIM (set by the CDK
 * stack from the stage's `claims`, e.g. for the federation's OIDC provider). Unset, today's names:
 * `role` or Cognito's `custom:role`, `postId` or `custom:postId`. Read once, at cold start.
 */
export function claimNames(env: Record<string, string | undefined> = process.env) {
  const named = (variable: 'AUTH_ROLE_CLAIM' | 'AUTH_POST_CLAIM', fallback: readonly string[]) => {
    const value = env[variable];
    if (value === undefined) return fallback;
    if (!/^[\w:./-]{1,64}$/.test(value)) {
      throw new Error(
        `invalid function configuration: ${variable}: must be a claim name (1-64 of A-Z a-z 0-9 _ : . / -)`,
      );
    }
    return [value];
  };
  return {
    role: named('AUTH_ROLE_CLAIM', ['role', 'custom:role']),
    post: named('AUTH_POST_CLAIM', ['postId', 'custom:postId']),
  } as const;
}

const CLAIM_NAMES = claimNames();

const firstOf = (claims: Record<string, unknown>, names: readonly string[]) =>
  names.map((name) => claims[name]).find((value) => value !== undefined);

/**
 * The caller, from the claims the JWT authorizer verified (API Gateway in AWS, the local stack here), the
 * role and the post under the names `claimNames` gives.
 */
export function actorOf(event: HttpEvent, names = CLAIM_NAMES): Actor {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  if (!claims) throw unauthorized();
  const sub = claims.sub;
  // A verified token without a subject names no one: a 401 that says which claim is missing.
  if (typeof sub !== 'string' || sub === '') {
    throw unauthorized(message('auth.claims', { claim: 'sub' }), 'MISSING_CLAIM');
  }
  const parsed = Claims.safeParse({ role: firstOf(claims, names.role), postId: firstOf(claims, names.post) });
  if (!parsed.success) throw new ForbiddenError('the token does not carry a valid role and postId');
  return { sub, ...parsed.data };
}

/** The body as sent (API Gateway may base64 it): what a signature is computed over. */
export const rawBody = (event: HttpEvent): string =>
  event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');

/** JSON text parsed, or a 400 on `body`. */
export function parseJson(raw: string): unknown {
  if (raw.trim() === '') throw ValidationError.field('body', 'a JSON object is required');
  try {
    return JSON.parse(raw);
  } catch {
    throw ValidationError.field('body', 'is not valid JSON');
  }
}

/** The JSON object in the body; the size limit is enforced before this by the middleware. */
export function jsonBody(event: HttpEvent): Record<string, unknown> {
  const value = parseJson(rawBody(event));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw ValidationError.field('body', 'must be a JSON object');
  }
  return value as Record<string, unknown>;
}

export function query<S extends z.ZodMiniType>(event: HttpEvent, schema: S): z.output<S> {
  return parseOrThrow(schema, event.queryStringParameters ?? {});
}

const CASE_ID = z.uuid('must be a case id (UUID)');

export function caseIdOf(event: HttpEvent): string {
  return parseOrThrow(CASE_ID, event.pathParameters?.caseId, 'caseId');
}

/** `If-Match: "3"` (or W/"3", or 3) → 3; absent or `*` → undefined. */
export function ifMatchOf(event: HttpEvent): number | undefined {
  const value = event.headers?.['if-match'];
  if (value === undefined || value.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(value);
  if (!match) throw ValidationError.field('If-Match', 'must be the ETag of the case, e.g. "3"');
  return Number(match[1]);
}

export const PageQuery = {
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
  limit: z.optional(
    z.pipe(
      z.string().check(z.regex(/^\d{1,3}$/, 'must be a whole number from 1 to 100')),
      z.transform(Number),
    ),
  ),
};

/** `GET /posts`: a page of the post directory. */
export const PostsQuery = z.strictObject({ ...PageQuery });

/** `GET /partners?kind=`: the registered courts and arbitration institutes, optionally of one kind. */
export const PartnersQuery = z.strictObject({ kind: z.optional(z.enum(PARTNER_KINDS)) });
