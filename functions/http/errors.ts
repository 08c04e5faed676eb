import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  DomainError,
  type FieldIssue,
  ForbiddenError,
  IllegalEventError,
  IllegalTransitionError,
  LimitExceededError,
  type MessageInput,
  NotFoundError,
  UnknownReferenceError,
  ValidationError,
  VersionConflictError,
} from '../../domain/shared/errors.ts';
import {
  DEFAULT_LANGUAGE,
  identify,
  type Language,
  localize,
  type Message,
  message,
  render,
} from '../../domain/shared/messages.ts';
import { ConfigurationError } from '../shared/configuration-error.ts';
import { json } from './response.ts';

/** Errors that only exist at the HTTP edge (authentication, transport limits). */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  /** The catalogue message, rendered in the caller's language. */
  readonly text: Message | null;
  /** Response headers the error requires (WWW-Authenticate on a 401). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    code: string,
    input: MessageInput,
    details?: unknown,
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(typeof input === 'string' ? input : render(input, 'en'));
    this.status = status;
    this.code = code;
    this.details = details;
    this.text = typeof input === 'string' ? identify(input) : input;
    this.headers = headers;
  }
}

/** The realm named in WWW-Authenticate (RFC 6750 §3). */
export const AUTH_REALM = 'labour-dispute-mediation';

/**
 * `WWW-Authenticate` for a 401 (RFC 6750 §3): without a token, only the scheme and realm (§3.1: no error
 * code when the request carried no credentials); with a bad one, `invalid_token` and why, in English (the
 * header is ASCII; the body says it in the caller's language).
 */
export function bearerChallenge(why?: Message): string {
  const realm = `Bearer realm="${AUTH_REALM}"`;
  if (!why) return realm;
  const description = render(why, 'en').replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '');
  return `${realm}, error="invalid_token", error_description="${description}"`;
}

/**
 * A 401 naming why: no token (`why` absent: the challenge carries no error), or a token that is malformed,
 * expired, from another issuer or badly signed. `details.reason` is the machine-readable kind.
 */
export const unauthorized = (why?: Message, reason = why ? 'INVALID_TOKEN' : 'NO_TOKEN') =>
  new HttpError(
    401,
    'UNAUTHORIZED',
    why ?? message('auth.missing'),
    { reason },
    { 'www-authenticate': bearerChallenge(why) },
  );
export const payloadTooLarge = (limit: number) =>
  new HttpError(413, 'PAYLOAD_TOO_LARGE', message('http.tooLarge', { limit }), { limit });
/** A request that bypassed the stage's CloudFront distribution (functions/http/middleware.ts). */
export const notThroughFront = () => new HttpError(403, 'FORBIDDEN', message('http.notThroughFront'));
export const unsupportedMediaType = () => new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', message('http.json'));

interface Mapped {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** An issue in the caller's language. */
const issueIn = (issue: FieldIssue, language: Language) => ({
  field: issue.field,
  message: localize(issue.message, issue.text, language),
});

function localized(error: DomainError, language: Language): Pick<Mapped, 'code' | 'message' | 'details'> {
  if (error instanceof ValidationError || error instanceof UnknownReferenceError) {
    const issues = error.issues.map((i) => issueIn(i, language));
    const first = issues[0];
    return {
      code: error.code,
      message: first ? `${first.field}: ${first.message}` : render(message('error.invalidInput'), language),
      details: { ...(error.details as object), issues },
    };
  }
  const text = localize(error.message, error.text, language);
  const details = error.details as Record<string, unknown> | undefined;
  return {
    code: error.code,
    message: text,
    // The reason repeats the message (older clients read it there): in the same language.
    details: details && typeof details.reason === 'string' ? { ...details, reason: text } : error.details,
  };
}

function classify(error: unknown, language: Language): Mapped | null {
  if (error instanceof HttpError) {
    return {
      status: error.status,
      code: error.code,
      message: localize(error.message, error.text, language),
      details: error.details,
      headers: error.headers,
    };
  }
  if (!(error instanceof DomainError)) return null;
  const mapped = localized(error, language);
  if (error instanceof ValidationError) return { status: 400, ...mapped };
  if (error instanceof NotFoundError) return { status: 404, ...mapped };
  if (error instanceof ForbiddenError) return { status: 403, ...mapped };
  if (error instanceof LimitExceededError) return { status: 429, ...mapped };
  if (error instanceof UnknownReferenceError) return { status: 422, ...mapped };
  if (error instanceof IllegalTransitionError || error instanceof IllegalEventError) {
    return { status: 409, ...mapped };
  }
  if (error instanceof VersionConflictError) {
    return error.asserted
      ? { status: 412, ...mapped, code: 'PRECONDITION_FAILED' }
      : { status: 409, ...mapped };
  }
  return { status: 400, ...mapped };
}

/**
 * The JSON error shape `{ "error": { code, message, details } }` with its message in `language`, and the
 * headers that say which language it is (also for the local gateway's own answers).
 */
export function errorJson(
  status: number,
  error: { readonly code: string; readonly message: string; readonly details?: unknown },
  language: Language,
  headers: Readonly<Record<string, string>> = {},
): APIGatewayProxyStructuredResultV2 {
  return json(
    status,
    { error: { code: error.code, message: error.message, details: error.details ?? null } },
    { 'content-language': language, vary: 'Accept-Language', ...headers },
  );
}

/**
 * The one place errors become responses: `{ "error": { code, message, details } }`, the message (and each
 * field's) in the negotiated language, `Content-Language` saying which. Anything unknown is a 500 that says
 * nothing about internals; the caller logs it.
 */
export function errorResponse(
  error: unknown,
  language: Language = DEFAULT_LANGUAGE,
): {
  response: APIGatewayProxyStructuredResultV2;
  unexpected: boolean;
} {
  if (error instanceof ConfigurationError) {
    // The stack's fault, not the caller's: a 503 without internals; the caller logs the variable it names.
    const text = render(message('error.unavailable'), language);
    return {
      response: errorJson(503, { code: 'UNAVAILABLE', message: text, details: null }, language),
      unexpected: true,
    };
  }
  const mapped = classify(error, language);
  if (!mapped) {
    return {
      response: errorJson(
        500,
        { code: 'INTERNAL', message: render(message('error.internal'), language), details: null },
        language,
      ),
      unexpected: true,
    };
  }
  return { response: errorJson(mapped.status, mapped, language, mapped.headers), unexpected: false };
}
