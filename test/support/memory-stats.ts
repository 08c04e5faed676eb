import {
  type Contribution,
  type Counters,
  deltas,
  shardOf,
  splitBucket,
  sumCounters,
} from '../../domain/statistics/contribution.ts';
import type { FrozenReport } from '../../domain/statistics/model.ts';
import type { CountersReader, ReportStore, StatsStore } from '../../domain/statistics/ports.ts';
import type { CountersRepair } from '../../domain/statistics/rebuild.ts';

/**
 * The statistics stores in memory, with the DynamoDB adapter's contract: contributions replaced only over
 * the one the caller read, counters kept per (post, month, shard) and summed on read, reports written once.
 * `failAfter` makes the n-th next replacement throw before it writes (a consumer killed mid-batch).
 */
export class MemoryStatsStore implements StatsStore, CountersReader, CountersRepair, ReportStore {
  readonly contributions = new Map<string, Contribution>();
  /** `<postId>#<month>#<shard>` → counters. */
  readonly shards = new Map<string, Record<string, number>>();
  readonly reports = new Map<string, FrozenReport>();
  failAfter: number | null = null;

  async contribution(subject: string) {
    const found = this.contributions.get(subject);
    return found ? structuredClone(found) : null;
  }

  async replace(previous: Contribution | null, next: Contribution) {
    if (this.failAfter !== null && this.failAfter-- <= 0) throw new Error('killed');
    const stored = this.contributions.get(next.subject);
    if ((stored?.version ?? null) !== (previous?.version ?? null)) return false;
    const shard = shardOf(next.subject);
    for (const [bucket, counters] of Object.entries(deltas(previous, next))) {
      const key = `${bucket}#${shard}`;
      const item = this.shards.get(key) ?? {};
      for (const [name, value] of Object.entries(counters)) item[name] = (item[name] ?? 0) + value;
      this.shards.set(key, item);
    }
    this.contributions.set(next.subject, structuredClone(next));
    return true;
  }

  async adjust(bucket: string, counters: Counters) {
    const key = `${bucket}#0`;
    const item = this.shards.get(key) ?? {};
    for (const [name, value] of Object.entries(counters)) item[name] = (item[name] ?? 0) + value;
    this.shards.set(key, item);
  }

  async months(postId: string, toMonth: string) {
    const byMonth = new Map<string, Counters[]>();
    for (const [key, counters] of this.shards) {
      const { postId: post, month } = splitBucket(key.slice(0, key.lastIndexOf('#')));
      if (post !== postId || month > toMonth) continue;
      byMonth.set(month, [...(byMonth.get(month) ?? []), counters]);
    }
    return new Map([...byMonth].map(([month, sets]) => [month, sumCounters(sets)]));
  }

  /** Buckets read by `span`, for the tests counting what GET /stats reads (like the adapter's). */
  itemsRead = 0;

  async span(postId: string, fromMonth: string, toMonth: string) {
    const firstYear = fromMonth.slice(0, 4);
    const byBucket = new Map<string, Counters[]>();
    for (const [key, counters] of this.shards) {
      const { postId: post, month } = splitBucket(key.slice(0, key.lastIndexOf('#')));
      const wanted = month.length === 4 ? month < firstYear : month >= fromMonth && month <= toMonth;
      if (post !== postId || !wanted) continue;
      this.itemsRead++;
      byBucket.set(month, [...(byBucket.get(month) ?? []), counters]);
    }
    return new Map([...byBucket].map(([month, sets]) => [month, sumCounters(sets)]));
  }

  /** Every bucket's counters, shards summed, zeros left out: what the tests compare. */
  totals(): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const [key, counters] of this.shards) {
      const bucket = key.slice(0, key.lastIndexOf('#'));
      const b = out[bucket] ?? {};
      out[bucket] = b;
      for (const [name, value] of Object.entries(counters)) b[name] = (b[name] ?? 0) + value;
    }
    return prune(out);
  }

  async get(month: string) {
    const found = this.reports.get(month);
    return found ? structuredClone(found) : null;
  }

  async create(report: FrozenReport) {
    if (this.reports.has(report.month)) return false;
    this.reports.set(report.month, structuredClone(report));
    return true;
  }
}

/** Buckets and counters without zeros (a counter that went up and back down is no difference). */
export function prune(
  buckets: Record<string, Record<string, number>>,
): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [bucket, counters] of Object.entries(buckets)) {
    const kept = Object.fromEntries(Object.entries(counters).filter(([, v]) => v !== 0));
    if (Object.keys(kept).length > 0) out[bucket] = kept;
  }
  return out;
}

/** What a set of contributions adds up to, directly (no stream, no store). */
export function expectedTotals(contributions: Iterable<Contribution>) {
  const out: Record<string, Record<string, number>> = {};
  for (const c of contributions) {
    for (const [bucket, counters] of Object.entries(c.buckets)) {
      const b = out[bucket] ?? {};
      out[bucket] = b;
      for (const [name, value] of Object.entries(counters)) b[name] = (b[name] ?? 0) + value;
    }
  }
  return prune(out);
}
