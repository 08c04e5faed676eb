import { CLAIM_CATEGORIES, ORIGINS } from '../case/model.ts';

/**
 * The metric dictionary: each figure of GET /stats with its definition, the case facts it counts and the
 * business date (a Shanghai date, never processing time) that puts it in a month. Rows as data, like
 * domain/clocks/periods.ts: docs/statistics.md and the tests are derived from them. The shape mirrors the
 * labour-dispute tables of the statistical yearbooks and the unions' legal-aid bulletins.
 */

/** How a closed case ended, as the bureaus' tables count closures by manner. */
export const CLOSURE_MANNERS = [
  'AGREEMENT_PERFORMED',
  'CONFIRMED',
  'PAYMENT_ORDER',
  'REFERRED_TO_ARBITRATION',
  'REFERRED_TO_COURT',
  'WITHDRAWN',
  'OTHER',
] as const;
export type ClosureManner = (typeof CLOSURE_MANNERS)[number];

/** The channels a consultation comes in by (12351: the ACFTU's hotline). */
export const CONSULTATION_CHANNELS = ['WALK_IN', 'PHONE', 'ONLINE', 'HOTLINE_12351'] as const;
export type ConsultationChannel = (typeof CONSULTATION_CHANNELS)[number];

/** The case origins the received figure is broken down by (a transfer between posts is received too). */
export const COUNTED_ORIGINS = ORIGINS;
export const COUNTED_CATEGORIES = CLAIM_CATEGORIES;

export type BusinessDate = 'RECEIVED_ON' | 'CLOSED_ON' | 'START_OF_MONTH' | 'CONSULTED_ON';

export interface MetricDefinition {
  /** The field of FIGURES. */
  readonly id: string;
  readonly definition: string;
  /** The case (or consultation) facts it counts. */
  readonly facts: string;
  readonly businessDate: BusinessDate;
  /** Where the figure is published in this form. */
  readonly source: string;
}

const YEARBOOK = 'statistical yearbooks, labour-dispute table';
const BULLETIN = "union legal-aid bulletins (Qingdao's, 2021–25)";

