import { shanghaiDate } from '../clocks/legal-time.ts';
import { type DueClock, type DuePosition, type Reminder, remindAt, reminderFor, stepFor } from './model.ts';
import type { ShardTask, SweepDeps } from './ports.ts';

export type { ShardTask } from './ports.ts';

/** What one shard's sweep did; `done` false when it stopped for time with clocks still to read. */
export interface ShardResult {
  readonly task: ShardTask;
  readonly read: number;
  readonly raised: readonly Reminder[];
  /** `<caseId>~<clockId>` of the clocks whose expiry was recorded. */
  readonly expired: readonly string[];
  /** Clocks another sweep, or a change of the case, got to first: left as they are. */
  readonly passed: number;
  readonly published: number;
  readonly publishFailures: number;
  /** Clocks whose write or expiry failed: left in the index for the next plan. */
  readonly failures: number;
  readonly done: boolean;
  /** Reminders this sweep tried to publish (the outbox retry leaves them alone). */
  readonly attempted: readonly string[];
}

/** Clocks handled at once by one shard's sweep. */
export const SHARD_CONCURRENCY = 8;

/**
 * Sweeps one shard of one date as of the task's instant: for each clock found, raises its latest due stage
 * with one conditional write (the clock's move and the reminder's creation, both or neither), publishes it
 * and, for an OVERDUE, records the clock's expiry on the case (LDMAL arts. 14, 29, 43, 48–50; CPL art. 227
 * are decided there). Overlapping or repeated sweeps of the same shard raise nothing twice: the loser's
 * condition fails. After each page it records how far it got (the shard's checkpoint), so a sweep of the
 * same task that starts again after a crash or a timeout resumes there; `shouldStop` (the time left) ends it
 * between pages with `done` false.
 */
export async function sweepShard(
  deps: SweepDeps,
  task: ShardTask,
  shouldStop: () => boolean = () => false,
): Promise<ShardResult> {
  const { now } = task;
  const today = shanghaiDate(now);
  const raised: Reminder[] = [];
  const expired: string[] = [];
  const attempted: string[] = [];
  let read = 0;
  let passed = 0;
  let published = 0;
  let publishFailures = 0;
  let failures = 0;

  const publish = async (reminder: Reminder) => {
    attempted.push(reminder.reminderId);
    try {
      await deps.publisher.publish(reminder);
      await deps.reminders.markPublished(reminder);
      published++;
    } catch (error) {
      publishFailures++;
      deps.onError?.(error, reminder);
    }
  };

  const expire = async (due: DueClock) => {
    const outcome = await deps.expireClock(due.caseId, due.clockId);
    if (outcome === 'expired') expired.push(`${due.caseId}~${due.clockId}`);
    // The case says the clock no longer runs: nothing more to remind, so it leaves the index.
    else if (outcome === 'not-running') await deps.reminders.reindex(due, null);
  };

  const handle = async (due: DueClock) => {
    const step = stepFor(due, today);
    if (step.kind === 'raise') {
      const reminder = reminderFor(due, step.stage, now);
      if (!(await deps.reminders.raise(due, reminder, step.next))) {
        passed++;
        return;
      }
      raised.push(reminder);
      await publish(reminder);
      if (step.stage === 'OVERDUE') await expire({ ...due, stageReached: 'OVERDUE' });
    } else if (step.kind === 'reindex') {
      if (!(await deps.reminders.reindex(due, step.next))) passed++;
    } else {
      // Keep it in today's partition while its expiry is not recorded, then try again.
      if (task.date < today) await deps.reminders.reindex(due, carriedTo(due, today));
      await expire(due);
    }
  };

  let done = true;
  const after = await deps.reminders.shardProgress(task);
  for await (const page of deps.reminders.dueInShard(task, after)) {
    read += page.clocks.length;
    failures += await inPool(page.clocks, SHARD_CONCURRENCY, (due) =>
      handle(due).catch((error: unknown) => {
        deps.onError?.(error, due);
        throw error;
      }),
    );
    await deps.reminders.setShardProgress(task, page.last);
    if (shouldStop()) {
      done = false;
      break;
    }
  }
  return { task, read, raised, expired, passed, published, publishFailures, failures, done, attempted };
}

/** The position of a clock whose last stage is raised and whose expiry is still to be recorded. */
function carriedTo(due: DueClock, today: string): DuePosition {
  const overdue = due.reminders.find((p) => p.stage === 'OVERDUE');
  return { on: today, at: remindAt(overdue?.on ?? today) };
}

/** Runs `fn` over `items`, `size` at a time; the number that threw (each is retried by a later sweep). */
export async function inPool<T>(
  items: readonly T[],
  size: number,
  fn: (item: T) => Promise<void>,
): Promise<number> {
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        await fn(item);
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return failed;
}
