import type { Contribution, Counters } from './contribution.ts';
import type { FrozenReport } from './model.ts';

/** The contributions and the sharded counters they add up to (the cases table in AWS). */
export interface StatsStore {
  /** A subject's stored contribution (`CASE#id`, `CONSULTATION#id`), read consistently; null if the case was never counted. */
  contribution(subject: string): Promise<Contribution | null>;
  /**
   * In one transaction: replace the stored contribution `previous` (null: none stored) by `next`, and add
   * the counter deltas between them to the case's shard of each bucket. False, changing nothing, if the
   * stored contribution is no longer `previous` (another delivery got there first).
   */
  replace(previous: Contribution | null, next: Contribution): Promise<boolean>;
  /** The stored contributions of several subjects at once, read consistently; the never counted are absent. */
  contributions(subjects: readonly string[]): Promise<ReadonlyMap<string, Contribution>>;
  /**
   * All or nothing, in one transaction: every replacement of the group, and the counter deltas of them all
   * summed per counter item (domain/statistics/fold.ts, `groupReplacements` keeps a group within `limits`).
   * Answers the subjects whose stored contribution was not their `previous` (or that a concurrent writer
   * held): then nothing of the group was written. An empty answer: all written.
   */
  replaceAll(group: readonly Replacement[]): Promise<readonly string[]>;
  /** What one transaction holds. */
  readonly limits: WriteLimits;
}

/** A stored contribution (null: none) and the one that replaces it. */
export interface Replacement {
  readonly previous: Contribution | null;
  readonly next: Contribution;
}

/** The size of one atomic write: items in all (contributions and counter items), counters per item. */
export interface WriteLimits {
  readonly items: number;
  readonly countersPerItem: number;
}

/** Reads the counters by key, shards summed; keys are months (`yyyy-mm`) and years' roll-ups (`yyyy`). */
export interface CountersReader {
  /** Every bucket of one post up to `toMonth` (inclusive): its months, and its years up to that year. */
  months(postId: string, toMonth: string): Promise<ReadonlyMap<string, Counters>>;
  /**
   * What GET /stats reads: the months from `fromMonth` to `toMonth` (inclusive) and the roll-ups of the
   * years before `fromMonth`'s year — never the months of those years (buckets.ts).
   */
  span(postId: string, fromMonth: string, toMonth: string): Promise<ReadonlyMap<string, Counters>>;
}

/** Frozen monthly reports, written once. */
export interface ReportStore {
  get(month: string): Promise<FrozenReport | null>;
  /** False if the month was already frozen (the stored one stands). */
  create(report: FrozenReport): Promise<boolean>;
}

/** SHA-256 of a text, hex (an adapter over node:crypto: the domain imports no runtime modules). */
export type Digest = (text: string) => string;
