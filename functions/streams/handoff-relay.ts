import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { logger, metrics, tracer } from '../shared/observability.ts';
import { handoffQueues } from '../shared/pipeline.ts';
import { createRelay } from './relay.ts';

/** The cases table's stream → the handoff queues (see relay.ts). */
export const handler = middy(createRelay(handoffQueues))
  .use(captureLambdaHandler(tracer, { captureResponse: false }))
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics));
