import { type Case, isTerminal } from '../case/model.ts';
import { shanghaiDate } from '../clocks/legal-time.ts';
import type { PeriodId } from '../clocks/periods.ts';
import { bucketOf, isYearBucket, splitBucket, withRollups } from './buckets.ts';
import type { ClosureManner } from './metrics.ts';

/**
 * What one case counts for: counters in buckets of (post, business month). Counter names are
 * `<dimension>|<figure>`: the dimension `all`, or `category:<c>`, `origin:<o>`, `industry:<s>` for the
 * breakdowns GET /stats groups by. The stream consumer replaces a case's stored contribution with the
 * new one and adds the difference (`deltas`) to the counters, so the counters are always the sum of the
 * contributions, whatever order or how often the stream delivers (STYLE.md: aggregates are derived).
 */

export type Counters = Readonly<Record<string, number>>;

export interface Contribution {
  /** What is counted: `CASE#<caseId>` or `CONSULTATION#<consultationId>`. */
  readonly subject: string;
  /** The case version it was computed from; the store keeps only a newer one. */
  readonly version: number;
  /** Closed: the classification is frozen (later versions do not change what the case counted for). */
  readonly closed: boolean;
  /** Bucket (`<postId>#<yyyy-mm>`, and the year's roll-up `<postId>#<yyyy>`, buckets.ts) → counters. */
  readonly buckets: Readonly<Record<string, Counters>>;
}

export { bucketOf, splitBucket };

/**
 * Periods binding the mediator, the institute or the court: one of them run out means "not on time". Not
 * the parties' own windows — JUDICIAL_CONFIRMATION and ARBITRAL_REVIEW_OF_AGREEMENT are the 30 and 15 days
 * to apply once an agreement takes effect (CPL art. 205; MOHRSS Rules 2017 art. 74): left to lapse when the
 * agreement is simply performed, they say nothing of the union's timeliness.
 */
const BODY_PERIODS: readonly PeriodId[] = [
  'MEDIATION',
  'COURT_DELEGATED_MEDIATION',
  'ARBITRATION_ACCEPTANCE',
  'ARBITRATION_AWARD',
  'PAYMENT_ORDER_ACCEPTANCE',
  'PAYMENT_ORDER_ISSUE',
];

export const caseSubject = (caseId: string) => `CASE#${caseId}`;
export const consultationSubject = (consultationId: string) => `CONSULTATION#${consultationId}`;

/** The consultation facts counted (the consultations feature stores them as plain attributes). */
export interface CountedConsultation {
  readonly consultationId: string;
  readonly postId: string;
  readonly channel: string;
  readonly categories: readonly string[];
  readonly consultedOn: string;
  readonly version: number;
  /** The employer's GB/T 4754 section, when the consultation names an employer with one. */
  readonly industry?: string | null;
}

/**
 * A consultation counts once, in the month of `consultedOn`: by channel, in each category asked about, and
 * in its employer's industry (`UNKNOWN` without one, as cases: the industry rows add up to the totals).
 */
export function consultationContribution(k: CountedConsultation): Contribution {
  const buckets: Record<string, Record<string, number>> = {};
  const dims = [
    'all',
    ...[...new Set(k.categories)].map((c) => `category:${c}`),
    `industry:${sectionOr(k.industry)}`,
  ];
  add(buckets, bucketOf(k.postId, k.consultedOn.slice(0, 7)), dims, {
    consultations: 1,
    [`channel:${k.channel}`]: 1,
  });
  return { subject: consultationSubject(k.consultationId), version: k.version, closed: false, buckets };
}

/** The employer's GB/T 4754 section (a letter A–T) when recorded, `UNKNOWN` otherwise. */
export const industryOf = (c: Case): string =>
  sectionOr((c.employer as { readonly industry?: unknown }).industry);

const sectionOr = (section: unknown) =>
  typeof section === 'string' && /^[A-T]$/.test(section) ? section : 'UNKNOWN';

const decided = (c: Case, prefix: string) => (c.decisions ?? []).some((d) => d.type.startsWith(prefix));

/**
 * How an ended case was closed, from what its record keeps (the state it left is not on the case): referred
 * to the institute or a court (`referral`, the union's mediation ended by it); withdrawn; a payment order or a judicial confirmation the court issued; else a court or the institute
 * that decided or received it; else the union's own agreement performed; anything else OTHER.
 */
