import type { CaseDeps } from '../case/ports.ts';
import type { Page } from '../shared/page.ts';
import type { DueClock, DuePosition, Reminder, ReminderStatus } from './model.ts';

/** One due-index partition to sweep: a Shanghai date, a shard, and the instant of the plan that chose it. */
export interface ShardTask {
  readonly date: string;
  readonly shard: number;
  /** The plan's instant: the sweep reads what is due at or before it and counts legal days from it. */
  readonly now: string;
}

/** A page of one shard's due clocks, and where it ended (opaque to the domain). */
export interface DuePage {
  readonly clocks: readonly DueClock[];
  readonly last: string;
}

export interface ReminderQuery {
  readonly postId: string;
  readonly status: ReminderStatus;
  /** Escalated reminders too (supervisors and admins); mediators see the others only. */
  readonly escalations: boolean;
  readonly limit: number;
  readonly cursor?: string;
}

/** A running clock whose deadline was computed without a year's holiday data. */
export interface ProvisionalClockRef {
  readonly caseId: string;
  readonly clockId: string;
}

/**
 * Reminders and the due index of the clocks. Every write that raises a reminder is one conditional write:
 * the clock moves from the stage it was read at to the next and the reminder is created, both or neither.
 */
export interface ReminderStore {
  /** The first Shanghai date whose due partitions are not known to be drained; null before the first sweep. */
  checkpoint(): Promise<string | null>;
  setCheckpoint(date: string): Promise<void>;
  /** The shards of `date` holding a clock whose reminder is due at or before `now` (a Limit-1 read each). */
  dueShards(date: string, now: string): Promise<number[]>;
  /**
   * The clocks waiting in one shard of a date whose reminder is due at or before the task's `now`, a page
   * at a time, after `after` (the `last` of a page already handled; null: from the start).
   */
  dueInShard(task: ShardTask, after: string | null): AsyncIterable<DuePage>;
  /** How far a sweep of this very task got (the `last` of its last page handled); null: not started. */
  shardProgress(task: ShardTask): Promise<string | null>;
  setShardProgress(task: ShardTask, last: string): Promise<void>;
  /**
   * Creates `reminder` and moves the clock to `next` (out of the index when null), if the clock is still at
   * the stage and version it was read at and the reminder does not exist; false (nothing written) otherwise.
   */
  raise(due: DueClock, reminder: Reminder, next: DuePosition | null): Promise<boolean>;
  /** Moves the clock to `next` on the same condition; false when it changed meanwhile. */
  reindex(due: DueClock, next: DuePosition | null): Promise<boolean>;
  /** Reminders raised but not yet published (a failed or interrupted publish), oldest first. */
  unpublished(limit: number): Promise<Reminder[]>;
  markPublished(reminder: Reminder): Promise<void>;
  get(reminderId: string): Promise<Reminder | null>;
  /** A post's reminders of one status, newest first. An invalid cursor is a ValidationError on `cursor`. */
  list(query: ReminderQuery): Promise<Page<Reminder>>;
  /** OPEN → ACKNOWLEDGED; null when it was not OPEN (acknowledged already, or gone). */
  acknowledge(reminder: Reminder, by: string, at: string): Promise<Reminder | null>;
  /** Running provisional clocks whose last day falls in `year`, a page at a time (an index, never a scan). */
  provisionalClocks(year: number, limit: number, cursor?: string): Promise<Page<ProvisionalClockRef>>;
}

/**
 * A transferred case's open reminders follow it: they leave the sending post's desk list for the receiving
 * post's (domain/handoffs/take-over-transfer.ts). Only reminders still OPEN at `fromPostId` move, so a
 * repeated or late move changes nothing; answers how many moved.
 */
export interface ReminderTransfer {
  moveOpen(move: { caseId: string; fromPostId: string; toPostId: string }): Promise<number>;
}

/** Hands shard tasks to their own sweeps (a queue in AWS); each task is swept at least once. */
export interface ShardQueue {
  send(tasks: readonly ShardTask[]): Promise<void>;
}

/** Sends a raised reminder to whoever subscribed for its post, severity and clock (e-mail, SMS). */
export interface ReminderPublisher {
  publish(reminder: Reminder): Promise<void>;
}

export type ExpireOutcome = 'expired' | 'not-running' | 'not-due';

/** What the reminder use cases are given. */
export interface ReminderDeps {
  readonly reminders: ReminderStore;
  readonly clock: CaseDeps['clock'];
}

/**
 * What the sweep is given besides the store: the publisher, and the expiry of a clock on the case
 * (domain/clocks/expire-clock.ts, bound to the case store by the composition root).
 */
export interface SweepDeps extends ReminderDeps {
  readonly publisher: ReminderPublisher;
  expireClock(caseId: string, clockId: string): Promise<ExpireOutcome>;
  /** Told of each clock or publish that failed (the sweep goes on; the next one retries it). */
  onError?(error: unknown, subject: { readonly caseId: string; readonly clockId: string }): void;
}
