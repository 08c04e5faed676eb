import type { Counters } from './contribution.ts';
import {
  CLOSURE_MANNERS,
  type ClosureManner,
  CONSULTATION_CHANNELS,
  COUNTED_CATEGORIES,
  COUNTED_ORIGINS,
} from './metrics.ts';

/** The figures of one row of GET /stats (and of its totals), as the metric dictionary defines them. */
export interface Figures {
  readonly carriedOver: number;
  readonly received: number;
  readonly receivedByOrigin: Readonly<Record<string, number>>;
  readonly collective: number;
  readonly workers: number;
  readonly workersInCollective: number;
  readonly byCategory: Readonly<Record<string, number>>;
  readonly newEmploymentForm: number;
  readonly closed: number;
  readonly closedByManner: Readonly<Record<ClosureManner, number>>;
  readonly mediationSuccessRate: number | null;
  readonly closedOnTime: number;
  readonly closedOnTimeRate: number | null;
  readonly daysToCloseMean: number | null;
  readonly daysToCloseMedian: number | null;
  readonly claimedFen: number;
  readonly agreedFen: number;
  readonly recoveredFen: number;
  readonly consultations: number;
  readonly consultationsByChannel: Readonly<Record<string, number>>;
}

const rate = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

/** The lower middle of the days-to-close histogram (`days:<n>` counters). */
function median(histogram: ReadonlyMap<number, number>, count: number): number | null {
  if (count === 0) return null;
  const middle = Math.floor((count - 1) / 2);
  let seen = 0;
  for (const days of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(days) ?? 0;
    if (seen > middle) return days;
  }
  return null;
}

/**
 * The figures of one dimension (`all`, `category:WAGE_ARREARS`, …) from summed counters, with the
 * carried-over count computed by the caller (it needs the months before the period).
 */
export function figuresOf(counters: Counters, dimension: string, carriedOver: number): Figures {
  const get = (name: string) => counters[`${dimension}|${name}`] ?? 0;
  const each = (names: readonly string[], prefix: string) =>
    Object.fromEntries(names.map((n) => [n, get(`${prefix}:${n}`)]));
  const histogram = new Map<number, number>();
  const daysPrefix = `${dimension}|days:`;
  for (const [name, value] of Object.entries(counters)) {
    if (name.startsWith(daysPrefix) && value !== 0)
      histogram.set(Number(name.slice(daysPrefix.length)), value);
  }
  const closed = get('closed');
  return {
    carriedOver,
    received: get('received'),
    receivedByOrigin: each(COUNTED_ORIGINS, 'origin'),
    collective: get('collective'),
    workers: get('workers'),
    workersInCollective: get('workersInCollective'),
    byCategory: each(COUNTED_CATEGORIES, 'category'),
    newEmploymentForm: get('newEmploymentForm'),
    closed,
    closedByManner: each(CLOSURE_MANNERS, 'manner') as Record<ClosureManner, number>,
    mediationSuccessRate: rate(get('settled'), closed),
    closedOnTime: get('onTime'),
    closedOnTimeRate: rate(get('onTime'), closed),
    daysToCloseMean: closed === 0 ? null : Math.round((get('daysSum') / closed) * 10) / 10,
    daysToCloseMedian: median(histogram, closed),
    claimedFen: get('claimedFen'),
    agreedFen: get('agreedFen'),
    recoveredFen: get('recoveredFen'),
    consultations: get('consultations'),
    consultationsByChannel: each(CONSULTATION_CHANNELS, 'channel'),
  };
}

/** Cases open at the start of the first month: received minus closed in the months before it. */
export const openFrom = (before: Counters, dimension: string) =>
  (before[`${dimension}|received`] ?? 0) - (before[`${dimension}|closed`] ?? 0);