export function mannerOf(c: Case): ClosureManner {
  // Referred out, the union's part ended then: what the institute or court did later is not the union's closure.
  if (c.referral) return c.referral.kind === 'COURT' ? 'REFERRED_TO_COURT' : 'REFERRED_TO_ARBITRATION';
  if (c.status === 'WITHDRAWN' || (c.outcome ?? '').startsWith('withdrawn')) return 'WITHDRAWN';
  if (decided(c, 'court.payment_order_issued')) return 'PAYMENT_ORDER';
  if (decided(c, 'court.confirmation_granted')) return 'CONFIRMED';
  if (decided(c, 'court.') || c.lastHandoff?.destination.kind === 'COURT') return 'REFERRED_TO_COURT';
  if (decided(c, 'arbitration.') || c.lastHandoff?.destination.kind === 'ARBITRATION') {
    return 'REFERRED_TO_ARBITRATION';
  }
  if (c.agreement && c.agreement.paidFen >= c.agreement.amountFen) return 'AGREEMENT_PERFORMED';
  return 'OTHER';
}

/**
 * Money recovered besides the agreement's payments: the case's `recoveredFen` (set by CONCLUDE_IN_COURT
 * and by CLOSE on an award, mediation statement or judgment). Cases closed before the field existed kept
 * the court's amount only in the outcome's wording (`…: 12345 fen recovered`): read from there for them
 * alone — a fallback for stored cases, never for a case that has the field.
 */
export function recoveredBesidesAgreement(c: Pick<Case, 'recoveredFen' | 'outcome'>): number {
  if (typeof c.recoveredFen === 'number') return c.recoveredFen;
  return Number(/: (\d+) fen recovered$/.exec(c.outcome ?? '')?.[1] ?? 0);
}

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * The union's part of a case ended: the case ended (CLOSED, WITHDRAWN), or it was referred out to the
 * arbitration institute or a court (`referral`): from then on it is the institute's or the court's case.
 */
export const endedAtUnion = (c: Case) => isTerminal(c.status) || c.referral !== undefined;

/**
 * The Shanghai date the union's part ended: the referral's date, else the date of the version that ended
 * the case (its last: an ended case changes no more).
 */
export const closedOnOf = (c: Case) => c.referral?.on ?? shanghaiDate(c.updatedAt);

/** The periods that bind the body whose closure is counted: the union's own once it referred the case. */
const UNION_PERIODS: readonly PeriodId[] = ['MEDIATION', 'COURT_DELEGATED_MEDIATION'];

/**
 * Closed late: one of the bodies' periods ran out — EXPIRED (the sweep recorded it), or STOPPED rather
 * than MET with its last day before the closing day (ended after it ran out, or still running at the
 * end, definition.ts) — so a case the sweep never reached still counts late.
 */
function closedLate(c: Case, closedOn: string): boolean {
  const periods = c.referral ? UNION_PERIODS : BODY_PERIODS;
  return (c.clocks ?? []).some(
    (k) =>
      periods.includes(k.clock) &&
      (k.status === 'EXPIRED' || ((k.status === 'STOPPED' || k.status === 'RUNNING') && k.dueOn < closedOn)),
  );
}

function dimensionsOf(c: Case): string[] {
  const categories = [...new Set(c.claims.map((claim) => claim.category))];
  return [
    'all',
    ...categories.map((k) => `category:${k}`),
    `origin:${c.origin}`,
    `industry:${industryOf(c)}`,
  ];
}

function add(
  into: Record<string, Record<string, number>>,
  bucket: string,
  dims: string[],
  figures: Counters,
) {
  const counters = into[bucket] ?? {};
  into[bucket] = counters;
  for (const dim of dims) {
    for (const [name, value] of Object.entries(figures)) {
      if (value === 0) continue;
      const key = `${dim}|${name}`;
      counters[key] = (counters[key] ?? 0) + value;
    }
  }
}

/**
 * What a case counts for now: its receipt in the month of `receivedOn` (the post holding it now), and
 * once its part at the union ended (closed, withdrawn or referred out), its closure in the month it ended;
 * each year's roll-up of them (buckets.ts). A stored contribution already closed is kept as it is: a closed
 * case's classification is frozen; only its version and the money recovered move on (withRecovered).
 */
