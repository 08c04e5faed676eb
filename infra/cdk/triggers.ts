import { Duration, type Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import type { QUEUE_FUNCTIONS, SCHEDULED_FUNCTIONS, STREAM_FUNCTIONS } from '../../functions/catalogue.ts';
import type { Monitoring } from './constructs/monitoring.ts';
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

/** What wiring a trigger needs from the stateless stack. */
export interface TriggerContext {
  readonly stack: Stack;
  readonly stage: StageConfig;
  readonly core: CoreResources;
  readonly monitoring: Monitoring;
}

/**
 * One handoff queue → its consumer, with partial batch responses. The queue's visibility timeout and
 * redrive policy are the stateful stack's (functions/adapters/sqs/queues.ts).
 */
export function wireQueue(context: TriggerContext, fn: lambda.Function, entry: QueueEntry): void {
  const kind = entry.trigger.queue;
  const label = kind.toLowerCase().replace(/_/g, '-');
  const { queue, deadLetterQueue } = context.core.handoffQueues[kind];
  fn.addEventSourceMapping(`${pascal(label)}Queue`, {
    eventSourceArn: queue.queueArn,
    batchSize: entry.trigger.batchSize,
    reportBatchItemFailures: true,
  });
  context.monitoring.watchHandoffQueue(`${label}-handoffs`, queue, deadLetterQueue);
}

/**
 * The cases table's stream → the function, filtered. One batch per shard in flight
 * (ParallelizationFactor 1) keeps a case's records in order, and a failed record is retried until it
 * succeeds (no bisecting, no skipping) rather than lost.
 */
export function wireStream(context: TriggerContext, fn: lambda.Function, entry: StreamEntry): void {
  const streamArn = context.core.casesTable.tableStreamArn;
  if (!streamArn) throw new Error('the cases table has no stream');
  fn.addEventSourceMapping('CaseStream', {
    eventSourceArn: streamArn,
    startingPosition: StartingPosition.TRIM_HORIZON,
    batchSize: entry.trigger.batchSize,
    parallelizationFactor: 1,
    bisectBatchOnError: false,
    reportBatchItemFailures: true,
    filters: [FilterCriteria.filter(entry.trigger.filter)],
  });
  context.monitoring.watchStreamConsumer(fn, entry.name);
}

/** An EventBridge rule that runs the function at a fixed rate, retried twice if the invocation fails. */
export function wireSchedule(context: TriggerContext, fn: lambda.Function, entry: ScheduledEntry): void {
  new events.Rule(context.stack, `${entry.id}Schedule`, {
    ruleName: resourceName(context.stage, entry.name),
    schedule: events.Schedule.rate(Duration.minutes(entry.trigger.everyMinutes)),
    targets: [new targets.LambdaFunction(fn, { retryAttempts: 2 })],
  });
}

const pascal = (kebab: string) =>
  kebab
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
