import type * as z from 'zod';

/** What the OpenAPI document says of one route beyond the catalogue (route-docs.ts, reminder-docs.ts). */
export interface RouteDoc {
  /** Longer than the catalogue's summary, when the route needs it. */
  readonly description?: string;
  readonly path?: z.ZodObject;
  readonly query?: z.core.$ZodObject;
  /** Request headers besides Authorization and Idempotency-Key (which the catalogue's access implies). */
  readonly headers?: z.ZodObject;
  readonly body?: z.core.$ZodType;
  readonly success: Success;
  /**
   * The 4xx answers of the route's own logic. Added for every route: 400 when it takes parameters or a
   * body, 401 and 403 behind the authorizer, 413 and 415 with a body, 422 with Idempotency-Key.
   */
  readonly errors?: readonly ErrorStatus[];
  /** Signed by the partner (Standard Webhooks) instead of a bearer token. */
  readonly webhook?: true;
}

export interface Success {
  readonly status: 200 | 201 | 202 | 204;
  readonly description: string;
  /** Media type → schema; JSON unless given. */
  readonly content?: Readonly<Record<string, z.core.$ZodType>>;
  readonly headers?: z.ZodObject;
}

export const ERRORS = {
  400: 'Bad input: `details.issues` names each wrong field',
  401: 'No or a bad bearer token',
  403: "The caller's role or post may not do this",
  404: 'Not found, or not visible to the caller',
  409: 'Not possible in the current state',
  412: '`If-Match` names a stale version',
  413: 'The body is over the limit (64 KB on the mediator API)',
  415: 'The body is not JSON',
  422: 'Well formed but not processable: an `Idempotency-Key` reused for a different request, or a post, court or institute that does not exist',
  429: "Over a limit: a person's reveals of personal data per day",
} as const;
export type ErrorStatus = keyof typeof ERRORS;
