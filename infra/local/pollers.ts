import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type {
  Context,
  DynamoDBBatchResponse,
  DynamoDBStreamEvent,
  SQSBatchResponse,
  SQSEvent,
  SQSRecord,
} from 'aws-lambda';
import { lambdaContext } from './lambda-context.ts';

/**
 * Local stand-ins for Lambda's event source mappings, so `npm start` and the tests run the pipeline
 * with the handlers Lambda runs: batches of the configured size, partial batch responses, retries from
 * the failed record (streams) or after the visibility timeout (SQS), and SQS's own dead-letter redrive.
 */

export interface Poller {
  /** Stops polling and waits for the batches in flight. */
  stop(): Promise<void>;
}

type StreamHandler = (
  event: DynamoDBStreamEvent,
  context: Context,
) => Promise<DynamoDBBatchResponse | undefined>;
type QueueHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface StreamPollerOptions {
  readonly dynamodb: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  readonly tableName: string;
  readonly handler: StreamHandler;
  readonly functionName: string;
  readonly batchSize: number;
  readonly timeoutMs: number;
  readonly region: string;
  /** Idle wait between empty reads; Lambda polls a shard about four times a second. */
  readonly idleMs?: number;
  /** Told of every failed or crashed batch (the poller retries it). */
  readonly onBatchError?: (error: unknown) => void;
}

/**
 * Reads every shard of the table's stream from its start, parents before children, hands batches to
 * the handler and moves on only past records the handler accepted. A thrown error retries the whole
 * batch; `batchItemFailures` retries from the lowest failed sequence number, as Lambda does.
 */
