import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  DomainError,
  ForbiddenError,
  IllegalEventError,
  IllegalTransitionError,
  NotFoundError,
  UnknownReferenceError,
  ValidationError,
  VersionConflictError,
} from '../../domain/shared/errors.ts';
import { json } from './response.ts';

/** Errors that only exist at the HTTP edge (authentication, transport limits). */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export const unauthorized = () => new HttpError(401, 'UNAUTHORIZED', 'a valid bearer token is required');
export const payloadTooLarge = (limit: number) =>
  new HttpError(413, 'PAYLOAD_TOO_LARGE', `request bodies are limited to ${limit} bytes`, { limit });
export const unsupportedMediaType = () =>
  new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');

interface Mapped {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
}

function classify(error: unknown): Mapped | null {
  if (error instanceof HttpError) return error;
  if (error instanceof ValidationError) return { status: 400, ...pick(error) };
  if (error instanceof NotFoundError) return { status: 404, ...pick(error) };
  if (error instanceof ForbiddenError) return { status: 403, ...pick(error) };
  if (error instanceof UnknownReferenceError) return { status: 422, ...pick(error) };
  if (error instanceof IllegalTransitionError || error instanceof IllegalEventError) {
    return { status: 409, ...pick(error) };
  }
  if (error instanceof VersionConflictError) {
    return error.asserted
      ? { status: 412, ...pick(error), code: 'PRECONDITION_FAILED' }
      : { status: 409, ...pick(error) };
  }
  if (error instanceof DomainError) return { status: 400, ...pick(error) };
  return null;
}

const pick = (e: DomainError) => ({ code: e.code, message: e.message, details: e.details });

/**
 * The one place errors become responses: `{ "error": { code, message, details } }`. Anything unknown is a
 * 500 that says nothing about internals; the caller logs it.
 */
export function errorResponse(error: unknown): {
  response: APIGatewayProxyStructuredResultV2;
  unexpected: boolean;
} {
  const mapped = classify(error);
  if (!mapped) {
    return {
      response: json(500, { error: { code: 'INTERNAL', message: 'internal error', details: null } }),
      unexpected: true,
    };
  }
  return {
    response: json(mapped.status, {
      error: { code: mapped.code, message: mapped.message, details: mapped.details ?? null },
    }),
    unexpected: false,
  };
}
