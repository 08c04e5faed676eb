import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { deps } from '../shared/container.ts';
import { logger, metrics, tracer } from '../shared/observability.ts';
import { handoffQueues, partnerDirectory, pipelineConfig } from '../shared/pipeline.ts';
import { createPartnerConsumer } from './consumers.ts';

/** The arbitration and court queues → the partners' webhook endpoints (see consumers.ts). */
export const handler = middy(
  createPartnerConsumer({
    deps,
    queues: handoffQueues,
    partners: partnerDirectory(),
    delivery: {
      timeoutMs: pipelineConfig.PARTNER_TIMEOUT_MS,
      attempts: pipelineConfig.PARTNER_ATTEMPTS,
      backoffMs: pipelineConfig.PARTNER_BACKOFF_MS,
    },
  }),
)
  .use(captureLambdaHandler(tracer, { captureResponse: false }))
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics));