export async function pollStream(options: StreamPollerOptions): Promise<Poller> {
  const table = await options.dynamodb.send(new DescribeTableCommand({ TableName: options.tableName }));
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${options.tableName} has no stream`);
  const idleMs = options.idleMs ?? 100;
  let stopping = false;
  const started = new Set<string>();
  const finished = new Set<string>();
  const running = new Set<Promise<void>>();

  const readShard = async (shardId: string) => {
    let iterator = (
      await options.streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      )
    ).ShardIterator;
    let failures = 0;
    while (!stopping && iterator) {
      const out = await options.streams.send(
        new GetRecordsCommand({ ShardIterator: iterator, Limit: options.batchSize }),
      );
      const records = out.Records ?? [];
      if (records.length === 0) {
        iterator = out.NextShardIterator;
        await sleep(idleMs);
        continue;
      }
      let resumeAt: string | undefined;
      try {
        const response = await options.handler(
          streamEvent(records, streamArn, options.region),
          lambdaContext(options.functionName, options.timeoutMs, options.region),
        );
        const failed = (response?.batchItemFailures ?? []).map((f) => f.itemIdentifier);
        if (failed.length > 0) {
          resumeAt = failed.sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))[0];
        }
      } catch (error) {
        options.onBatchError?.(error);
        resumeAt = records[0]?.dynamodb?.SequenceNumber;
      }
      if (resumeAt === undefined) {
        failures = 0;
        iterator = out.NextShardIterator;
        continue;
      }
      failures++;
      await sleep(Math.min(2000, 50 * 2 ** Math.min(failures, 6)));
      iterator = (
        await options.streams.send(
          new GetShardIteratorCommand({
            StreamArn: streamArn,
            ShardId: shardId,
            ShardIteratorType: 'AT_SEQUENCE_NUMBER',
            SequenceNumber: resumeAt,
          }),
        )
      ).ShardIterator;
    }
    if (!iterator) finished.add(shardId);
  };

  const discover = async () => {
    while (!stopping) {
      const description = await options.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
      for (const shard of description.StreamDescription?.Shards ?? []) {
        const id = shard.ShardId;
        if (!id || started.has(id)) continue;
        const parent = shard.ParentShardId;
        const parentKnown = (description.StreamDescription?.Shards ?? []).some((s) => s.ShardId === parent);
        if (parent && parentKnown && !finished.has(parent)) continue;
        started.add(id);
        const run = readShard(id)
          .catch((error: unknown) => {
            if (!stopping) options.onBatchError?.(error);
            started.delete(id);
          })
          .finally(() => running.delete(run));
        running.add(run);
      }
      await sleep(1000);
    }
  };
  const discovery = discover().catch((error: unknown) => options.onBatchError?.(error));

  return {
    async stop() {
      stopping = true;
      await discovery;
      await Promise.allSettled([...running]);
    },
  };
}

function streamEvent(
  records: readonly StreamRecord[],
  streamArn: string,
  region: string,
): DynamoDBStreamEvent {
  return {
    Records: records.map((r) => ({
      eventID: r.eventID,
      eventName: r.eventName,
      eventVersion: r.eventVersion ?? '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: region,
      eventSourceARN: streamArn,
      dynamodb: {
        ...r.dynamodb,
        ApproximateCreationDateTime: r.dynamodb?.ApproximateCreationDateTime
          ? Math.floor(r.dynamodb.ApproximateCreationDateTime.getTime() / 1000)
          : undefined,
      },
    })) as DynamoDBStreamEvent['Records'],
  };
}

export interface QueuePollerOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly handler: QueueHandler;
  readonly functionName: string;
  readonly batchSize: number;
  readonly timeoutMs: number;
  readonly region: string;
  /** Batches in flight at once, as Lambda scales out over message groups. */
  readonly concurrency: number;
  readonly onBatchError?: (error: unknown) => void;
  /**
   * Fault injection for tests: a message this returns true for is left on the queue even though the
   * handler accepted it, so SQS delivers it again after the visibility timeout (at-least-once delivery).
   */
  readonly redeliver?: (record: SQSRecord) => boolean;
}

/**
 * Long-polls a queue, hands each batch to the handler and deletes what it accepted; the rest (a thrown
 * error fails the batch) becomes visible again after the visibility timeout, and SQS moves a message
 * to the dead-letter queue once its receives exceed the redrive policy's maxReceiveCount.
 */
export async function pollQueue(options: QueuePollerOptions): Promise<Poller> {
  const attributes = await options.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: options.queueUrl, AttributeNames: ['QueueArn'] }),
  );
  const queueArn = attributes.Attributes?.QueueArn ?? options.queueUrl;
  let stopping = false;

  const worker = async () => {
    while (!stopping) {
      let messages: Message[];
      try {
        const out = await options.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: options.queueUrl,
            MaxNumberOfMessages: options.batchSize,
            WaitTimeSeconds: 1,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
        );
        messages = out.Messages ?? [];
      } catch (error) {
        if (!stopping) options.onBatchError?.(error);
        await sleep(200);
        continue;
      }
      if (messages.length === 0) continue;
      const records = messages.map((m) => sqsRecord(m, queueArn, options.region));
      let failed: Set<string>;
      try {
        const response = await options.handler(
          { Records: records },
          lambdaContext(options.functionName, options.timeoutMs, options.region),
        );
        failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      } catch (error) {
        options.onBatchError?.(error);
        continue;
      }
      const done = records.filter((r) => !failed.has(r.messageId) && !options.redeliver?.(r));
      for (let i = 0; i < done.length; i += 10) {
        await options.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: options.queueUrl,
            Entries: done.slice(i, i + 10).map((r, n) => ({ Id: String(n), ReceiptHandle: r.receiptHandle })),
          }),
        );
      }
    }
  };
  const workers = Array.from({ length: options.concurrency }, () => worker());
  return {
    async stop() {
      stopping = true;
      await Promise.allSettled(workers);
    },
  };
}

function sqsRecord(m: Message, queueArn: string, region: string): SQSRecord {
  const a = m.Attributes ?? {};
  return {
    messageId: m.MessageId ?? '',
    receiptHandle: m.ReceiptHandle ?? '',
    body: m.Body ?? '',
    attributes: {
      ApproximateReceiveCount: a.ApproximateReceiveCount ?? '1',
      SentTimestamp: a.SentTimestamp ?? String(Date.now()),
      SenderId: a.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: a.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
      ...(a.MessageGroupId ? { MessageGroupId: a.MessageGroupId } : {}),
      ...(a.MessageDeduplicationId ? { MessageDeduplicationId: a.MessageDeduplicationId } : {}),
      ...(a.SequenceNumber ? { SequenceNumber: a.SequenceNumber } : {}),
    },
    messageAttributes: {},
    md5OfBody: m.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

export interface SchedulePollerOptions {
  readonly handler: (event: unknown, context: Context) => Promise<unknown>;
  readonly functionName: string;
  readonly everyMs: number;
  readonly timeoutMs: number;
  readonly region: string;
  readonly onError?: (error: unknown) => void;
}

/** An EventBridge schedule: the handler every `everyMs`, one run at a time, with a scheduled event. */
export function pollSchedule(options: SchedulePollerOptions): Poller {
  let stopping = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopping) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, options.everyMs);
      });
      if (stopping) break;
      try {
        await options.handler(
          {
            version: '0',
            'detail-type': 'Scheduled Event',
            source: 'aws.events',
            time: new Date().toISOString(),
          },
          lambdaContext(options.functionName, options.timeoutMs, options.region),
        );
      } catch (error) {
        options.onError?.(error);
      }
    }
  })();
  return {
    async stop() {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}
