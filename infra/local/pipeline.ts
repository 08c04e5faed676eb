import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type {
  Context,
  DynamoDBBatchResponse,
  DynamoDBStreamEvent,
  SQSBatchResponse,
  SQSEvent,
  SQSRecord,
} from 'aws-lambda';
import type { QueueUrls } from '../../functions/adapters/sqs/handoff-queues.ts';
import {
  consumerModule,
  HANDOFF_QUEUE_KINDS,
  HANDOFF_QUEUES,
  HANDOFF_RELAY,
  HANDOFF_SWEEPER,
  type HandoffQueueKind,
} from '../../functions/adapters/sqs/queues.ts';
import { type Poller, pollQueue, pollSchedule, pollStream } from './pollers.ts';

export type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;
export type QueueHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export interface PipelineHandlers {
  readonly relay: StreamHandler;
  readonly consumers: Readonly<Record<HandoffQueueKind, QueueHandler>>;
  /** The stale-handoff sweeper, on a timer in place of its EventBridge schedule. */
  readonly sweeper?: (event: unknown, context: Context) => Promise<unknown>;
}

/** Local timings: AWS's would make a failed handoff wait minutes for its retry. */
export interface PipelineTiming {
  readonly relayTimeoutMs: number;
  readonly consumerTimeoutMs: number;
  /** Batches in flight per queue. */
  readonly concurrency: number;
  /** How often the sweeper runs (AWS: every HANDOFF_SWEEPER.everyMinutes). */
  readonly sweepEveryMs: number;
}

export const LOCAL_PIPELINE_TIMING: PipelineTiming = {
  relayTimeoutMs: HANDOFF_RELAY.timeoutSeconds * 1000,
  consumerTimeoutMs: 8000,
  concurrency: 8,
  sweepEveryMs: 60_000,
};

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

/** The handler modules Lambda runs for the pipeline, imported after the environment is set. */
export async function loadPipelineHandlers(root: string): Promise<PipelineHandlers> {
  const load = async (path: string) =>
    ((await import(pathToFileURL(resolve(root, path)).href)) as { handler: unknown }).handler;
  const consumers: Partial<Record<HandoffQueueKind, QueueHandler>> = {};
  for (const kind of HANDOFF_QUEUE_KINDS) {
    consumers[kind] = (await load(consumerModule(HANDOFF_QUEUES[kind]))) as QueueHandler;
  }
  return {
    relay: (await load(HANDOFF_RELAY.module)) as StreamHandler,
    consumers: consumers as Record<HandoffQueueKind, QueueHandler>,
    sweeper: (await load(HANDOFF_SWEEPER.module)) as NonNullable<PipelineHandlers['sweeper']>,
  };
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
  /** Fault injection for tests: leave an accepted message on its queue (see pollQueue). */
  readonly redeliver?: (record: SQSRecord) => boolean;
}

/** The event source mappings of the pipeline: the stream → relay, each queue → its consumer. */
export async function startPipeline(options: PipelineOptions): Promise<Poller> {
  const pollers: Poller[] = [];
  try {
    pollers.push(
      await pollStream({
        dynamodb: options.dynamodb,
        streams: options.streams,
        tableName: options.tableName,
        handler: options.handlers.relay,
        functionName: 'local-handoff-relay',
        batchSize: HANDOFF_RELAY.batchSize,
        timeoutMs: options.timing.relayTimeoutMs,
        region: options.region,
        ...(options.onBatchError ? { onBatchError: options.onBatchError } : {}),
      }),
    );
    for (const kind of HANDOFF_QUEUE_KINDS) {
      const design = HANDOFF_QUEUES[kind];
      pollers.push(
        await pollQueue({
          sqs: options.sqs,
          queueUrl: options.queueUrls[kind].queueUrl,
          handler: options.handlers.consumers[kind],
          functionName: `local-${design.consumer}`,
          batchSize: design.batchSize,
          timeoutMs: options.timing.consumerTimeoutMs,
          region: options.region,
          concurrency: options.timing.concurrency,
          ...(options.onBatchError ? { onBatchError: options.onBatchError } : {}),
          ...(options.redeliver ? { redeliver: options.redeliver } : {}),
        }),
      );
    }
    if (options.handlers.sweeper) {
      pollers.push(
        pollSchedule({
          handler: options.handlers.sweeper,
          functionName: 'local-handoff-sweeper',
          everyMs: options.timing.sweepEveryMs,
          timeoutMs: HANDOFF_SWEEPER.timeoutSeconds * 1000,
          region: options.region,
          ...(options.onBatchError ? { onError: options.onBatchError } : {}),
        }),
      );
    }
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
