import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { ValidationError } from '../../domain/errors.ts';
import { logger, metrics, tracer } from '../shared/observability.ts';
import { errorResponse, payloadTooLarge, unsupportedMediaType } from './errors.ts';
import type { HttpEvent } from './request.ts';

type Result = APIGatewayProxyStructuredResultV2;
type Middleware = MiddlewareObj<HttpEvent, Result, Error, Context>;

export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Maps every error to the JSON error shape, and per request logs one line (no bodies, no personal data)
 * and counts the outcome class.
 */
function errorsAndAccessLog(): Middleware {
  const started = new WeakMap<object, number>();
  const log = (event: HttpEvent, status: number | undefined, startedAt: number | undefined) => {
    const code = status ?? 500;
    metrics.addMetric(
      code >= 500 ? 'ServerError' : code >= 400 ? 'ClientError' : 'Success',
      MetricUnit.Count,
      1,
    );
    logger.info('request', {
      route: event.routeKey,
      status,
      durationMs: startedAt === undefined ? undefined : Date.now() - startedAt,
    });
  };
  return {
    before: (request) => {
      started.set(request.event, Date.now());
    },
    after: (request) => {
      log(request.event, request.response?.statusCode, started.get(request.event));
    },
    onError: (request) => {
      const { response, unexpected } = errorResponse(request.error);
      if (unexpected) logger.error('unexpected error', request.error as Error);
      request.response = response;
      log(request.event, response.statusCode, started.get(request.event));
    },
  };
}

/** 413 above the body limit, 415 for a body that is not JSON, 400 for a malformed Idempotency-Key. */
function requestGuards(): Middleware {
  return {
    before: ({ event }) => {
      const body = event.body ?? '';
      const bytes = event.isBase64Encoded ? Math.floor((body.length * 3) / 4) : Buffer.byteLength(body);
      if (bytes > MAX_BODY_BYTES) throw payloadTooLarge(MAX_BODY_BYTES);
      const type = event.headers?.['content-type'];
      if (body !== '' && type !== undefined && !/^application\/(.+\+)?json\b/i.test(type)) {
        throw unsupportedMediaType();
      }
      const key = event.headers?.['idempotency-key'];
      if (key !== undefined && !/^[\x21-\x7e]{1,255}$/.test(key)) {
        throw ValidationError.field('Idempotency-Key', 'must be 1–255 visible ASCII characters');
      }
    },
  };
}

let persistenceStore: DynamoDBPersistenceLayer | undefined;

/**
 * `Idempotency-Key` support through Powertools: a retry with the same key, caller and path returns the
 * first response; the same key with another body is refused. Without the header the request runs normally.
 * Errors raised by the idempotency layer itself must not delete the record they protect, so its onError
 * is skipped for them.
 */
function idempotentRetries(tableName: string, ttlSeconds: number, client: unknown): Middleware {
  persistenceStore ??= new DynamoDBPersistenceLayer({
    tableName,
    awsSdkV3Client: client as never,
  });
  const inner = makeHandlerIdempotent({
    persistenceStore,
    config: new IdempotencyConfig({
      eventKeyJmesPath: `headers."idempotency-key" && join('|', [requestContext.authorizer.jwt.claims.sub, rawPath, headers."idempotency-key"])`,
      payloadValidationJmesPath: 'body',
      expiresAfterSeconds: ttlSeconds,
    }),
  }) as Middleware;
  return {
    before: inner.before,
    after: inner.after,
    onError: async (request) => {
      const name = (request.error as Error | undefined)?.name ?? '';
      if (name.startsWith('Idempotency')) return;
      await inner.onError?.(request);
    },
  };
}

export interface HttpHandlerOptions {
  /** Enables Idempotency-Key handling, backed by this table and client. */
  readonly idempotency?: { tableName: string; ttlSeconds: number; client: unknown };
}

/**
 * Wraps a route's use-case call with the shared middleware: tracing, structured logging with the Lambda
 * context, metrics, request guards, error mapping and — for creating routes — idempotent retries.
 */
export function httpHandler(fn: (event: HttpEvent) => Promise<Result>, options: HttpHandlerOptions = {}) {
  const handler = middy<HttpEvent, Result, Error, Context>()
    .use(captureLambdaHandler(tracer))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use(errorsAndAccessLog())
    .use(requestGuards());
  if (options.idempotency) {
    const { tableName, ttlSeconds, client } = options.idempotency;
    handler.use(idempotentRetries(tableName, ttlSeconds, client));
  }
  return handler.handler(fn);
}
