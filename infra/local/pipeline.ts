import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSRecord } from 'aws-lambda';
import type { QueueUrls } from '../../functions/adapters/sqs/handoff-queues.ts';
import {
  HANDOFF_QUEUE_KINDS,
  HANDOFF_QUEUES,
  type HandoffQueueKind,
} from '../../functions/adapters/sqs/queues.ts';
import {
  HANDOFF_RELAY,
  QUEUE_FUNCTIONS,
  SCHEDULED_FUNCTIONS,
  STREAM_FUNCTIONS,
  SWEEP_TASK_FUNCTIONS,
} from '../../functions/catalogue.ts';
import { pollQueue } from './pollers/queue.ts';
import { pollSchedule } from './pollers/schedule.ts';
import { pollStream } from './pollers/stream.ts';
import type { Poller, QueueHandler, ScheduledHandler, StreamHandler } from './pollers/types.ts';

/**
 * Any Lambda handler, whatever its event: the catalogue says which event each function gets, and the
 * poller for its trigger calls it with that event.
 */
export type PipelineHandler = (event: never, context: Context) => Promise<unknown>;

/**
 * The handlers of the pipeline's functions, by catalogue name (`handoff-relay`, `queue-court`, …). Every
 * stream and queue function needs one; a scheduled function without one is not run, so a test can leave
 * the sweeper out.
 */
export type PipelineHandlers = Readonly<Record<string, PipelineHandler>>;

/** Local timings, per trigger kind: AWS's would make a failed handoff wait minutes for its retry. */
export interface PipelineTiming {
  /** The time each stream function's invocation is given. */
  readonly relayTimeoutMs: number;
  /** The time each queue function's invocation is given. */
  readonly consumerTimeoutMs: number;
  /** Batches in flight per queue. */
  readonly concurrency: number;
  /** How often every scheduled function runs (AWS: every `everyMinutes` of its catalogue entry). */
  readonly sweepEveryMs: number;
  /** Run every scheduled function once before the pipeline counts as started (see pollSchedule). */
  readonly schedulesAtStart?: boolean;
}

export const LOCAL_PIPELINE_TIMING: PipelineTiming = {
  relayTimeoutMs: HANDOFF_RELAY.timeoutSeconds * 1000,
  consumerTimeoutMs: 8000,
  concurrency: 8,
  sweepEveryMs: 60_000,
  schedulesAtStart: true,
};

/** The catalogue's functions the pipeline polls: every one with a stream, queue or schedule trigger. */
export const POLLED_FUNCTIONS = [
  ...STREAM_FUNCTIONS,
  ...QUEUE_FUNCTIONS,
  ...SCHEDULED_FUNCTIONS,
  ...SWEEP_TASK_FUNCTIONS,
] as const;

/** One poller to start: the catalogue entry and the handler it calls. */
export type PlannedPoller =
  | {
      readonly kind: 'stream';
      readonly entry: (typeof STREAM_FUNCTIONS)[number];
      readonly handler: StreamHandler;
    }
  | {
      readonly kind: 'queue';
      readonly entry: (typeof QUEUE_FUNCTIONS)[number];
      readonly handler: QueueHandler;
    }
  | {
      readonly kind: 'schedule';
      readonly entry: (typeof SCHEDULED_FUNCTIONS)[number];
      readonly handler: ScheduledHandler;
    }
  | {
      readonly kind: 'sweepTasks';
      readonly entry: (typeof SWEEP_TASK_FUNCTIONS)[number];
      readonly handler: QueueHandler;
    };

/**
 * The pollers `startPipeline` starts, one per stream, queue and scheduled function of the catalogue —
 * Lambda's event source mappings and EventBridge rules, as the CDK stack deploys them. A stream or
 * queue function without a handler is an error: its records would pile up unseen.
 */
export function planPollers(handlers: PipelineHandlers): PlannedPoller[] {
  const required = (name: string) => {
    const handler = handlers[name];
    if (!handler) throw new Error(`no handler for ${name}, which the local pipeline must poll`);
    return handler;
  };
  return [
    ...STREAM_FUNCTIONS.map((entry) => ({
      kind: 'stream' as const,
      entry,
      handler: required(entry.name) as StreamHandler,
    })),
    ...QUEUE_FUNCTIONS.map((entry) => ({
      kind: 'queue' as const,
      entry,
      handler: required(entry.name) as QueueHandler,
    })),
    ...SCHEDULED_FUNCTIONS.flatMap((entry) => {
      const handler = handlers[entry.name];
      return handler ? [{ kind: 'schedule' as const, entry, handler: handler as ScheduledHandler }] : [];
    }),
    // Like the schedules it serves: left out when given no handler (the sweep's planner sends it no task).
    ...SWEEP_TASK_FUNCTIONS.flatMap((entry) => {
      const handler = handlers[entry.name];
      return handler ? [{ kind: 'sweepTasks' as const, entry, handler: handler as QueueHandler }] : [];
    }),
  ];
}

