import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ShardQueue, ShardTask } from '../../../domain/reminders/ports.ts';

/**
 * The queue of shard tasks (functions/adapters/sqs/sweep-queue.ts): ten tasks a SendMessageBatch, every
 * batch checked entry by entry — a task SQS refused throws, so the planner's invocation fails and its
 * schedule retries it (a plan made twice sends tasks twice, which the shard sweeps absorb).
 */
export class SqsShardQueue implements ShardQueue {
  readonly #sqs: SQSClient;
  readonly #url: string;

  constructor(sqs: SQSClient, queueUrl: string) {
    this.#sqs = sqs;
    this.#url = queueUrl;
  }

  async send(tasks: readonly ShardTask[]): Promise<void> {
    const batches: ShardTask[][] = [];
    for (let i = 0; i < tasks.length; i += 10) batches.push(tasks.slice(i, i + 10));
    await Promise.all(
      batches.map(async (batch) => {
        const out = await this.#sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: this.#url,
            Entries: batch.map((task, n) => ({ Id: String(n), MessageBody: JSON.stringify(task) })),
          }),
        );
        if ((out.Failed ?? []).length > 0) {
          throw new Error(`the shard-task queue refused ${out.Failed?.length} task(s)`);
        }
      }),
    );
  }
}
