import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { sweep } from '../../domain/reminders/sweep.ts';
import { dispatchSweep } from '../../domain/reminders/sweep-plan.ts';
import { backgroundHandler } from '../shared/background.ts';
import { logger, metrics } from '../shared/observability.ts';
import { sweepInstant } from '../shared/reminders.ts';
import { shardQueue, sweepDeps } from '../shared/sweep.ts';

const configured = shardQueue();
if (!configured) throw new Error('sla-sweep needs SWEEP_TASKS_QUEUE_URL (the queue of shard tasks)');
const queue = configured;

/**
 * Every 15 minutes (an EventBridge schedule): plans the reminder sweep — the date partitions and shards
 * holding clocks now due — sends one task per shard to the queue of shard tasks (each swept by its own
 * `sweep-shard` invocation) and republishes the outbox (domain/reminders/sweep-plan.ts), in AWS as on the
 * local stack's schedule. `npm run sla` (an instant given, which only LOCAL_CLOCK_CONTROL lets through) runs the same plan and
 * every shard task in this process and returns what they did, reminders included
 * (they carry no personal data), which `npm run sla` prints.
 */
export const handler = backgroundHandler(async (event: unknown) => {
  const deps = await sweepDeps(null);
  const now = deps.clock.now();
  const at = sweepInstant(event, now);
  // Given an instant (`npm run sla`, the local stack only): the whole plan here, to say what it did.
  if (at === now) {
    const plan = await dispatchSweep(deps, queue, at);
    metrics.addMetric('SweepShardTasks', MetricUnit.Count, plan.tasks.length);
    logger.info('reminder sweep planned', {
      now: plan.now,
      dates: plan.dates,
      tasks: plan.tasks.length,
      checkpoint: plan.checkpoint,
      published: plan.published,
      publishFailures: plan.publishFailures,
      caughtUp: plan.caughtUp,
    });
    return { now: plan.now, dates: plan.dates, tasks: plan.tasks.length, caughtUp: plan.caughtUp };
  }
  const result = await sweep(await sweepDeps(at), at);
  metrics.addMetric('RemindersRaised', MetricUnit.Count, result.raised.length);
  metrics.addMetric('ClocksExpired', MetricUnit.Count, result.expired.length);
  metrics.addMetric('ReminderSweepFailures', MetricUnit.Count, result.failures + result.publishFailures);
  logger.info('reminder sweep', {
    now: result.now,
    dates: result.dates,
    shards: result.shards.length,
    read: result.read,
    raised: result.raised.length,
    expired: result.expired.length,
    passed: result.passed,
    published: result.published,
    publishFailures: result.publishFailures,
    failures: result.failures,
    caughtUp: result.caughtUp,
  });
  return result;
});
