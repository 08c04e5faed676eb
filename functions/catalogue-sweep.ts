import { SWEEP_TASKS } from './adapters/sqs/sweep-queue.ts';
import type { FunctionEntry } from './catalogue-types.ts';

/**
 * The reminder sweep, fanned out (issue: the national peak): every 15 minutes the planner finds the date
 * partitions and shards holding clocks now due and sends one task per shard to a queue; the worker sweeps
 * one shard per invocation, up to `maximumConcurrency` at once, each from its own checkpoint. A reminder
 * is at most 15 minutes late, plus the queue's wait on a peak day (docs/performance.md).
 */
export const SLA_SWEEP = { everyMinutes: 15, timeoutSeconds: 300 } as const;

export const SWEEP_FUNCTIONS: readonly FunctionEntry[] = [
  {
    name: 'sla-sweep',
    id: 'SlaSweep',
    entry: 'functions/schedules/sla-sweep.ts',
    description: `Every ${SLA_SWEEP.everyMinutes} min: plan the reminder sweep (one task per shard with clocks now due), republish the outbox`,
    trigger: { kind: 'schedule', everyMinutes: SLA_SWEEP.everyMinutes },
    timeoutSeconds: SLA_SWEEP.timeoutSeconds,
    access: { cases: 'write', publishReminders: true, publishWarnings: true, sweepTasks: 'send' },
  },
  {
    name: 'sweep-shard',
    id: 'SweepShard',
    entry: 'functions/queues/sweep-shard.ts',
    description: `${SWEEP_TASKS.name} → raise the reminders of one shard's due clocks, expire overdue clocks`,
    trigger: {
      kind: 'sweepTasks',
      batchSize: SWEEP_TASKS.batchSize,
      maximumConcurrency: SWEEP_TASKS.maximumConcurrency,
    },
    timeoutSeconds: SWEEP_TASKS.workerTimeoutSeconds,
    access: { cases: 'write', publishReminders: true, sweepTasks: 'consume' },
  },
];
