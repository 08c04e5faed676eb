/**
 * The queue of shard tasks of the reminder sweep, declared once for the CDK stack (and named by the
 * catalogue): a standard queue, since a task delivered twice is harmless (each reminder is one conditional
 * write, and the shard's checkpoint makes a repeat resume where the first got), with a dead-letter queue for
 * a task that keeps failing. Each message is one `{ date, shard, now }`; the planner (`sla-sweep`) sends a
 * day's tasks at once, the worker (`sweep-shard`) sweeps one shard per invocation.
 */
export const SWEEP_TASKS = {
  name: 'sweep-shards',
  deadLetter: 'sweep-shards-dlq',
  /** A shard sweep stops for time this long before its timeout and sends its task on (checkpointed). */
  workerTimeoutSeconds: 120,
  stopBeforeTimeoutMs: 20_000,
  /** 6 × the worker's timeout (AWS's advice for Lambda event sources): a crashed worker's task returns. */
  visibilityTimeoutSeconds: 720,
  /** A task failing five times (not stopping for time: that sends a new message) is parked. */
  maxReceiveCount: 5,
  /** One shard per invocation. */
  batchSize: 1,
  /**
   * Shard sweeps at once (the event source's maximumConcurrency), sized so the peak's writes stay within
   * the cases table's throughput (docs/performance.md, the national peak): 16 × 8 clocks in flight.
   */
  maximumConcurrency: 16,
} as const;
