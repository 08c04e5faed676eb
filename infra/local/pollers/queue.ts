import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { lambdaContext } from '../lambda-context.ts';
import { type Poller, type QueueHandler, sleep } from './types.ts';

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
