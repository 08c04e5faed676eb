/**
 * The statutory periods, as data: how long, in which unit, from what, what stops, pauses or extends them,
 * and on which legal basis. A clock the lifecycle starts names one of these by id; configuration may
 * override a length by id (a local rule, a court's guidance) but never the unit or the basis. The table in
 * docs/legal-basis.md#periods is this list in prose.
 */

/**
 * How a period is counted (Civil Code art. 200: periods run in years, months, days or hours).
 * CALENDAR_DAYS: every day counts. WORKING_DAYS: only working days after the start day count (make-up
 * working days, 调休, included; statutory holidays and ordinary weekends excluded). YEARS: the same month
 * and day that many years later, or the last day of that month when it has no such day (Civil Code art.
 * 202). Whatever the unit, a last day on a rest day moves to the next working day (art. 203).
 */
export const PERIOD_UNITS = ['CALENDAR_DAYS', 'WORKING_DAYS', 'YEARS'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

/** How far a period may be extended, by whom, and on what basis. */
export interface PeriodExtension {
  /** The most days an extension may add; null where the law leaves it to the parties or a local rule. */
  readonly maxDays: number | null;
  readonly grantedBy: string;
  readonly basis: string;
}

export interface StatutoryPeriod {
  readonly id: PeriodId;
  readonly length: number;
  readonly unit: PeriodUnit;
  /** Why the period is counted in this unit. */
  readonly unitBasis: string;
  /** The event the period counts from (its day is not counted, Civil Code art. 201). */
  readonly startsOn: string;
  /** What ends, restarts or pauses the period before it runs out, and what its expiry lets a party do. */
  readonly stoppedBy: string;
  readonly extension?: PeriodExtension;
  readonly basis: string;
}

/** Days as the Civil Code counts them: no rule names working days for this period. */
const CALENDAR = 'calendar days: the law names no working-day count (Civil Code arts. 200–201)';
/** The MOHRSS Rules 2017 count the arbitration commission's 15- and 45-day periods in calendar days. */
const ARBITRATION_CALENDAR =
  'calendar days: the MOHRSS Rules 2017 count "15 / 45 days" as calendar days (final provisions, art. 80 by our reading; verify: the article text was not found in the copies searched)';
/** Court periods under the CPL are calendar days; the MOHRSS working-day rule binds arbitration only. */
const COURT_CALENDAR =
  'calendar days: a court period under the CPL (CPL art. 85, 2023 text: periods in hours, days, months, years, the first day not counted, a last day on a statutory holiday moves to the next day; no working-day count); the MOHRSS working-day rule binds arbitration only';

const PERIOD_ROWS = [
  {
    id: 'MEDIATION',
    length: 15,
    unit: 'CALENDAR_DAYS',
    unitBasis: CALENDAR,
    startsOn: 'receipt of the mediation application',
    stoppedBy:
      'an agreement or a failed mediation ends it; both parties may agree to extend it (EXTEND_MEDIATION). When it runs out without an agreement a party may apply for arbitration',
    extension: {
      maxDays: null,
      grantedBy: "both parties' consent, recorded by the mediator",
      basis:
        'Enterprise Labour Dispute Consultation and Mediation Provisions (企业劳动争议协商调解规定, MOHRSS 2011) art. 26 (verify the number)',
    },
    basis: 'LDMAL art. 14',
  },
  {
    id: 'COURT_DELEGATED_MEDIATION',
    length: 30,
    unit: 'CALENDAR_DAYS',
    unitBasis: CALENDAR,
    startsOn: "the court's delegation",
    stoppedBy:
      'an agreement or a failed mediation ends it; when it runs out the case goes back to the court for filing',
    extension: {
      maxDays: null,
      grantedBy: "the parties' agreement; the local court's rules set any limit",
      basis: "people's court guidance on delegated pre-litigation mediation (local rule)",
    },
    basis: "people's court guidance on delegated pre-litigation mediation (local rule, configurable)",
  },
  {
    id: 'ARBITRATION_ACCEPTANCE',
    length: 5,
    unit: 'WORKING_DAYS',
    unitBasis:
      'working days: the MOHRSS Rules 2017 count "3 / 5 / 10 days" as working days (final provisions, art. 80 by our reading; verify: the article text was not found in the copies searched), and LDMAL art. 29 is applied by the arbitration commission under those rules',
    startsOn: "the arbitration commission's receipt of the application",
    stoppedBy:
      'the decision to accept or decline ends it; it restarts from the day missing materials are supplied (MOHRSS Rules 2017 art. 46(2)). No decision in time: the applicant may sue',
    basis: 'LDMAL art. 29',
  },
  {
    id: 'ARBITRATION_AWARD',
    length: 45,
    unit: 'CALENDAR_DAYS',
    unitBasis: ARBITRATION_CALENDAR,
    startsOn: "the commission's acceptance of the application",
    stoppedBy:
      'the award ends it; it restarts on a joined party, an added or changed claim, a merged counter-claim or a transfer, and a suspension or service by public notice does not count (MOHRSS Rules 2017 art. 46). No award in time: a party may sue',
    extension: {
      maxDays: 15,
      grantedBy:
        "the commission chair's (or the authorised head of the arbitration institute's) written approval, with written notice to the parties",
      basis: 'LDMAL art. 43; MOHRSS Rules 2017 art. 45',
    },
    basis: 'LDMAL art. 43',
  },
  {
    id: 'SUE_AFTER_NON_FINAL_AWARD',
    length: 15,
    unit: 'CALENDAR_DAYS',
    unitBasis: CALENDAR,
    startsOn: 'receipt of a non-final award',
    stoppedBy: 'a suit ends it; when it runs out the award takes effect',
    basis: 'LDMAL art. 50',
  },
  {
    id: 'SUE_AFTER_FINAL_AWARD',
    length: 15,
    unit: 'CALENDAR_DAYS',
    unitBasis: CALENDAR,
    startsOn: "the worker's receipt of a final award (终局裁决)",
    stoppedBy: "the worker's suit ends it; when it runs out the worker can no longer sue",
    basis: 'LDMAL art. 48',
  },
  {
    id: 'SET_ASIDE_FINAL_AWARD',
    length: 30,
    unit: 'CALENDAR_DAYS',
    unitBasis: CALENDAR,
    startsOn: "the employer's receipt of a final award",
    stoppedBy:
      "the employer's application to the intermediate court ends it; when it runs out the award can no longer be set aside",
    basis: 'LDMAL art. 49',
  },
  {
    id: 'SUE_AFTER_SET_ASIDE',
    length: 15,
    unit: 'CALENDAR_DAYS',
    unitBasis: CALENDAR,
    startsOn: "a party's receipt of the intermediate court's ruling setting the final award aside",
    stoppedBy: 'a suit ends it; when it runs out the dispute can no longer be taken to court on that award',
    basis: 'LDMAL art. 49(3)',
  },
  {
    id: 'JUDICIAL_CONFIRMATION',
    length: 30,
    unit: 'CALENDAR_DAYS',
    unitBasis: CALENDAR,
    startsOn: 'the mediation agreement taking effect',
    stoppedBy: "the parties' joint application ends it; when it runs out the confirmation route closes",
    basis: 'CPL art. 205 (an agreement of a mediation organisation set up by law, a union one included)',
  },
  {
    id: 'ARBITRAL_REVIEW_OF_AGREEMENT',
    length: 15,
    unit: 'CALENDAR_DAYS',
    unitBasis: ARBITRATION_CALENDAR,
    startsOn: 'the mediation agreement taking effect',
    stoppedBy:
      "the parties' joint application for review ends it; when it runs out review by the arbitration commission is no longer available",
    basis: 'MOHRSS Rules 2017 art. 74',
  },
  {
    id: 'PAYMENT_ORDER_ACCEPTANCE',
    length: 5,
    unit: 'CALENDAR_DAYS',
    unitBasis: COURT_CALENDAR,
    startsOn: "the court's receipt of the application for a payment order",
    stoppedBy: "the court's decision to accept or reject ends it",
    basis: 'LDMAL art. 16; CPL art. 226',
  },
  {
    id: 'PAYMENT_ORDER_ISSUE',
    length: 15,
    unit: 'CALENDAR_DAYS',
    unitBasis: COURT_CALENDAR,
    startsOn: "the court's acceptance of the application",
    stoppedBy: 'issuing the order, or rejecting the application, ends it',
    basis: 'CPL art. 227',
  },
  {
    id: 'PAYMENT_ORDER_OBJECTION',
    length: 15,
    unit: 'CALENDAR_DAYS',
    unitBasis: COURT_CALENDAR,
    startsOn: 'service of the payment order on the debtor',
    stoppedBy:
      'payment or a written objection ends it (a valid objection ends the procedure, CPL art. 228); when it runs out without either the order is enforceable',
    basis: 'LDMAL art. 16; CPL art. 227',
  },
  {
    id: 'LIMITATION',
    length: 1,
    unit: 'YEARS',
    unitBasis:
      'years: "one year" is counted to the corresponding day of the expiry year, or the last day of its month (Civil Code art. 202), not as 365 or 366 days',
    startsOn: 'the day the party knew or should have known of the infringement',
    stoppedBy:
      'interrupted (restarts from zero) by a claim against the other party, a request for relief to a competent authority or the other party agreeing to perform; suspended (paused) by force majeure or another legitimate reason. Unpaid remuneration during employment: not limited while employment lasts, but must be claimed within one year after it ends',
    basis: 'LDMAL art. 27',
  },
  {
    id: 'ENFORCEMENT_APPLICATION',
    length: 2,
    unit: 'YEARS',
    unitBasis:
      'years: "二年" is counted to the corresponding day two years on, or the last day of its month (Civil Code art. 202)',
    startsOn:
      'the last day of the performance period the enforceable title sets (its last instalment; the day it took effect when it sets none)',
    stoppedBy:
      'the application for enforcement ends it; interrupted and suspended as the limitation of actions is (CPL art. 250(1)). When it runs out the debtor may raise it against the application: a defence, not a bar the union applies',
    basis: 'CPL art. 250 (2023 numbering)',
  },
] as const satisfies readonly (Omit<StatutoryPeriod, 'id'> & { id: string })[];

export type PeriodId = (typeof PERIOD_ROWS)[number]['id'];
export const PERIOD_IDS = PERIOD_ROWS.map((p) => p.id) as readonly PeriodId[];

export type StatutoryPeriods = Readonly<Record<PeriodId, StatutoryPeriod>>;

/** The periods as the law (or the named local rule) sets them. */
export const STATUTORY_PERIODS: StatutoryPeriods = Object.fromEntries(
  PERIOD_ROWS.map((p) => [p.id, p]),
) as StatutoryPeriods;

/** Lengths from configuration, by period id; anything not named keeps its statutory length. */
export type PeriodOverrides = Partial<Record<PeriodId, number>>;

/**
 * The variable that overrides a period's length, in the period's own unit: `PERIOD_<ID>_DAYS` for a
 * period in days, `PERIOD_<ID>_YEARS` for one in years (`PERIOD_LIMITATION_YEARS`).
 */
export function overrideVariable(id: PeriodId): string {
  return `PERIOD_${id}_${STATUTORY_PERIODS[id].unit === 'YEARS' ? 'YEARS' : 'DAYS'}`;
}

/** The longest override a period accepts: a year of days, or a few years. */
export function maxOverride(id: PeriodId): number {
  return STATUTORY_PERIODS[id].unit === 'YEARS' ? 5 : 365;
}

export function withOverrides(overrides: PeriodOverrides): StatutoryPeriods {
  const out = { ...STATUTORY_PERIODS };
  for (const id of PERIOD_IDS) {
    const length = overrides[id];
    if (length !== undefined) out[id] = { ...STATUTORY_PERIODS[id], length };
  }
  return out;
}
