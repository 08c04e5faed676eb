import { SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod/mini';
import { expireClock } from '../../domain/clocks/expire-clock.ts';
import type { SweepDeps } from '../../domain/reminders/ports.ts';
import { SqsShardQueue } from '../adapters/sqs/sweep-tasks.ts';
import { parseEnvironment } from './env.ts';
import { logger } from './observability.ts';
import { reminderPublisher, reminderStore } from './reminders.ts';
import { withoutSdkLogging } from './sdk.ts';
import { repositories } from './store.ts';
import { useCaseDeps } from './use-case-deps.ts';

/**
 * Composition root of the fanned-out sweep (the planner `sla-sweep` and the worker `sweep-shard`): the
 * reminder store and publisher, the expiry of a clock on its case, and the queue of shard tasks
 * (`SWEEP_TASKS_QUEUE_URL`; `SQS_ENDPOINT` for the emulator only), read once at cold start.
 */
const repos = repositories();
const reminders = reminderStore();
const publisher = reminderPublisher();

const QueueEnvironment = z.object({
  AWS_REGION: z._default(z.string().check(z.minLength(1)), 'us-east-1'),
  SWEEP_TASKS_QUEUE_URL: z.optional(z.url()),
  SQS_ENDPOINT: z.optional(z.url()),
});

/** The queue of shard tasks; null where none is configured (the local stack sweeps in one process). */
export function shardQueue(env: Record<string, string | undefined> = process.env): SqsShardQueue | null {
  const parsed = parseEnvironment(QueueEnvironment, env, 'sweep tasks');
  if (!parsed.SWEEP_TASKS_QUEUE_URL) return null;
  const sqs = withoutSdkLogging(
    new SQSClient({
      region: parsed.AWS_REGION,
      ...(parsed.SQS_ENDPOINT ? { endpoint: parsed.SQS_ENDPOINT } : {}),
    }),
  );
  return new SqsShardQueue(sqs, parsed.SWEEP_TASKS_QUEUE_URL);
}

/**
 * The sweep's deps as of `at`: every part counts from it, the expiry's "is it past its last day" included
 * (the clock starts at `at` and runs on with the function's own, which the local stack may have moved).
 */
export async function sweepDeps(at: string | null): Promise<SweepDeps> {
  const base = await useCaseDeps(repos);
  const started = base.clock.now();
  const clock =
    at === null || at === started
      ? base.clock
      : {
          now: () =>
            new Date(Date.parse(at) + Date.parse(base.clock.now()) - Date.parse(started)).toISOString(),
        };
  const deps = { ...base, clock };
  return {
    reminders,
    publisher,
    clock,
    expireClock: (caseId, clockId) => expireClock(deps, caseId, clockId),
    onError: (error, subject) =>
      logger.error('reminder sweep: a clock or publish failed; the next sweep retries it', {
        caseId: subject.caseId,
        clockId: subject.clockId,
        error: error instanceof Error ? error.name : 'unknown',
      }),
  };
}
