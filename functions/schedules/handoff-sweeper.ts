import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { redispatchStale } from '../../domain/handoffs/redispatch.ts';
import { HANDOFF_SWEEPER } from '../catalogue.ts';
import { backgroundHandler } from '../shared/background.ts';
import { logger, metrics } from '../shared/observability.ts';
import { repositories } from '../shared/store.ts';
import { useCaseDeps } from '../shared/use-case-deps.ts';

const repos = repositories();

/**
 * Every few minutes (an EventBridge schedule in AWS, a timer locally): handoffs still PENDING
 * `staleAfterMinutes` after their request (or after their back-off), with no attempt since, are dispatched
 * again through the outbox (domain/handoffs/redispatch.ts).
 */
export const handler = backgroundHandler(async () => {
  const deps = await useCaseDeps(repos);
  const redispatched = await redispatchStale(
    deps,
    deps.clock.now(),
    HANDOFF_SWEEPER.staleAfterMinutes * 60_000,
    HANDOFF_SWEEPER.batch,
  );
  metrics.addMetric('HandoffRedispatched', MetricUnit.Count, redispatched);
  if (redispatched > 0) logger.warn('stale handoffs dispatched again', { redispatched });
  return { redispatched };
});