export function contributionOf(c: Case, stored?: Contribution | null): Contribution {
  if (stored?.closed && stored.version < c.version) {
    // Stored before the roll-ups: they are added now, from its own months (the classification stands).
    const frozen = { ...stored, buckets: withRollups(stored.buckets) };
    return { ...withRecovered(frozen, c), version: c.version };
  }
  const dims = dimensionsOf(c);
  const buckets: Record<string, Record<string, number>> = {};
  const categories = [...new Set(c.claims.map((claim) => claim.category))];
  add(buckets, bucketOf(c.postId, c.receivedOn.slice(0, 7)), dims, {
    received: 1,
    [`origin:${c.origin}`]: 1,
    ...Object.fromEntries(categories.map((k) => [`category:${k}`, 1])),
    collective: c.collective ? 1 : 0,
    workers: c.workers.length,
    workersInCollective: c.collective ? c.workers.length : 0,
    newEmploymentForm: c.newEmploymentForm ? 1 : 0,
    claimedFen: c.claimedFen,
  });
  const closed = endedAtUnion(c);
  if (closed) {
    const closedOn = closedOnOf(c);
    const days = Math.max(0, daysBetween(c.receivedOn, closedOn));
    const late = closedLate(c, closedOn);
    add(buckets, bucketOf(c.postId, closedOn.slice(0, 7)), dims, {
      closed: 1,
      [`manner:${mannerOf(c)}`]: 1,
      settled: c.agreement ? 1 : 0,
      onTime: late ? 0 : 1,
      daysSum: days,
      [`days:${days}`]: 1,
      agreedFen: c.agreement?.amountFen ?? 0,
      recoveredFen: recoveredOf(c),
    });
  }
  return { subject: caseSubject(c.caseId), version: c.version, closed, buckets: withRollups(buckets) };
}

/** Money recovered for the workers of a case: the agreement's payments and what was recovered besides. */
const recoveredOf = (c: Case) => (c.agreement?.paidFen ?? 0) + recoveredBesidesAgreement(c);

/**
 * A frozen contribution with the money recovered brought up to the case: a referred case's classification
 * stands, but what the institute's award or a court later recovers for the workers is still the union's
 * figure (docs/statistics.md). Set in each dimension the closure was counted in.
 */
function withRecovered(stored: Contribution, c: Case): Contribution {
  const recovered = recoveredOf(c);
  const buckets: Record<string, Record<string, number>> = {};
  for (const [bucket, counters] of Object.entries(stored.buckets)) {
    const next: Record<string, number> = { ...counters };
    for (const name of Object.keys(counters)) {
      if (isYearBucket(bucket) || !name.endsWith('|closed')) continue;
      const key = `${name.slice(0, -'closed'.length)}recoveredFen`;
      if (recovered === 0) delete next[key];
      else next[key] = recovered;
    }
    buckets[bucket] = next;
  }
  return { ...stored, buckets };
}

/** What changes in the counters when `next` replaces `previous` (absent: nothing counted yet); no zeros. */
export function deltas(previous: Contribution | null, next: Contribution): Record<string, Counters> {
  const out: Record<string, Record<string, number>> = {};
  const put = (bucket: string, counters: Counters, sign: number) => {
    for (const [name, value] of Object.entries(counters)) {
      const b = out[bucket] ?? {};
      out[bucket] = b;
      b[name] = (b[name] ?? 0) + sign * value;
    }
  };
  for (const [bucket, counters] of Object.entries(previous?.buckets ?? {})) put(bucket, counters, -1);
  for (const [bucket, counters] of Object.entries(next.buckets)) put(bucket, counters, 1);
  for (const [bucket, counters] of Object.entries(out)) {
    for (const [name, value] of Object.entries(counters)) if (value === 0) delete counters[name];
    if (Object.keys(counters).length === 0) delete out[bucket];
  }
  return out;
}

/** The sum of counter sets (the shards of one bucket, the months of a row). */
export function sumCounters(sets: Iterable<Counters>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const set of sets) {
    for (const [name, value] of Object.entries(set)) out[name] = (out[name] ?? 0) + value;
  }
  return out;
}

/** Counter shards per bucket: a national peak day spreads a month's writes over 16 items. */
export const STATS_SHARDS = 16;

/** The shard a subject's deltas go to: FNV-1a of its key, so one case always writes the same item. */
export function shardOf(subject: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < subject.length; i++) {
    hash ^= subject.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % STATS_SHARDS;
}