/** The queue URLs by destination kind, from the emulator's queue list. */
export function handoffQueueUrls(
  byName: Readonly<Record<string, string>>,
): Record<HandoffQueueKind, QueueUrls> {
  return Object.fromEntries(
    HANDOFF_QUEUE_KINDS.map((kind) => {
      const design = HANDOFF_QUEUES[kind];
      return [kind, { queueUrl: byName[design.name] ?? '', deadLetterUrl: byName[design.deadLetter] ?? '' }];
    }),
  ) as Record<HandoffQueueKind, QueueUrls>;
}

/**
 * The handler of every polled function, from the module Lambda runs; import only after the environment
 * is set, since composition roots read it at import.
 */
export async function loadPipelineHandlers(root: string): Promise<PipelineHandlers> {
  const handlers: Record<string, PipelineHandler> = {};
  for (const entry of POLLED_FUNCTIONS) {
    const mod = (await import(pathToFileURL(resolve(root, entry.entry)).href)) as { handler?: unknown };
    if (typeof mod.handler !== 'function') throw new Error(`${entry.entry} exports no handler`);
    handlers[entry.name] = mod.handler as PipelineHandler;
  }
  return handlers;
}

export interface PipelineOptions {
  readonly dynamodb: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  readonly sqs: SQSClient;
  readonly tableName: string;
  readonly queueUrls: Readonly<Record<HandoffQueueKind, QueueUrls>>;
  readonly handlers: PipelineHandlers;
  readonly timing: PipelineTiming;
  readonly region: string;
  readonly onBatchError?: (error: unknown) => void;
  /** The queue of the reminder sweep's shard tasks (needed when its worker has a handler). */
  readonly sweepTasksUrl?: string;
  /** Fault injection for tests: leave an accepted message on its queue (see pollQueue). */
  readonly redeliver?: (record: SQSRecord) => boolean;
}

/** Starts every planned poller (see `planPollers`); stopping the result stops them all. */
export async function startPipeline(options: PipelineOptions): Promise<Poller> {
  const plan = planPollers(options.handlers);
  const onBatchError = options.onBatchError ? { onBatchError: options.onBatchError } : {};
  const pollers: Poller[] = [];
  const firstRuns: Promise<void>[] = [];
  try {
    for (const planned of plan) {
      const { name } = planned.entry;
      const common = { functionName: `local-${name}`, region: options.region };
      switch (planned.kind) {
        case 'stream':
          pollers.push(
            await pollStream({
              ...common,
              ...onBatchError,
              dynamodb: options.dynamodb,
              streams: options.streams,
              tableName: options.tableName,
              handler: planned.handler,
              batchSize: planned.entry.trigger.batchSize,
              timeoutMs: options.timing.relayTimeoutMs,
            }),
          );
          break;
        case 'queue':
          pollers.push(
            await pollQueue({
              ...common,
              ...onBatchError,
              ...(options.redeliver ? { redeliver: options.redeliver } : {}),
              sqs: options.sqs,
              queueUrl: options.queueUrls[planned.entry.trigger.queue].queueUrl,
              handler: planned.handler,
              batchSize: planned.entry.trigger.batchSize,
              timeoutMs: options.timing.consumerTimeoutMs,
              concurrency: options.timing.concurrency,
            }),
          );
          break;
        case 'sweepTasks':
          if (!options.sweepTasksUrl) throw new Error(`no queue of shard tasks for ${name} to poll`);
          pollers.push(
            await pollQueue({
              ...common,
              ...onBatchError,
              sqs: options.sqs,
              queueUrl: options.sweepTasksUrl,
              handler: planned.handler,
              batchSize: planned.entry.trigger.batchSize,
              timeoutMs: planned.entry.timeoutSeconds * 1000,
              concurrency: Math.min(planned.entry.trigger.maximumConcurrency, options.timing.concurrency),
            }),
          );
          break;
        case 'schedule': {
          const poller = pollSchedule({
            ...common,
            ...(options.onBatchError ? { onError: options.onBatchError } : {}),
            handler: planned.handler,
            everyMs: options.timing.sweepEveryMs,
            timeoutMs: planned.entry.timeoutSeconds * 1000,
            runAtStart: options.timing.schedulesAtStart ?? false,
          });
          pollers.push(poller);
          firstRuns.push(poller.firstRun);
          break;
        }
      }
    }
    await Promise.all(firstRuns);
  } catch (error) {
    await Promise.allSettled(pollers.map((p) => p.stop()));
    throw error;
  }
  return {
    async stop() {
      await Promise.allSettled(pollers.map((p) => p.stop()));
    },
  };
}
