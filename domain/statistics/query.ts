import * as z from 'zod/mini';
import type { Post } from '../directory/model.ts';
import type { PostDirectory } from '../directory/ports.ts';
import type { Actor } from '../shared/actor.ts';
import { ForbiddenError, ValidationError } from '../shared/errors.ts';
import { message } from '../shared/messages.ts';
import { POST_ID, parseOrThrow } from '../shared/validation.ts';
import { type Counters, sumCounters } from './contribution.ts';
import { figuresOf, openFrom } from './figures.ts';
import { COUNTED_CATEGORIES, COUNTED_ORIGINS } from './metrics.ts';
import { GROUP_BY, type GroupBy, type StatsAnswer, type StatsRow } from './model.ts';
import type { CountersReader } from './ports.ts';

/** The longest period one request may ask for: five years, a bulletin's span. */
export const MAX_MONTHS = 60;

const MONTH = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM'));

export const StatsQuery = z.strictObject({
  from: MONTH,
  to: MONTH,
  groupBy: z.enum(GROUP_BY),
  postId: z.optional(POST_ID),
});
export type StatsQuery = z.output<typeof StatsQuery>;

export interface StatsDeps {
  readonly counters: CountersReader;
  readonly posts: PostDirectory;
}

/** The months from `from` to `to`, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (let month = from; month <= to; ) {
    out.push(month);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
    month = `${y}-${String(m).padStart(2, '0')}`;
  }
  return out;
}

/** Parses the query string; every refusal names its field. */
export function parseStatsQuery(input: unknown): StatsQuery {
  const query = parseOrThrow(StatsQuery, input);
  if (query.from > query.to) throw ValidationError.field('from', message('stats.fromAfterTo'));
  if (monthsBetween(query.from, query.to).length > MAX_MONTHS) {
    throw ValidationError.field('to', message('stats.tooLong', { max: MAX_MONTHS }));
  }
  return query;
}

/** The posts a caller may see: a mediator's or supervisor's own; an admin's choice, or every post. */
async function postsFor(deps: StatsDeps, actor: Actor, postId: string | undefined): Promise<Post[]> {
  if (actor.role === 'admin') {
    if (postId) return [(await deps.posts.get(postId)) ?? placeholder(postId)];
    const all: Post[] = [];
    let cursor: string | undefined;
    do {
      const page = await deps.posts.list({ limit: 100, ...(cursor ? { cursor } : {}) });
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  }
  if (actor.role !== 'mediator' && actor.role !== 'supervisor')
    throw new ForbiddenError(message('stats.humansOnly'));
  if (postId && postId !== actor.postId) throw new ForbiddenError(message('stats.ownPostOnly'));
  return [(await deps.posts.get(actor.postId)) ?? placeholder(actor.postId)];
}

/** A post counted but missing from the directory still shows, under its id. */
const placeholder = (postId: string): Post => ({
  postId,
  name: postId,
  district: postId,
  updatedAt: '',
  updatedBy: '',
});

/** The dimensions a grouping's rows read, by row key. */
function dimensionKeys(groupBy: GroupBy, seen: Iterable<string>): [string, string][] {
  if (groupBy === 'category') return COUNTED_CATEGORIES.map((k) => [k, `category:${k}`]);
  if (groupBy === 'origin') return COUNTED_ORIGINS.map((k) => [k, `origin:${k}`]);
  const sections = new Set<string>();
  for (const name of seen) {
    const m = /^industry:([^|]+)\|/.exec(name);
    if (m?.[1]) sections.add(m[1]);
  }
  return [...sections].sort().map((k) => [k, `industry:${k}`]);
}

/**
 * `GET /stats`: the figures of the metric dictionary for the months asked, grouped, with totals. Reads
 * each post's counters by key: the months of the period's years up to `to`, and the roll-ups of the years
 * before (the cases carried over), so a year's figures read a bucket per month and earlier year and shard.
 */
export async function statsOf(deps: StatsDeps, actor: Actor, query: StatsQuery): Promise<StatsAnswer> {
  const posts = await postsFor(deps, actor, query.postId);
  const months = monthsBetween(query.from, query.to);
  // The first year's months before `from` and the earlier years' roll-ups give the cases carried over.
  const yearStart = `${query.from.slice(0, 4)}-01`;
  const perPost = await Promise.all(posts.map((p) => deps.counters.span(p.postId, yearStart, query.to)));
  const before: Counters[] = [];
  const inRange: Counters[] = [];
  const byMonth = new Map<string, Counters[]>(months.map((m) => [m, []]));
  const byGroup = new Map<string, { before: Counters[]; inRange: Counters[] }>();
  posts.forEach((post, i) => {
    const group = query.groupBy === 'district' ? post.district : post.postId;
    const g = byGroup.get(group) ?? { before: [], inRange: [] };
    byGroup.set(group, g);
    for (const [month, counters] of perPost[i] ?? new Map<string, Counters>()) {
      // A year's roll-up (`yyyy`) sorts before every month of the year: it is always "before".
      const side = month < query.from ? 'before' : 'inRange';
      (side === 'before' ? before : inRange).push(counters);
      g[side].push(counters);
      byMonth.get(month)?.push(counters);
    }
  });
  const start = sumCounters(before);
  const range = sumCounters(inRange);
  let rows: StatsRow[];
  if (query.groupBy === 'month') {
    let open = openFrom(start, 'all');
    rows = months.map((month) => {
      const sum = sumCounters(byMonth.get(month) ?? []);
      const figures = figuresOf(sum, 'all', open);
      open += figures.received - figures.closed;
      return { key: month, figures };
    });
  } else if (query.groupBy === 'post' || query.groupBy === 'district') {
    rows = [...byGroup.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, g]) => ({
        key,
        figures: figuresOf(sumCounters(g.inRange), 'all', openFrom(sumCounters(g.before), 'all')),
      }));
  } else {
    rows = dimensionKeys(query.groupBy, [...Object.keys(range), ...Object.keys(start)]).map(([key, dim]) => ({
      key,
      figures: figuresOf(range, dim, openFrom(start, dim)),
    }));
  }
  return {
    from: query.from,
    to: query.to,
    groupBy: query.groupBy,
    postId: query.postId ?? (actor.role === 'admin' ? null : actor.postId),
    rows,
    totals: figuresOf(range, 'all', openFrom(start, 'all')),
  };
}
