import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { sweep } from '../../domain/reminders/sweep.ts';
import { dispatchSweep } from '../../domain/reminders/sweep-plan.ts';
import type { Clock } from '../../domain/shared/ports.ts';
import { sweepWarningDeadlines } from '../../domain/warnings/deadlines.ts';
import { redriveStaleReports } from '../../domain/warnings/dispositions.ts';
import { backgroundHandler } from '../shared/background.ts';
import { logger, metrics } from '../shared/observability.ts';
import { sweepInstant } from '../shared/reminders.ts';
import { shardQueue, sweepDeps } from '../shared/sweep.ts';
import { pendingReports, warningDeadlineDeps } from '../shared/warning-deadlines.ts';

const configured = shardQueue();
if (!configured) throw new Error('sla-sweep needs SWEEP_TASKS_QUEUE_URL (the queue of shard tasks)');
const queue = configured;

/**
 * The early warnings' deadlines as of the same instant: each missed one reminded to the post and escalated
 * to its supervisors once, on the warnings topic (domain/warnings/deadlines.ts); and the disposition
 * reports the stream gave up on (a partner down for hours) sent again, once each. A failure here leaves
 * the reminders' result standing; the next sweep raises what it missed.
 */
async function warningPass(clock: Clock, at: string) {
  const warnings = await sweepWarningDeadlines(warningDeadlineDeps(clock), at).catch((error: unknown) => {
    logger.error('warning deadline sweep failed; the next sweep retries it', {
      error: error instanceof Error ? error.name : 'unknown',
    });
    return { raised: [], read: 0, failures: 1 };
  });
  const reportsRedriven = await redriveStaleReports(pendingReports, at).catch(() => 0);
  metrics.addMetric('WarningDeadlinesRaised', MetricUnit.Count, warnings.raised.length);
  logger.info('warning deadline sweep', {
    warningDeadlines: warnings.raised.length,
    warningDeadlineFailures: warnings.failures,
    reportsRedriven,
  });
  return { ...warnings, reportsRedriven };
}

/**
 * Every 15 minutes (an EventBridge schedule): plans the reminder sweep — the date partitions and shards
 * holding clocks now due — sends one task per shard to the queue of shard tasks (each swept by its own
 * `sweep-shard` invocation) and republishes the outbox (domain/reminders/sweep-plan.ts), in AWS as on the
 * local stack's schedule; then the early warnings' missed deadlines. `npm run sla` (an instant given,
 * which only LOCAL_CLOCK_CONTROL lets through) runs the same plan and every shard task in this process and
 * returns what they did, reminders included (they carry no personal data), which `npm run sla` prints.
 */
export const handler = backgroundHandler(async (event: unknown) => {
  const deps = await sweepDeps(null);
  const now = deps.clock.now();
  const at = sweepInstant(event, now);
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
    const warnings = await warningPass(deps.clock, at);
    return { now: plan.now, dates: plan.dates, tasks: plan.tasks.length, caughtUp: plan.caughtUp, warnings };
  }
  // Given an instant (`npm run sla`, the local stack only): the whole plan here, to say what it did.
  const atDeps = await sweepDeps(at);
  const result = await sweep(atDeps, at);
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
  return { ...result, warnings: await warningPass(atDeps.clock, at) };
});
