import {
  type Contribution,
  type Counters,
  splitBucket,
  sumCounters,
} from '../../domain/statistics/contribution.ts';
import { splitCounterItemKey, summedDeltas } from '../../domain/statistics/fold.ts';
import type { FrozenReport } from '../../domain/statistics/model.ts';
import type {
  CountersReader,
  Replacement,
  ReportStore,
  StatsStore,
  WriteLimits,
} from '../../domain/statistics/ports.ts';
import type { CountersRepair } from '../../domain/statistics/rebuild.ts';

/**
 * The statistics stores in memory, with the DynamoDB adapter's contract: contributions replaced only over
 * the one the caller read, counters kept per (post, month, shard) and summed on read, reports written once.
 * `failAfter` makes the n-th next transaction throw before it writes (a consumer killed mid-batch).
 */
export class MemoryStatsStore implements StatsStore, CountersReader, CountersRepair, ReportStore {
  readonly stored = new Map<string, Contribution>();
  /** `<postId>#<month>#<shard>` → counters. */
  readonly shards = new Map<string, Record<string, number>>();
  readonly reports = new Map<string, FrozenReport>();
  failAfter: number | null = null;

  async contribution(subject: string) {
    const found = this.stored.get(subject);
    return found ? structuredClone(found) : null;
  }

  async contributions(subjects: readonly string[]) {
    const found = new Map<string, Contribution>();
    for (const subject of subjects) {
      const stored = this.stored.get(subject);
      if (stored) found.set(subject, structuredClone(stored));
    }
    return found;
  }

  async replace(previous: Contribution | null, next: Contribution) {
    return (await this.replaceAll([{ previous, next }])).length === 0;
  }

  /** The DynamoDB adapter's by default; a test may make them smaller. */
  limits: WriteLimits = { items: 100, countersPerItem: 250 };
  /** Each transaction written: its subjects and the counter items it moved (what the folding tests read). */
  readonly transactions: { subjects: string[]; counterItems: number }[] = [];

  async replaceAll(group: readonly Replacement[]) {
    if (this.failAfter !== null && this.failAfter-- <= 0) throw new Error('killed');
    const lost = group
      .filter((r) => (this.stored.get(r.next.subject)?.version ?? null) !== (r.previous?.version ?? null))
      .map((r) => r.next.subject);
    if (lost.length > 0) return lost;
    const summed = summedDeltas(group);
    if (group.length + summed.size > this.limits.items) throw new Error('too many items for one transaction');
    for (const [key, counters] of summed) {
      const { bucket, shard } = splitCounterItemKey(key);
      if (Object.keys(counters).length > this.limits.countersPerItem) throw new Error('too many counters');
      const item = this.shards.get(`${bucket}#${shard}`) ?? {};
      for (const [name, value] of Object.entries(counters)) item[name] = (item[name] ?? 0) + value;
      this.shards.set(`${bucket}#${shard}`, item);
    }
    for (const { next } of group) this.stored.set(next.subject, structuredClone(next));
    this.transactions.push({ subjects: group.map((r) => r.next.subject), counterItems: summed.size });
    return [];
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
