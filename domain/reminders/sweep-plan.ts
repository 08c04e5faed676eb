import { addDays, shanghaiDate } from '../clocks/legal-time.ts';
import type { Reminder } from './model.ts';
import type { ShardQueue, ShardTask, SweepDeps } from './ports.ts';

export const SWEEP_LIMITS = {
  /** Without a checkpoint (the first sweep), how many days back it reads: today and the six before. */
  firstSweepDays: 7,
  /** Dates read per sweep besides today, oldest first, when catching up after an outage. */
  maxBacklogDates: 14,
  /** Reminders whose publish failed, published again per plan. */
  republish: 100,
  /** A reminder is retried from the outbox only once it is this old (its own sweep may still be on it). */
  republishAfterMs: 60_000,
} as const;

/** What the planner found: the dates it looked at, and one task per shard that holds a clock due now. */
export interface SweepPlan {
  readonly now: string;
  readonly dates: readonly string[];
  readonly tasks: readonly ShardTask[];
  /** False when a backlog longer than `maxBacklogDates` was cut short: the next plan goes on from there. */
  readonly caughtUp: boolean;
  /** The first date not known to be drained, as stored after this plan. */
  readonly checkpoint: string;
}

/**
 * Plans a sweep as of `now` and nothing more: the dates to read (today, yesterday and any earlier date the
 * checkpoint says is not drained, at most `maxBacklogDates`), and in each the shards holding a clock due
 * now (one Limit-1 Query a shard). Each such shard becomes a task that a shard sweep (sweep-shard.ts) runs
 * on its own, so a day's shards are swept side by side. The checkpoint moves past the dates before
 * yesterday found empty, in order: a date with work moves it once its shards are drained (the next plan).
 */
export async function planSweep(deps: Pick<SweepDeps, 'reminders'>, now: string): Promise<SweepPlan> {
  const today = shanghaiDate(now);
  const stored = await deps.reminders.checkpoint();
  // A checkpoint after today (a local run "as of" a later instant) is no guide: start a week back.
  const from = stored !== null && stored <= today ? stored : addDays(today, 1 - SWEEP_LIMITS.firstSweepDays);
  const dates = datesFrom(from, today);
  const caughtUp = dates.length < 2 || addDays(dates[dates.length - 2] as string, 1) === today;
  // A date at a time: each probes its shards side by side.
  const shards: number[][] = [];
  for (const date of dates) shards.push(await deps.reminders.dueShards(date, now));
  const tasks = dates.flatMap((date, i) => (shards[i] ?? []).map((shard) => ({ date, shard, now })));
  const empty = dates.map((_, i) => (shards[i] ?? []).length === 0);
  const checkpoint = await moveCheckpoint(deps, stored, from, dates, empty, today);
  return { now, dates, tasks, caughtUp, checkpoint };
}

/**
 * Moves the checkpoint past the leading dates that are drained (`drained[i]` for `dates[i]`), never to
 * yesterday or after (a write made just before midnight may reach the index late), and never back: a
 * sweep as of an earlier instant (`npm run sla -- --at` a past date) must not send the next over months.
 */
export async function moveCheckpoint(
  deps: Pick<SweepDeps, 'reminders'>,
  stored: string | null,
  from: string,
  dates: readonly string[],
  drained: readonly boolean[],
  today: string,
): Promise<string> {
  let checkpoint = from;
  for (const [i, date] of dates.entries()) {
    if (!drained[i] || date >= addDays(today, -1)) break;
    checkpoint = addDays(date, 1);
  }
  if (stored === null || checkpoint > stored) {
    await deps.reminders.setCheckpoint(checkpoint);
    return checkpoint;
  }
  return stored;
}

/**
 * Publishes again the reminders whose publish failed or was cut short (the outbox), except those a sweep
 * of this run already tried, and only once a minute old (their own sweep may still be on them).
 */
export async function republish(
  deps: SweepDeps,
  now: string,
  attempted: ReadonlySet<string>,
): Promise<{ published: number; failures: number; reminders: Reminder[] }> {
  const cutoff = new Date(Date.parse(now) - SWEEP_LIMITS.republishAfterMs).toISOString();
  let published = 0;
  let failures = 0;
  const reminders: Reminder[] = [];
  for (const reminder of await deps.reminders.unpublished(SWEEP_LIMITS.republish)) {
    if (attempted.has(reminder.reminderId) || reminder.raisedAt > cutoff) continue;
    try {
      await deps.publisher.publish(reminder);
      await deps.reminders.markPublished(reminder);
      published++;
      reminders.push(reminder);
    } catch (error) {
      failures++;
      deps.onError?.(error, reminder);
    }
  }
  return { published, failures, reminders };
}

/** From `from` to today: at most `maxBacklogDates` days before today, then today itself. */
function datesFrom(from: string, today: string): string[] {
  const dates: string[] = [];
  for (let d = from; d < today && dates.length < SWEEP_LIMITS.maxBacklogDates; d = addDays(d, 1)) {
    dates.push(d);
  }
  return [...dates, today];
}

/** The fanned-out sweep's plan as sent: the tasks, and what the outbox republished. */
export interface DispatchedPlan extends SweepPlan {
  readonly published: number;
  readonly publishFailures: number;
}

/**
 * The scheduled sweep in AWS: plans as of `now`, hands each shard task to its own sweep (`queue`, the
 * queue of shard tasks) and republishes the outbox. The shard sweeps raise the reminders; a task sent twice,
 * or a plan made while the last one's tasks still run, raises nothing twice (sweep-shard.ts).
 */
export async function dispatchSweep(
  deps: SweepDeps,
  queue: ShardQueue,
  now: string,
): Promise<DispatchedPlan> {
  const plan = await planSweep(deps, now);
  await queue.send(plan.tasks);
  const outbox = await republish(deps, now, new Set());
  return { ...plan, published: outbox.published, publishFailures: outbox.failures };
}
