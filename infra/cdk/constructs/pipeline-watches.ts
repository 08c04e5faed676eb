import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { resourceName } from '../stage-config.ts';
import { pascal, THRESHOLDS } from './alarm-rules.ts';
import { type Monitoring, PERIOD } from './monitoring.ts';

/** The handoff pipeline's watches: its queues and the stream relay, on the stage's alarms and dashboard. */

/**
 * A handoff queue: any message in its dead-letter queue (a handoff FAILED or a consumer gave up) and
 * the oldest waiting message's age, with both on the dashboard.
 */
export function watchHandoffQueue(
  monitoring: Monitoring,
  label: string,
  queue: sqs.IQueue,
  deadLetterQueue: sqs.IQueue,
): void {
  const parked = deadLetterQueue.metricApproximateNumberOfMessagesVisible({
    period: PERIOD,
    statistic: 'Maximum',
    label: `${label} dead letters`,
  });
  const oldest = queue.metricApproximateAgeOfOldestMessage({
    period: PERIOD,
    statistic: 'Maximum',
    label: `${label} oldest (s)`,
  });
  monitoring.addAlarm(`${pascal(label)}DeadLetters`, {
    alarmName: resourceName(monitoring.stage, `${label}-dead-letters`),
    alarmDescription: `Handoffs parked in the ${label} dead-letter queue: GET /cases/{caseId}/handoffs shows them FAILED with lastError. Fix the cause, then POST /handoffs/{id}/retry or POST /dead-letters/{kind}/redrive.`,
    metric: parked,
    threshold: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
  });
  // A dead-letter queue that already holds messages keeps the alarm above in ALARM; this one fires for
  // every five minutes in which the consumer parked another (SQS's own redrive is not counted here).
  monitoring.addAlarm(`${pascal(label)}Parked`, {
    alarmName: resourceName(monitoring.stage, `${label}-parked`),
    alarmDescription: `More handoffs were parked in the ${label} dead-letter queue in the last 5 minutes.`,
    metric: deadLetterQueue.metricNumberOfMessagesSent({ period: PERIOD, statistic: 'Sum' }),
    threshold: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
  });
  monitoring.addAlarm(`${pascal(label)}OldestHandoff`, {
    alarmName: resourceName(monitoring.stage, `${label}-oldest-handoff`),
    alarmDescription: `A ${label} handoff has waited over ${THRESHOLDS.handoffAgeSeconds} s: its consumer is failing or its partner is down (messages of one case wait behind the first).`,
    metric: oldest,
    threshold: THRESHOLDS.handoffAgeSeconds,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 2,
    datapointsToAlarm: 2,
  });
  monitoring.dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: `Handoffs: ${label}`,
      width: 12,
      height: 6,
      left: [parked],
      right: [oldest],
    }),
  );
}

/** How far a stream consumer lags behind its stream. */
export function watchStreamConsumer(monitoring: Monitoring, fn: lambda.Function, label: string): void {
  const age = fn.metric('IteratorAge', {
    period: PERIOD,
    statistic: 'Maximum',
    label: `${label} iter age`,
  });
  monitoring.addAlarm(`${fn.node.id}IteratorAge`, {
    alarmName: resourceName(monitoring.stage, `${label}-iterator-age`),
    alarmDescription: `${label} is over ${THRESHOLDS.relayIteratorAgeMs / 60_000} minutes behind the cases table's stream: new handoffs are not published. A record failing again and again holds its shard; the function log names it.`,
    metric: age,
    threshold: THRESHOLDS.relayIteratorAgeMs,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
  });
  monitoring.dashboard.addWidgets(
    new cloudwatch.GraphWidget({ title: `${label} lag (ms)`, width: 12, height: 6, left: [age] }),
  );
}
