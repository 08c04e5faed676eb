import type { Case } from '../case/model.ts';
import { lacksRollups, withRollups } from './buckets.ts';
import {
  type Contribution,
  type CountedConsultation,
  type Counters,
  caseSubject,
  consultationContribution,
  consultationSubject,
  contributionOf,
  splitBucket,
} from './contribution.ts';
import type { CountersReader, StatsStore } from './ports.ts';

/** Where the rebuild reads the truth: every post's cases and consultations, by key and index. */
export interface CountedSource {
  postIds(): Promise<readonly string[]>;
  cases(postId: string): AsyncIterable<Case>;
  consultations(postId: string): AsyncIterable<CountedConsultation>;
}

/** The rebuild also repairs: corrections go to one shard of a bucket (counters are summed on read). */
export interface CountersRepair {
  adjust(bucket: string, counters: Counters): Promise<void>;
}

export interface CounterDifference {
  readonly bucket: string;
  readonly counter: string;
  readonly expected: number;
  readonly live: number;
}

export interface RebuildResult {
  readonly cases: number;
  readonly consultations: number;
  /** Contributions that were missing or older than their case (a record the consumer has not counted). */
  readonly staleContributions: number;
  /** What the live counters said differently from the recount. */
  readonly differences: readonly CounterDifference[];
  /** After `fix`: what still differs (nothing, unless cases changed meanwhile); null without `fix`. */
  readonly remaining: readonly CounterDifference[] | null;
}

const LAST_MONTH = '9999-12';
/** Posts recounted side by side, and subjects of one post counted at once (a page of the source). */
const POSTS_AT_ONCE = 4;
const PAGE = 25;

/** The same counters in the same buckets, whatever the order of their keys (zeros are never stored). */
function sameBuckets(a: Contribution['buckets'], b: Contribution['buckets']): boolean {
  const flat = (x: Contribution['buckets']) =>
    Object.entries(x)
      .flatMap(([bucket, counters]) => Object.entries(counters).map(([n, v]) => `${bucket}|${n}=${v}`))
      .sort()
      .join('\n');
  return flat(a) === flat(b);
}

async function inPages<T>(items: AsyncIterable<T>, each: (item: T) => Promise<void>): Promise<void> {
  let page: T[] = [];
  for await (const item of items) {
    page.push(item);
    if (page.length === PAGE) {
      await Promise.all(page.map(each));
      page = [];
    }
  }
  await Promise.all(page.map(each));
}

/**
 * `npm run stats:rebuild`: counts every case and consultation again from the table (what the consumer
 * would count for the latest version; a closed case's frozen contribution stands) and compares the sums
 * with the live counters, bucket by bucket. With `fix`, brings stale contributions up to date through the
 * consumer's own transaction, then adds whatever difference remains as a correction.
 */
export async function rebuildStats(
  deps: { source: CountedSource; store: StatsStore & CountersReader & CountersRepair },
  options: { readonly fix: boolean },
): Promise<RebuildResult> {
  const expected = new Map<string, Record<string, number>>();
  const stale: [Contribution | null, Contribution][] = [];
  let cases = 0;
  let consultations = 0;
  const count = async (
    subject: string,
    version: number,
    next: (s: Contribution | null) => Contribution,
    derived = false,
  ) => {
    const stored = await deps.store.contribution(subject);
    // A derived contribution (a consultation's: never frozen) is stale too when the rules now count it
    // otherwise (e.g. by industry since consultations carry it).
    const current =
      stored && stored.version >= version && (!derived || sameBuckets(stored.buckets, next(stored).buckets));
    // Counted before the years' roll-ups existed: the same contribution with them (buckets.ts).
    const contribution =
      current && lacksRollups(stored.buckets)
        ? { ...stored, buckets: withRollups(stored.buckets) }
        : current
          ? stored
          : next(stored);
    if (contribution !== stored) stale.push([stored, contribution]);
    for (const [bucket, counters] of Object.entries(contribution.buckets)) {
      const sum = expected.get(bucket) ?? {};
      expected.set(bucket, sum);
      for (const [name, value] of Object.entries(counters)) sum[name] = (sum[name] ?? 0) + value;
    }
  };
  const posts = new Set(await deps.source.postIds());
  // Posts side by side, and a page of a post's subjects at a time: the contributions are read by key.
  const queue = [...posts];
  const recount = async () => {
    for (let postId = queue.shift(); postId !== undefined; postId = queue.shift()) {
      await inPages(deps.source.cases(postId), (c) => {
        cases++;
        return count(caseSubject(c.caseId), c.version, (stored) => contributionOf(c, stored));
      });
      await inPages(deps.source.consultations(postId), (k) => {
        consultations++;
        return count(
          consultationSubject(k.consultationId),
          k.version,
          () => consultationContribution(k),
          true,
        );
      });
    }
  };
  await Promise.all(Array.from({ length: POSTS_AT_ONCE }, recount));
  const diff = async () => {
    const live = new Map<string, Counters>();
    const all = new Set([...posts, ...[...expected.keys()].map((b) => splitBucket(b).postId)]);
    for (const postId of all) {
      for (const [month, counters] of await deps.store.months(postId, LAST_MONTH))
        live.set(`${postId}#${month}`, counters);
    }
    const out: CounterDifference[] = [];
    for (const bucket of [...new Set([...expected.keys(), ...live.keys()])].sort()) {
      const e = expected.get(bucket) ?? {};
      const l = live.get(bucket) ?? {};
      for (const counter of [...new Set([...Object.keys(e), ...Object.keys(l)])].sort()) {
        const [ev, lv] = [e[counter] ?? 0, l[counter] ?? 0];
        if (ev !== lv) out.push({ bucket, counter, expected: ev, live: lv });
      }
    }
    return out;
  };
  const differences = await diff();
  const result = { cases, consultations, staleContributions: stale.length, differences };
  if (!options.fix) return { ...result, remaining: null };
  if (differences.length > 0 || stale.length > 0) {
    for (const [previous, next] of stale) await deps.store.replace(previous, next);
    const remaining = await diff();
    const byBucket = new Map<string, Record<string, number>>();
    for (const d of remaining) {
      const b = byBucket.get(d.bucket) ?? {};
      byBucket.set(d.bucket, b);
      b[d.counter] = d.expected - d.live;
    }
    for (const [bucket, counters] of byBucket) await deps.store.adjust(bucket, counters);
  }
  return { ...result, remaining: await diff() };
}
