import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { deps } from '../shared/container.ts';
import { logger, metrics, tracer } from '../shared/observability.ts';
import { handoffQueues } from '../shared/pipeline.ts';
import { createUnionPostConsumer } from './consumers.ts';

/** The union-post queue → the receiving post's inbox (see consumers.ts). */
export const handler = middy(createUnionPostConsumer({ deps, queues: handoffQueues }))
  .use(captureLambdaHandler(tracer, { captureResponse: false }))
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics));
