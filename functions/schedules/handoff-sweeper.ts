import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { redispatchStale } from '../../domain/handoffs.ts';
import { HANDOFF_SWEEPER } from '../adapters/sqs/queues.ts';
import { deps } from '../shared/container.ts';
import { logger, metrics, tracer } from '../shared/observability.ts';

/**
 * Every few minutes (an EventBridge schedule in AWS, a timer locally): handoffs still PENDING
 * `staleAfterMinutes` after their request, with no attempt since, are dispatched again through the outbox.
 */
export const handler = middy(async () => {
  const before = new Date(
    Date.parse(deps.clock.now()) - HANDOFF_SWEEPER.staleAfterMinutes * 60_000,
  ).toISOString();
  const redispatched = await redispatchStale(deps, before, HANDOFF_SWEEPER.batch);
  metrics.addMetric('HandoffRedispatched', MetricUnit.Count, redispatched);
  if (redispatched > 0) logger.warn('stale handoffs dispatched again', { redispatched, before });
  return { redispatched };
})
  .use(captureLambdaHandler(tracer, { captureResponse: false }))
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics));
