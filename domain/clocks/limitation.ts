import type { HolidayCalendar } from './calendar.ts';
import { adjustedDeadline, daysBetween } from './clock.ts';
import { addDays, shanghaiDate } from './legal-time.ts';
import type { CaseClock } from './model.ts';
import type { StatutoryPeriod } from './periods.ts';

/**
 * The limitation for applying to arbitration, claim by claim (LDMAL art. 27), as a pure computation. It is
 * the employer's defence in arbitration, not a bar the union applies: a referral past it goes ahead with a
 * warning for the institute to weigh.
 *
 * - art. 27(1): one year from when the party knew or should have known of the infringement (each claim its
 *   own `knewOn`, or the case's).
 * - art. 27(2): a request for relief to a competent body (the union's mediation, the application received on
 *   `receivedOn`) interrupts it; the year restarts from the day the interruption ends (the mediation failed,
 *   the agreement was not performed). An application after the year ended interrupts nothing.
 * - art. 27(3): suspended (paused) for force majeure or another legitimate reason arising in the year's last
 *   six months; it continues when the cause ends. A cause that began earlier counts from the six-month mark.
 * - art. 27(4): remuneration (wages, overtime) owed while the employment lasts is not limited; once it ended,
 *   the claim must be made within a year of `employmentEndedOn`. Without an end date the employment is taken
 *   as continuing.
 */

export const LIMITATION_ARTICLE = 'LDMAL art. 27';

/** The claim categories that are labour remuneration (劳动报酬), limited only from the employment's end. */
export const PAY_CATEGORIES: readonly string[] = ['WAGE_ARREARS', 'OVERTIME'];

/** Why a claim's limitation stands as it does. */
export type LimitationState =
  /** Remuneration while the employment lasts (art. 27(4)). */
  | 'NOT_LIMITED'
  /** No date the infringement was known: the year cannot be counted. */
  | 'UNKNOWN'
  /** The union's mediation (or the agreement) interrupts it and has not ended (art. 27(2)). */
  | 'INTERRUPTED'
  /** Paused for force majeure or another legitimate reason (art. 27(3)). */
  | 'SUSPENDED'
  | 'RUNNING'
  /** The year ended before the union received the application, which therefore interrupted nothing. */
  | 'ENDED_BEFORE_APPLICATION'
  /** The year restarted when the interruption ended, and has ended since. */
  | 'ENDED_AFTER_INTERRUPTION';

export interface LimitationFacts {
  readonly claims: readonly { readonly category: string; readonly knewOn?: string | undefined }[];
  readonly knewOn: string | null;
  readonly employmentEndedOn: string | null;
  /** Shanghai date the union received the application: a request for relief (art. 27(2)). */
  readonly receivedOn: string;
  /** Shanghai date the latest interruption ended (mediation failed, agreement not performed); null if none has. */
  readonly restartedOn: string | null;
  /** Suspensions of the restarted year (art. 27(3)), oldest first; `to` null while it lasts. */
  readonly suspensions: readonly { readonly from: string; readonly to: string | null }[];
}

export interface ClaimLimitation {
  /** Index of the claim on the case. */
  readonly claim: number;
  readonly category: string;
  readonly state: LimitationState;
  /** The day the year counts from (its day not counted): knowledge, employment end or the interruption's end. */
  readonly from: string | null;
  /** The last day to apply (art. 203 applied); null when the year is not running. */
  readonly lastDay: string | null;
  /** The holiday calendar lacked the last day's year: the day may move later. */
  readonly provisional: boolean;
}

/** What the case and the referral's event record when the limitation seems to have run out. */
export interface LimitationWarning {
  readonly article: typeof LIMITATION_ARTICLE;
  /** The earliest last day among the claims whose year has ended. */
  readonly lastDay: string;
  readonly why: 'ENDED_BEFORE_APPLICATION' | 'ENDED_AFTER_INTERRUPTION';
  /** Each claim whose year has ended, with the day it counted from and its last day. */
  readonly claims: readonly {
    readonly claim: number;
    readonly category: string;
    readonly from: string;
    readonly lastDay: string;
    readonly why: 'ENDED_BEFORE_APPLICATION' | 'ENDED_AFTER_INTERRUPTION';
  }[];
}

