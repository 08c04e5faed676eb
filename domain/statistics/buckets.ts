/**
 * The buckets counters are kept in: a post's business month (`<postId>#<yyyy-mm>`), and a post's business
 * year (`<postId>#<yyyy>`), the year's roll-up of the counters the cases carried over are computed from.
 * With the roll-ups, the cases open at the start of a period are the years before it (one item a year and
 * shard) and the months of its first year before it, never every month since the first case.
 */

export const bucketOf = (postId: string, month: string) => `${postId}#${month}`;
export const splitBucket = (bucket: string) => {
  const at = bucket.lastIndexOf('#');
  return { postId: bucket.slice(0, at), month: bucket.slice(at + 1) };
};

/** A year's roll-up (`<postId>#<yyyy>`), not a month. */
export const isYearBucket = (bucket: string) => /#\d{4}$/.test(bucket);

/** The counters a year's roll-up keeps: what carried-over counts (received and closed, in every dimension). */
export const ROLLED_UP = /\|(received|closed)$/;

/**
 * The month buckets with their years' roll-ups added: each year bucket sums the months' `received` and
 * `closed` counters. Computed from the months, so a contribution and its roll-ups always agree.
 */
export function withRollups(
  buckets: Readonly<Record<string, Readonly<Record<string, number>>>>,
): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [bucket, counters] of Object.entries(buckets)) {
    if (isYearBucket(bucket)) continue;
    out[bucket] = { ...counters };
    const { postId, month } = splitBucket(bucket);
    const year = bucketOf(postId, month.slice(0, 4));
    for (const [name, value] of Object.entries(counters)) {
      if (!ROLLED_UP.test(name)) continue;
      const rolled = out[year] ?? {};
      out[year] = rolled;
      rolled[name] = (rolled[name] ?? 0) + value;
    }
  }
  return out;
}

/** A case contribution stored before the roll-ups: it has months with counts to roll up but no year. */
export const lacksRollups = (buckets: Readonly<Record<string, Readonly<Record<string, number>>>>) => {
  const keys = Object.keys(buckets);
  return (
    !keys.some(isYearBucket) &&
    Object.values(buckets).some((counters) => Object.keys(counters).some((n) => ROLLED_UP.test(n)))
  );
};
