import { Duration, RemovalPolicy, type Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { EventSourceMapping, FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type {
  QUEUE_FUNCTIONS,
  SCHEDULED_FUNCTIONS,
  STREAM_FUNCTIONS,
  SWEEP_TASK_FUNCTIONS,
} from '../../functions/catalogue.ts';
import type { CoreGrants } from './constructs/grants.ts';
import type { Monitoring } from './constructs/monitoring.ts';
import { watchHandoffQueue, watchStreamConsumer } from './constructs/pipeline-watches.ts';
import type { ServiceFunction } from './constructs/service-function.ts';
import { resourceName, type StageConfig } from './stage-config.ts';
import type { CoreResources } from './stateful-stack.ts';

/**
 * The event sources of the catalogue's non-HTTP functions (HTTP routes go to the mediator API), each with
 * the alarms that tell when it falls behind. Construct ids are fixed by the trigger, not by its order in
 * the catalogue, so reordering entries changes no logical id.
 */

export type QueueEntry = (typeof QUEUE_FUNCTIONS)[number];
export type StreamEntry = (typeof STREAM_FUNCTIONS)[number];
export type ScheduledEntry = (typeof SCHEDULED_FUNCTIONS)[number];
export type SweepTaskEntry = (typeof SWEEP_TASK_FUNCTIONS)[number];

/** What wiring a trigger needs from the stateless stack. */
export interface TriggerContext {
  readonly stack: Stack;
  readonly stage: StageConfig;
  readonly core: CoreResources;
  readonly monitoring: Monitoring;
  readonly grants: CoreGrants;
}

/**
 * One handoff queue → its consumer, with partial batch responses. The queue's visibility timeout and
 * redrive policy are the stateful stack's (functions/adapters/sqs/queues.ts).
 */
export function wireQueue(context: TriggerContext, fn: ServiceFunction, entry: QueueEntry): void {
  const kind = entry.trigger.queue;
  const label = kind.toLowerCase().replace(/_/g, '-');
  const { queue, deadLetterQueue } = context.core.handoffQueues[kind];
  // On the `live` alias; in the function's scope under the id it always had, so the mapping is updated in
  // place (a replaced stream mapping would start again from TRIM_HORIZON).
  new EventSourceMapping(fn, `${pascal(label)}Queue`, {
    target: fn.live,
    eventSourceArn: queue.queueArn,
    batchSize: entry.trigger.batchSize,
    reportBatchItemFailures: true,
  });
  watchHandoffQueue(context.monitoring, `${label}-handoffs`, queue, deadLetterQueue);
}

/**
 * The reminder sweep's queue of shard tasks → its worker, one task an invocation, at most
 * `maximumConcurrency` at once (the event source's own limit, not the function's reserved concurrency, so
 * the rest of the account is untouched), with partial batch responses. A dead-lettered task alarms.
 */
export function wireSweepTasks(context: TriggerContext, fn: ServiceFunction, entry: SweepTaskEntry): void {
  const { queue, deadLetterQueue } = context.core.sweepTasks;
  new EventSourceMapping(fn, 'SweepTasks', {
    target: fn.live,
    eventSourceArn: queue.queueArn,
    batchSize: entry.trigger.batchSize,
    maxConcurrency: entry.trigger.maximumConcurrency,
    reportBatchItemFailures: true,
  });
  const alarm = new cloudwatch.Alarm(context.stack, 'SweepTasksDeadLettersAlarm', {
    alarmName: resourceName(context.stage, 'sweep-shards-dead-letters'),
    alarmDescription:
      'A shard of the reminder sweep failed five times: its clocks wait in the due index, and every plan sends their shard again; the sweep-shard log names the date and shard.',
    metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({
      period: Duration.minutes(5),
      statistic: 'Maximum',
    }),
    threshold: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(new actions.SnsAction(context.monitoring.topic));
  context.monitoring.alarms.push(alarm);
}

/**
 * The cases table's stream → the function, filtered. One batch per shard in flight (ParallelizationFactor 1)
 * keeps a case's records in order; partial batch responses resume a shard at its first failed record.
 *
 * A record that keeps failing is bounded (HANDOFF_RELAY.bounds): its batch is bisected on each error, so a
 * bad record is isolated from its neighbours; after `retryAttempts` retries, or once `maxRecordAgeSeconds`
 * old, Lambda drops it and writes what it dropped (shard, sequence numbers) to an encrypted on-failure
 * queue, whose depth alarms. Dropping loses nothing: the record only announces a handoff that stays PENDING
 * in the table, and the sweeper (HANDOFF_SWEEPER, domain/handoffs/redispatch.ts) dispatches again any
 * handoff PENDING for `staleAfterMinutes` with no attempt since — the same path as a record the stream lost.
 * Unbounded, one bad record would hold back every later handoff on its shard for the stream's 24 hours.
 */
export function wireStream(context: TriggerContext, fn: ServiceFunction, entry: StreamEntry): void {
  const streamArn = context.core.casesTable.tableStreamArn;
  if (!streamArn) throw new Error('the cases table has no stream');
  const { bounds } = entry.trigger;
  const failures = new sqs.Queue(context.stack, `${entry.id}Failures`, {
    queueName: resourceName(context.stage, `${entry.name}-failures`),
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: context.core.key,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    removalPolicy: context.stage.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  Validations.of(failures).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      "The relay's on-failure destination is itself the last stop: it holds descriptions of dropped stream records (no case data), read by an operator when its depth alarm fires.",
  });
  context.grants.sendToQueue(fn, failures);
  new EventSourceMapping(fn, 'CaseStream', {
    target: fn.live,
    eventSourceArn: streamArn,
    startingPosition: StartingPosition.TRIM_HORIZON,
    batchSize: entry.trigger.batchSize,
    parallelizationFactor: 1,
    bisectBatchOnError: true,
    retryAttempts: bounds.retryAttempts,
    maxRecordAge: Duration.seconds(bounds.maxRecordAgeSeconds),
    // The destination's grant is the one above (KMS only via SQS), not the wider one SqsDlq would add.
    onFailure: { bind: () => ({ destination: failures.queueArn }) },
    reportBatchItemFailures: true,
    filters: [FilterCriteria.filter(entry.trigger.filter)],
  });
  watchStreamConsumer(context.monitoring, fn, entry.name);
  watchFailures(context, failures, entry.name);
}

/** Any record on the relay's on-failure queue is a handoff the sweeper will have to dispatch again. */
function watchFailures(context: TriggerContext, failures: sqs.Queue, label: string): void {
  const { monitoring } = context;
  const alarm = new cloudwatch.Alarm(context.stack, `${pascal(label)}FailuresAlarm`, {
    alarmName: resourceName(context.stage, `${label}-dropped-records`),
    alarmDescription: `${label} dropped stream records (too old or failing after every retry): their handoffs wait for the sweeper. The function log names the failing records; the queue ${failures.queueName} describes them.`,
    metric: failures.metricApproximateNumberOfMessagesVisible({
      period: Duration.minutes(5),
      statistic: 'Maximum',
    }),
    threshold: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(new actions.SnsAction(monitoring.topic));
  alarm.addOkAction(new actions.SnsAction(monitoring.topic));
  monitoring.alarms.push(alarm);
}

/** An EventBridge rule that runs the function at a fixed rate, retried twice if the invocation fails. */
export function wireSchedule(context: TriggerContext, fn: ServiceFunction, entry: ScheduledEntry): void {
  new events.Rule(context.stack, `${entry.id}Schedule`, {
    ruleName: resourceName(context.stage, entry.name),
    schedule: events.Schedule.rate(Duration.minutes(entry.trigger.everyMinutes)),
    targets: [new targets.LambdaFunction(fn.live, { retryAttempts: 2 })],
  });
}

const pascal = (kebab: string) =>
  kebab
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
