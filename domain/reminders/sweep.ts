import { addDays, shanghaiDate } from '../clocks/legal-time.ts';
import { type DueClock, type DuePosition, type Reminder, remindAt, reminderFor, stepFor } from './model.ts';
import type { SweepDeps } from './ports.ts';

export const SWEEP_LIMITS = {
  /** Without a checkpoint (the first sweep), how many days back it reads: today and the six before. */
  firstSweepDays: 7,
  /** Dates read per sweep besides today, oldest first, when catching up after an outage. */
  maxBacklogDates: 14,
  /** Clocks handled at once. */
  concurrency: 8,
  /** Reminders whose publish failed, published again per sweep. */
  republish: 100,
  /** A reminder is retried from the outbox only once it is this old (its own sweep may still be on it). */
  republishAfterMs: 60_000,
} as const;

export interface SweepResult {
  readonly now: string;
  /** The Shanghai dates whose due partitions were read. */
  readonly dates: readonly string[];
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

/**
 * One sweep as of `now`: reads only what is due — the due partitions of today, of yesterday and of any
 * earlier day not yet drained (bounded; a long outage is caught up over several sweeps) — and for each
 * clock found raises its latest due stage with one conditional write, so overlapping, retried or
 * interrupted sweeps raise every reminder exactly once. An OVERDUE reminder records the clock's expiry on
 * the case: what the expiry opens in law (LDMAL arts. 14, 29, 43, 48–50; CPL art. 227) is decided there.
 * Each new reminder is published after its write; a failed publish stays in the outbox and is retried.
 */
export async function sweep(deps: SweepDeps, now: string): Promise<SweepResult> {
  const today = shanghaiDate(now);
  const stored = await deps.reminders.checkpoint();
  // A checkpoint after today (a local run "as of" a later instant) is no guide: start a week back.
  const from = stored !== null && stored <= today ? stored : addDays(today, 1 - SWEEP_LIMITS.firstSweepDays);
  const dates = datesFrom(from, today);
  const caughtUp = dates.length < 2 || addDays(dates[dates.length - 2] as string, 1) === today;
  const raised: Reminder[] = [];
  const expired: string[] = [];
  const attempted = new Set<string>();
  let read = 0;
  let passed = 0;
  let published = 0;
  let publishFailures = 0;
  let failures = 0;

  const publish = async (reminder: Reminder) => {
    attempted.add(reminder.reminderId);
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

  const handle = async (due: DueClock, date: string) => {
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
      if (date < today) await deps.reminders.reindex(due, carriedTo(due, today));
      await expire(due);
    }
  };

  let clean = true;
  let checkpoint = from;
  for (const date of dates) {
    let failed = 0;
    for await (const page of deps.reminders.dueOn(date, now)) {
      read += page.length;
      failed += await inPool(page, SWEEP_LIMITS.concurrency, (due) =>
        handle(due, date).catch((error: unknown) => {
          deps.onError?.(error, due);
          throw error;
        }),
      );
    }
    failures += failed;
    // Yesterday is always read again: a write made just before midnight may reach the index late.
    if (clean && failed === 0 && date < addDays(today, -1)) checkpoint = addDays(date, 1);
    else clean = false;
  }
  // The checkpoint only moves forward: a sweep as of an earlier instant (`npm run sla -- --at` a past
  // date, a clock set back) reads its own week but must not send the next sweeps back over months.
  if (stored === null || checkpoint > stored) await deps.reminders.setCheckpoint(checkpoint);

  const cutoff = new Date(Date.parse(now) - SWEEP_LIMITS.republishAfterMs).toISOString();
  for (const reminder of await deps.reminders.unpublished(SWEEP_LIMITS.republish)) {
    if (!attempted.has(reminder.reminderId) && reminder.raisedAt <= cutoff) await publish(reminder);
  }

  return { now, dates, read, raised, expired, passed, published, publishFailures, failures, caughtUp };
}

/** From `from` to today: at most `maxBacklogDates` days before today, then today itself. */
function datesFrom(from: string, today: string): string[] {
  const dates: string[] = [];
  for (let d = from; d < today && dates.length < SWEEP_LIMITS.maxBacklogDates; d = addDays(d, 1)) {
    dates.push(d);
  }
  return [...dates, today];
}

/** The position of a clock whose last stage is raised and whose expiry is still to be recorded. */
function carriedTo(due: DueClock, today: string): DuePosition {
  const overdue = due.reminders.find((p) => p.stage === 'OVERDUE');
  return { on: today, at: remindAt(overdue?.on ?? today) };
}

/** Runs `fn` over `items`, `size` at a time; the number that threw (each is retried by a later sweep). */
async function inPool<T>(items: readonly T[], size: number, fn: (item: T) => Promise<void>): Promise<number> {
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
