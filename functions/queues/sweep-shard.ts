import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { sweepShard } from '../../domain/reminders/sweep-shard.ts';
import { DUE_SHARDS_READ } from '../adapters/dynamodb/table-design.ts';
import { SWEEP_TASKS } from '../adapters/sqs/sweep-queue.ts';
import { backgroundHandler } from '../shared/background.ts';
import { logger, metrics } from '../shared/observability.ts';
import { shardQueue, sweepDeps } from '../shared/sweep.ts';

const queue = shardQueue();

/** One task as the planner sent it; anything else is dropped with a log line (it would fail forever). */
const Task = z.object({
  date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  shard: z.number().check(z.int(), z.gte(0), z.lt(DUE_SHARDS_READ)),
  now: z.iso.datetime(),
});

/**
 * The queue of shard tasks → one shard's sweep (domain/reminders/sweep-shard.ts) as of its plan's instant:
 * each due clock raised with one conditional write, so a task delivered twice, or swept while a crashed
 * sweep's retry is on it, raises nothing twice. It resumes from the shard's checkpoint; near its timeout it
 * stops between pages and sends its task on (the next invocation resumes there). A sweep that throws is a
 * batch item failure: SQS delivers the task again after the visibility timeout, up to maxReceiveCount.
 */
export const handler = backgroundHandler(
  async (event: SQSEvent, context: { getRemainingTimeInMillis(): number }): Promise<SQSBatchResponse> => {
    const failures: { itemIdentifier: string }[] = [];
    for (const record of event.Records) {
      const parsed = Task.safeParse(safeJson(record.body));
      if (!parsed.success) {
        logger.error('sweep-shard: a task that is not one, dropped', { messageId: record.messageId });
        continue;
      }
      const task = parsed.data;
      try {
        const deps = await sweepDeps(task.now);
        const result = await sweepShard(
          deps,
          task,
          () => context.getRemainingTimeInMillis() < SWEEP_TASKS.stopBeforeTimeoutMs,
        );
        if (!result.done) await queue?.send([task]);
        metrics.addMetric('RemindersRaised', MetricUnit.Count, result.raised.length);
        metrics.addMetric('ClocksExpired', MetricUnit.Count, result.expired.length);
        metrics.addMetric(
          'ReminderSweepFailures',
          MetricUnit.Count,
          result.failures + result.publishFailures,
        );
        logger.info('reminder sweep of a shard', {
          date: task.date,
          shard: task.shard,
          now: task.now,
          read: result.read,
          raised: result.raised.length,
          expired: result.expired.length,
          passed: result.passed,
          failures: result.failures,
          publishFailures: result.publishFailures,
          done: result.done,
        });
      } catch (error) {
        logger.error('sweep-shard: the shard sweep failed; SQS delivers its task again', {
          date: task.date,
          shard: task.shard,
          error: error instanceof Error ? error.name : 'unknown',
        });
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures: failures };
  },
);

function safeJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}
