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
}

/** Reads the counters by key: one post's months up to `toMonth` (inclusive), shards summed. */
export interface CountersReader {
  months(postId: string, toMonth: string): Promise<ReadonlyMap<string, Counters>>;
}

/** Frozen monthly reports, written once. */
export interface ReportStore {
  get(month: string): Promise<FrozenReport | null>;
  /** False if the month was already frozen (the stored one stands). */
  create(report: FrozenReport): Promise<boolean>;
}

/** SHA-256 of a text, hex (an adapter over node:crypto: the domain imports no runtime modules). */
export type Digest = (text: string) => string;
