import { createHash, timingSafeEqual } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy, { type MiddlewareObj, type Request } from '@middy/core';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { ValidationError } from '../../domain/shared/errors.ts';
import { message, negotiateLanguage } from '../../domain/shared/messages.ts';
import { ORIGIN_HEADER, ORIGIN_VARIABLE } from '../shared/constants.ts';
import { logger, metrics, publishMetrics } from '../shared/observability.ts';
import { errorResponse, notThroughFront, payloadTooLarge, unsupportedMediaType } from './errors.ts';
import type { HttpEvent } from './request.ts';
import { NOSNIFF } from './response.ts';

type Result = APIGatewayProxyStructuredResultV2;
type Middleware = MiddlewareObj<HttpEvent, Result, Error, Context>;
type HttpRequest = Request<HttpEvent, Result, Error, Context>;

export const MAX_BODY_BYTES = 64 * 1024;

const startedAt = new WeakMap<object, number>();

/** One line per request (no bodies, no personal data) and a count of its outcome class. */
function logRequest(request: HttpRequest, status: number): void {
  metrics.addMetric(
    status >= 500 ? 'ServerError' : status >= 400 ? 'ClientError' : 'Success',
    MetricUnit.Count,
    1,
  );
  const started = startedAt.get(request.event);
  logger.info('request', {
    route: request.event.routeKey,
    status,
    durationMs: started === undefined ? undefined : Date.now() - started,
  });
}

/** `nosniff` on whatever answer a handler built (a CSV, a callback's own JSON), errors included. */
const withNosniff = (response: Result | null | undefined): Result => ({
  ...(response ?? { statusCode: 200 }),
  headers: { ...response?.headers, ...NOSNIFF },
});

/**
 * Maps every error to the JSON error shape, its messages in the language the request's Accept-Language
 * negotiates (English by default); logs the request whether it succeeded or not; every answer carries
 * `X-Content-Type-Options: nosniff`.
 */
function errorsAndAccessLog(): Middleware {
  return {
    before: (request) => {
      startedAt.set(request.event, Date.now());
    },
    after: (request) => {
      request.response = withNosniff(request.response);
      logRequest(request, request.response.statusCode ?? 200);
    },
    onError: (request) => {
      const language = negotiateLanguage(request.event?.headers?.['accept-language']);
      const { response, unexpected } = errorResponse(request.error, language);
      if (unexpected) logger.error('unexpected error', request.error as Error);
      request.response = withNosniff(response);
      logRequest(request, response.statusCode ?? 500);
    },
  };
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * 403 for a request that did not come through the stage's CloudFront distribution (and its WAF per-caller
 * limits): the header's value is compared in constant time, before any parsing or use case. Off without a
 * value (`npm start`: no CloudFront there, and the local stack sets none).
 */
function originGuard(expected: string): Middleware {
  if (expected.length < 32)
    throw new Error(`invalid HTTP configuration: ${ORIGIN_VARIABLE}: at least 32 characters`);
  const want = digest(expected);
  return {
    before: ({ event }) => {
      const got = event.headers?.[ORIGIN_HEADER];
      // Digests of equal length: the comparison's time says nothing about the value or its length.
      if (got === undefined || !timingSafeEqual(digest(got), want)) throw notThroughFront();
    },
  };
}

/** 413 above the body limit, 415 for a body that is not JSON, 400 for a malformed Idempotency-Key. */
function requestGuards(maxBodyBytes: number): Middleware {
  return {
    before: ({ event }) => {
      const body = event.body ?? '';
      const bytes = event.isBase64Encoded ? Math.floor((body.length * 3) / 4) : Buffer.byteLength(body);
      if (bytes > maxBodyBytes) throw payloadTooLarge(maxBodyBytes);
      const type = event.headers?.['content-type'];
      if (body !== '' && type !== undefined && !/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
        throw unsupportedMediaType();
      }
      const key = event.headers?.['idempotency-key'];
      if (key !== undefined && !/^[\x21-\x7e]{1,255}$/.test(key)) {
        throw ValidationError.field('Idempotency-Key', message('http.idempotencyKey'));
      }
    },
  };
}

/**
 * Wraps a route's use-case call with the shared middleware (no Powertools Tracer: see
 * functions/shared/observability.ts): structured logging with the Lambda context, metrics, the origin check,
 * request guards and error mapping. Idempotent retries are the handler's own (idempotency.ts): the receipt is written in the
 * command's transaction.
 */
export function httpHandler(
  fn: (event: HttpEvent) => Promise<Result>,
  options: {
    readonly maxBodyBytes?: number;
    /** The origin header's expected value; @default process.env.ORIGIN_VERIFY, read at cold start */
    readonly originSecret?: string;
  } = {},
) {
  const origin = options.originSecret ?? process.env[ORIGIN_VARIABLE];
  return middy<HttpEvent, Result, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(publishMetrics())
    .use(errorsAndAccessLog())
    .use(origin ? [originGuard(origin)] : [])
    .use(requestGuards(options.maxBodyBytes ?? MAX_BODY_BYTES))
    .handler(fn);
}
