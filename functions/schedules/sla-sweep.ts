import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { expireClock } from '../../domain/clocks/expire-clock.ts';
import { sweep } from '../../domain/reminders/sweep.ts';
import { sweepWarningDeadlines } from '../../domain/warnings/deadlines.ts';
import { redriveStaleReports } from '../../domain/warnings/dispositions.ts';
import { backgroundHandler } from '../shared/background.ts';
import { logger, metrics } from '../shared/observability.ts';
import { reminderPublisher, reminderStore, sweepInstant } from '../shared/reminders.ts';
import { repositories } from '../shared/store.ts';
import { useCaseDeps } from '../shared/use-case-deps.ts';
import { pendingReports, warningDeadlineDeps } from '../shared/warning-deadlines.ts';

const repos = repositories();
const reminders = reminderStore();
const publisher = reminderPublisher();

/**
 * Every 15 minutes (an EventBridge schedule in AWS, a timer locally): raises the reminders of the clocks
 * now due, exactly once each, publishes them to the reminders topic and records the expiry of overdue
 * clocks on their cases (domain/reminders/sweep.ts); then the early warnings' missed deadlines. Returns what it did, reminders included (they carry
 * no personal data), which `npm run sla` prints.
 */
export const handler = backgroundHandler(async (event: unknown) => {
  const base = await useCaseDeps(repos);
  const started = base.clock.now();
  const at = sweepInstant(event, started);
  // Every part of the sweep counts from `at`, the expiry's "is it past its last day" included: the clock
  // starts there and runs on with the function's own (which the local stack may have moved too).
  const clock =
    at === started
      ? base.clock
      : {
          now: () =>
            new Date(Date.parse(at) + Date.parse(base.clock.now()) - Date.parse(started)).toISOString(),
        };
  const deps = { ...base, clock };
  const result = await sweep(
    {
      reminders,
      publisher,
      clock,
      expireClock: (caseId, clockId) => expireClock(deps, caseId, clockId),
      onError: (error, subject) =>
        logger.error('reminder sweep: a clock or publish failed; the next sweep retries it', {
          caseId: subject.caseId,
          clockId: subject.clockId,
          error: error instanceof Error ? error.name : 'unknown',
        }),
    },
    at,
  );
  // The early warnings' deadlines as of the same instant: each missed one reminded to the post and
  // escalated to its supervisors once, on the warnings topic (domain/warnings/deadlines.ts).
  // A failure there leaves the reminders' result standing; the next sweep raises what it missed.
  const warnings = await sweepWarningDeadlines(warningDeadlineDeps(clock), at).catch((error: unknown) => {
    logger.error('warning deadline sweep failed; the next sweep retries it', {
      error: error instanceof Error ? error.name : 'unknown',
    });
    return { raised: [], read: 0, failures: 1 };
  });
  // Disposition reports the stream gave up on (a partner down for hours) go out again, once each.
  const reportsRedriven = await redriveStaleReports(pendingReports, at).catch(() => 0);
  metrics.addMetric('WarningDeadlinesRaised', MetricUnit.Count, warnings.raised.length);
  metrics.addMetric('RemindersRaised', MetricUnit.Count, result.raised.length);
  metrics.addMetric('ClocksExpired', MetricUnit.Count, result.expired.length);
  metrics.addMetric('ReminderSweepFailures', MetricUnit.Count, result.failures + result.publishFailures);
  logger.info('reminder sweep', {
    now: result.now,
    dates: result.dates,
    read: result.read,
    raised: result.raised.length,
    expired: result.expired.length,
    passed: result.passed,
    published: result.published,
    publishFailures: result.publishFailures,
    failures: result.failures,
    caughtUp: result.caughtUp,
    warningDeadlines: warnings.raised.length,
    warningDeadlineFailures: warnings.failures,
    reportsRedriven,
  });
  return { ...result, warnings: { ...warnings, reportsRedriven } };
});
