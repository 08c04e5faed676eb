import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { lambdaContext } from '../lambda-context.ts';
import { type Poller, type StreamHandler, sleep } from './types.ts';

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
