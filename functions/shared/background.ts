import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger, metrics } from './observability.ts';
import { tracer } from './tracing.ts';

/**
 * The middleware of every function not behind the API (stream, queue and schedule triggers): tracing
 * without capturing responses (they may hold personal data), the Lambda context in every log line, and
 * metrics flushed per invocation.
 */
export function backgroundHandler<E, R>(fn: (event: E, context: Context) => Promise<R>) {
  return middy(fn)
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics));
}