/** What a case records of its limitation; absent on cases stored before warnings existed. */
export interface CaseLimitation {
  /**
   * The limitation seemed to have run out when the case was referred to arbitration: a defence for the
   * employer, for the institute to weigh, never a bar. Null when it did not.
   */
  readonly limitationWarning?: LimitationWarning | null;
}

/**
 * The longest run of rest days a published year has had (the Spring Festival): a provisional last day (its
 * year's holidays not loaded) can move at most this far (Civil Code art. 203).
 */
const LONGEST_REST_RUN = 9;

/** Whether `day` is after the last day, also if a holiday not yet published moves the last day on. */
function surelyAfter(day: string, lastDay: string, provisional: boolean): boolean {
  return day > (provisional ? addDays(lastDay, LONGEST_REST_RUN) : lastDay);
}

/** The same day six months earlier, or the last day of that month (Civil Code art. 202 read for months). */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const lastOfMonth = new Date(Date.UTC(y, m - 1 - months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 - months, Math.min(d, lastOfMonth))).toISOString().slice(0, 10);
}

/**
 * The restarted year's last day with its suspensions: each pauses it from its start (or the six-month mark
 * before the last day then reached, if later) to its end; a suspension that began after the last day, or
 * ended before the mark, pauses nothing. Null while a suspension lasts.
 */
function restartedLastDay(
  restartedOn: string,
  suspensions: LimitationFacts['suspensions'],
  period: StatutoryPeriod,
  calendar: HolidayCalendar,
): { lastDay: string | null; provisional: boolean; suspended: boolean } {
  let added = 0;
  let deadline = adjustedDeadline(period, restartedOn, 0, calendar);
  for (const s of suspensions) {
    const lastDay = shanghaiDate(deadline.at);
    if (s.from > lastDay) continue;
    // Counted as the clock counts a pause (clock.ts, daysBetween): the days after it began, to its end.
    const begins = suspensionStart(s.from, lastDay);
    if (s.to === null) return { lastDay: null, provisional: false, suspended: true };
    if (s.to <= begins) continue;
    added += daysBetween('CALENDAR_DAYS', begins, s.to, calendar);
    deadline = adjustedDeadline(period, restartedOn, added, calendar);
  }
  return { lastDay: shanghaiDate(deadline.at), provisional: deadline.provisional, suspended: false };
}

/** Each claim's limitation as of the facts (LDMAL art. 27), in claim order. */
export function claimLimitations(
  facts: LimitationFacts,
  today: string,
  period: StatutoryPeriod,
  calendar: HolidayCalendar,
): ClaimLimitation[] {
  const restarted = facts.restartedOn
    ? restartedLastDay(facts.restartedOn, facts.suspensions, period, calendar)
    : null;
  return facts.claims.map((claim, index) => {
    const base = { claim: index, category: claim.category };
    const pay = PAY_CATEGORIES.includes(claim.category);
    if (pay && facts.employmentEndedOn === null) {
      return { ...base, state: 'NOT_LIMITED', from: null, lastDay: null, provisional: false };
    }
    const from = pay ? facts.employmentEndedOn : (claim.knewOn ?? facts.knewOn);
    // The union's application interrupts only a year still running: one that had ended stays ended.
    if (from !== null) {
      const first = adjustedDeadline(period, from, 0, calendar);
      const lastDay = shanghaiDate(first.at);
      if (surelyAfter(facts.receivedOn, lastDay, first.provisional)) {
        return { ...base, state: 'ENDED_BEFORE_APPLICATION', from, lastDay, provisional: false };
      }
    }
    if (restarted === null) {
      return {
        ...base,
        state: from === null ? 'UNKNOWN' : 'INTERRUPTED',
        from,
        lastDay: null,
        provisional: false,
      };
    }
    const restartedOn = facts.restartedOn as string;
    if (restarted.suspended || restarted.lastDay === null) {
      return { ...base, state: 'SUSPENDED', from: restartedOn, lastDay: null, provisional: false };
    }
    const ended = surelyAfter(today, restarted.lastDay, restarted.provisional);
    return {
      ...base,
      state: ended ? 'ENDED_AFTER_INTERRUPTION' : 'RUNNING',
      from: restartedOn,
      lastDay: restarted.lastDay,
      provisional: restarted.provisional,
    };
  });
}

