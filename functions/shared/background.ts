import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger, publishMetrics } from './observability.ts';

/**
 * The middleware of every function not behind the API (stream, queue and schedule triggers): the Lambda
 * context in every log line and metrics written per invocation. No Powertools Tracer: its X-Ray SDK was
 * about a sixth of these bundles and the largest part of their cold start above the bare-SDK floor, and
 * Lambda's active tracing (the stack turns it on) still records every invocation; how long a handoff took
 * and where it failed is in the handoff itself (`requestedAt`, `attempts`, `deliveredAt`) and in the logs.
 */
export function backgroundHandler<E, R>(fn: (event: E, context: Context) => Promise<R>) {
  return middy(fn).use(injectLambdaContext(logger)).use(publishMetrics());
}
