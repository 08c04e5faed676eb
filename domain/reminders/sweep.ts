import { shanghaiDate } from '../clocks/legal-time.ts';
import type { Reminder } from './model.ts';
import type { SweepDeps } from './ports.ts';
import { moveCheckpoint, planSweep, republish } from './sweep-plan.ts';
import { inPool, type ShardResult, sweepShard } from './sweep-shard.ts';

export { SWEEP_LIMITS, type SweepPlan } from './sweep-plan.ts';

export interface SweepResult {
  readonly now: string;
  /** The Shanghai dates whose due partitions were read. */
  readonly dates: readonly string[];
  /** The shards swept (one task each), as `<date>#<shard>`. */
  readonly shards: readonly string[];
  /** Clocks read from the due index. */
  readonly read: number;
  readonly raised: readonly Reminder[];
  /** `<caseId>~<clockId>` (URL-safe, like a reminder id) of the clocks whose expiry was recorded. */
  readonly expired: readonly string[];
  /** Clocks another sweep, or a change of the case, got to first: left as they are. */
  readonly passed: number;
  readonly published: number;
  readonly publishFailures: number;
  /** Clocks whose write or expiry failed: left in the index for the next sweep. */
  readonly failures: number;
  /**
   * Whether this sweep read every day from its checkpoint to today. False when a backlog longer than
   * `maxBacklogDates` was cut short: the next sweep goes on from where this one stopped.
   */
  readonly caughtUp: boolean;
}

/** Shard sweeps run side by side by one `sweep` (the local plan, tests); in AWS, maximumConcurrency. */
export const INLINE_SHARDS = 4;

/**
 * The whole plan in one process, as of `now`: plans (sweep-plan.ts), sweeps every shard task
 * (sweep-shard.ts, `INLINE_SHARDS` at a time) — what `npm run sla` and the tests run, and what the
 * fanned-out functions do between them in AWS — then moves the checkpoint past the dates it drained and
 * publishes the outbox. Overlapping, retried or interrupted sweeps raise every reminder exactly once.
 */
export async function sweep(deps: SweepDeps, now: string): Promise<SweepResult> {
  const plan = await planSweep(deps, now);
  const results: ShardResult[] = [];
  const errors: unknown[] = [];
  await inPool(plan.tasks, INLINE_SHARDS, async (task) => {
    // A shard sweep that throws (its store gone) is retried whole by the next: the first error is the news.
    results.push(await sweepShard(deps, task).catch((error: unknown) => Promise.reject(errors.push(error))));
  });
  if (errors.length > 0) throw errors[0];
  return afterShards(deps, plan, results);
}

/** Sums the shards' results, moves the checkpoint past the dates they drained and republishes. */
export async function afterShards(
  deps: SweepDeps,
  plan: { now: string; dates: readonly string[]; caughtUp: boolean },
  results: readonly ShardResult[],
): Promise<SweepResult> {
  const sum = (f: (r: ShardResult) => number) => results.reduce((n, r) => n + f(r), 0);
  const drained = plan.dates.map((date) =>
    results.every((r) => r.task.date !== date || (r.failures === 0 && r.done)),
  );
  const stored = await deps.reminders.checkpoint();
  await moveCheckpoint(deps, stored, plan.dates[0] as string, plan.dates, drained, shanghaiDate(plan.now));
  const attempted = new Set(results.flatMap((r) => r.attempted));
  const outbox = await republish(deps, plan.now, attempted);
  return {
    now: plan.now,
    dates: plan.dates,
    shards: results.map((r) => `${r.task.date}#${r.task.shard}`),
    read: sum((r) => r.read),
    raised: results.flatMap((r) => r.raised),
    expired: results.flatMap((r) => r.expired),
    passed: sum((r) => r.passed),
    published: sum((r) => r.published) + outbox.published,
    publishFailures: sum((r) => r.publishFailures) + outbox.failures,
    failures: sum((r) => r.failures),
    caughtUp: plan.caughtUp,
  };
}