/** The warning a referral on `today` carries, or null when no claim's year has ended (LDMAL art. 27). */
export function limitationWarning(limitations: readonly ClaimLimitation[]): LimitationWarning | null {
  const ended = limitations.flatMap((l) =>
    (l.state === 'ENDED_BEFORE_APPLICATION' || l.state === 'ENDED_AFTER_INTERRUPTION') &&
    l.from !== null &&
    l.lastDay !== null
      ? [{ claim: l.claim, category: l.category, from: l.from, lastDay: l.lastDay, why: l.state }]
      : [],
  );
  const first = [...ended].sort((a, b) => a.lastDay.localeCompare(b.lastDay))[0];
  if (!first) return null;
  return { article: LIMITATION_ARTICLE, lastDay: first.lastDay, why: first.why, claims: ended };
}

/**
 * The facts a case holds about its limitation: its claims and dates, and the LIMITATION clock that the end
 * of an interruption starts (FAIL_MEDIATION, FAIL_PERFORMANCE), with its pauses. A case without that clock
 * (still in mediation, or stored before the clock existed) is still interrupted by its application.
 */
export function limitationFacts(c: {
  readonly claims: LimitationFacts['claims'];
  readonly knewOn: string | null;
  readonly employmentEndedOn: string | null;
  readonly receivedOn: string;
  readonly clocks?: readonly CaseClock[];
}): LimitationFacts {
  const clock = latestLimitationClock(c.clocks);
  const paused = (clock?.adjustments ?? [])
    .filter((a) => a.kind === 'PAUSED')
    .map((a) => ({ from: a.from, to: a.to ?? a.from }));
  return {
    claims: c.claims,
    knewOn: c.knewOn,
    employmentEndedOn: c.employmentEndedOn,
    receivedOn: c.receivedOn,
    restartedOn: clock?.startedOn ?? null,
    suspensions: clock?.pausedOn ? [...paused, { from: clock.pausedOn, to: null }] : paused,
  };
}

/**
 * The LIMITATION clock that counts for the case: the first whose year ran out (EXPIRED, or STOPPED after
 * its last day) — a later request for relief does not revive an ended limitation — else the latest, unless
 * a new interruption ended it in time (MET: a referral, a resumed mediation), which leaves the limitation
 * interrupted again.
 */
export function latestLimitationClock(clocks: readonly CaseClock[] | undefined): CaseClock | undefined {
  const limitation = (clocks ?? []).filter((k) => k.clock === 'LIMITATION');
  const lapsed = limitation.find((k) => k.status === 'EXPIRED' || k.status === 'STOPPED');
  if (lapsed) return lapsed;
  const latest = limitation.at(-1);
  return latest?.status === 'MET' ? undefined : latest;
}

/**
 * Whether ending an interruption starts a limitation at all: some claim is limited (not remuneration while
 * the employment lasts).
 */
export const anyLimitedClaim = (c: {
  readonly claims: LimitationFacts['claims'];
  readonly employmentEndedOn: string | null;
}): boolean => c.claims.some((k) => !PAY_CATEGORIES.includes(k.category) || c.employmentEndedOn !== null);

/**
 * The day a suspension pauses the limitation clock from (art. 27(3)): the day it is recorded, or the start
 * of the year's last six months when that is later (a cause arising earlier counts only from then).
 */
export function suspensionStart(today: string, dueOn: string): string {
  const mark = monthsBefore(dueOn, 6);
  return today > mark ? today : mark;
}