export const METRICS: readonly MetricDefinition[] = [
  {
    id: 'carriedOver',
    definition:
      'Cases open at the start of the period: received before it and not closed (nor referred out) before it.',
    facts:
      "receivedOn and the closing date, read from the years' roll-ups before the period's first year and that year's months before it",
    businessDate: 'START_OF_MONTH',
    source: YEARBOOK,
  },
  {
    id: 'received',
    definition: 'Cases the post received in the period.',
    facts: 'receivedOn (the Shanghai date the application reached the union)',
    businessDate: 'RECEIVED_ON',
    source: YEARBOOK,
  },
  {
    id: 'receivedByOrigin',
    definition:
      'Received, by how the case came: walk-in, online, court-delegated, institute pre-arbitration, transfer.',
    facts: 'origin',
    businessDate: 'RECEIVED_ON',
    source: YEARBOOK,
  },
  {
    id: 'collective',
    definition:
      'Received cases that are collective disputes (ten or more workers with a common claim, LDMAL art. 7).',
    facts: 'collective',
    businessDate: 'RECEIVED_ON',
    source: YEARBOOK,
  },
  {
    id: 'workers',
    definition: 'Workers involved in the received cases.',
    facts: 'the number of workers',
    businessDate: 'RECEIVED_ON',
    source: YEARBOOK,
  },
  {
    id: 'workersInCollective',
    definition: 'Workers involved in the received collective cases.',
    facts: 'the number of workers of a collective case',
    businessDate: 'RECEIVED_ON',
    source: YEARBOOK,
  },
  {
    id: 'byCategory',
    definition:
      'Received cases by claim category; a case with claims of several categories counts once in each.',
    facts: "the claims' categories",
    businessDate: 'RECEIVED_ON',
    source: YEARBOOK,
  },
  {
    id: 'newEmploymentForm',
    definition: 'Received cases of new-employment-form (platform) workers.',
    facts: 'newEmploymentForm',
    businessDate: 'RECEIVED_ON',
    source: BULLETIN,
  },
  {
    id: 'closed',
    definition:
      "Cases whose part at the union ended in the period: CLOSED or WITHDRAWN, or referred to the arbitration institute or a court (the union's mediation ended; LDMAL arts. 14, 29).",
    facts:
      'the status or the referral, and the Shanghai date of the referral or of the version that ended the case',
    businessDate: 'CLOSED_ON',
    source: YEARBOOK,
  },
  {
    id: 'closedByManner',
    definition:
      'Closed, by manner: the agreement performed, judicially confirmed, a payment order, referred to arbitration, referred to court, withdrawn, other.',
    facts:
      'the referral, the status, the court and institute decisions, the last handoff and the agreement (see mannerOf)',
    businessDate: 'CLOSED_ON',
    source: YEARBOOK,
  },
  {
    id: 'mediationSuccessRate',
    definition:
      'Closed cases that ended with a mediation agreement, as a share of the closed cases (referred ones included); null when none closed.',
    facts: 'the agreement of a closed case',
    businessDate: 'CLOSED_ON',
    source: BULLETIN,
  },
  {
    id: 'closedOnTime',
    definition:
      "Closed cases none of whose statutory periods for the mediator, institute or court ran out; for a referred case, the union's mediation period.",
    facts:
      'the clocks of the bodies (mediation, arbitration acceptance and award, payment order acceptance and issue; not the parties’ windows to seek confirmation or review): none EXPIRED, none STOPPED (rather than MET) with its last day before the closing date',
    businessDate: 'CLOSED_ON',
    source: BULLETIN,
  },
  {
    id: 'closedOnTimeRate',
    definition: 'closedOnTime as a share of closed; null when none closed.',
    facts: 'as closedOnTime',
    businessDate: 'CLOSED_ON',
    source: BULLETIN,
  },
  {
    id: 'daysToCloseMean',
    definition:
      'Mean calendar days from receipt to closing of the cases closed in the period; null when none.',
    facts: 'receivedOn and the closing date',
    businessDate: 'CLOSED_ON',
    source: 'district bulletins (average days to close)',
  },
  {
    id: 'daysToCloseMedian',
    definition: 'Median of the same days (the lower middle of an even count); null when none.',
    facts: 'receivedOn and the closing date',
    businessDate: 'CLOSED_ON',
    source: 'district bulletins',
  },
  {
    id: 'claimedFen',
    definition: 'Money claimed in the received cases, in fen.',
    facts: 'claimedFen',
    businessDate: 'RECEIVED_ON',
    source: 'provincial bulletins (amount involved)',
  },
  {
    id: 'agreedFen',
    definition: 'Money agreed under the mediation agreements of the cases closed in the period, in fen.',
    facts: 'agreement.amountFen of a closed case',
    businessDate: 'CLOSED_ON',
    source: BULLETIN,
  },
  {
    id: 'recoveredFen',
    definition:
      'Money recorded as paid to the workers of the cases closed in the period: paid under the agreement, recorded by a court on concluding, or paid under an award, arbitral mediation statement or judgment the case was closed on; a referred case adds what is recovered later.',
    facts:
      "agreement.paidFen and recoveredFen (cases stored before recoveredFen: the amount in the court's conclusion)",
    businessDate: 'CLOSED_ON',
    source: BULLETIN,
  },
  {
    id: 'consultations',
    definition: 'Consultations the post recorded in the period.',
    facts: 'consultedOn',
    businessDate: 'CONSULTED_ON',
    source: BULLETIN,
  },
  {
    id: 'consultationsByChannel',
    definition: 'Consultations by channel: walk-in, phone, online, the 12351 hotline.',
    facts: 'channel',
    businessDate: 'CONSULTED_ON',
    source: BULLETIN,
  },
];
