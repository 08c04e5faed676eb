/**
 * Early warnings (issue 20): signals that show labour relations going wrong at one employer, the warning
 * they raise (level 1, most severe, red, to level 4, blue) and its lifecycle from raised to closed.
 */

/** What a monitoring partner may report, with the units each is measured in. */
export const PARTNER_INDICATORS = {
  /** Social-insurance contributions unpaid: for how many months, for how many workers, how much. */
  SOCIAL_INSURANCE_ARREARS: ['MONTHS', 'WORKERS', 'FEN'],
  /** Wages unpaid: for how many months, to how many workers, how much. */
  WAGE_ARREARS: ['MONTHS', 'WORKERS', 'FEN'],
  /** Valid wage-arrears complaints received in the period. */
  WAGE_ARREARS_COMPLAINTS: ['COMPLAINTS'],
  /** A layoff reported (Labour Contract Law art. 41): workers laid off, or their share of the workforce. */
  LAYOFF_REPORT: ['WORKERS', 'PERCENT'],
  /** Unemployment registrations of the employer's former workers in the period. */
  UNEMPLOYMENT_REGISTRATIONS: ['WORKERS'],
  /** Taxes unpaid. */
  TAX_ARREARS: ['FEN', 'MONTHS'],
  /** Listed in the abnormal-operation register for a closure, a relocation or a suspension (value 1). */
  ABNORMAL_OPERATION: ['CLOSURE', 'RELOCATION', 'SUSPENSION'],
  /** Complaints to the 12351 hotline in the period. */
  HOTLINE_COMPLAINTS: ['COMPLAINTS'],
} as const;

/** What the system's own cases say of an employer, derived when a case is filed or acted on. */
export const CASE_INDICATORS = {
  /** Cases filed against the employer (counted over the rule's window, 90 days by default). */
  CASES_FILED: ['CASES'],
  /** Collective disputes (10 workers or more) against the employer. */
  COLLECTIVE_DISPUTES: ['CASES'],
  /** Mediations that ended without agreement. */
  FAILED_AGREEMENTS: ['CASES'],
  /** Payment orders applied for on an agreement the employer did not pay (LDMAL art. 16). */
  PAYMENT_ORDERS: ['CASES'],
} as const;

export const INDICATORS = { ...PARTNER_INDICATORS, ...CASE_INDICATORS } as const;
export type Indicator = keyof typeof INDICATORS;
export type PartnerIndicator = keyof typeof PARTNER_INDICATORS;
export const INDICATOR_NAMES = Object.keys(INDICATORS) as Indicator[];
export const PARTNER_INDICATOR_NAMES = Object.keys(PARTNER_INDICATORS) as PartnerIndicator[];
export const UNITS = [
  'MONTHS',
  'WORKERS',
  'FEN',
  'COMPLAINTS',
  'PERCENT',
  'CLOSURE',
  'RELOCATION',
  'SUSPENSION',
  'CASES',
] as const;
export type Unit = (typeof UNITS)[number];

/** 1 is the most severe (red), 4 the least (blue). */
export const LEVELS = [1, 2, 3, 4] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_COLOURS: Readonly<Record<Level, string>> = {
  1: 'red',
  2: 'orange',
  3: 'yellow',
  4: 'blue',
};

/** One observation of one indicator at one employer, as reported. */
export interface Signal {
  readonly creditCode: string;
  readonly indicator: Indicator;
  readonly unit: Unit;
  readonly value: number;
  /** The period observed, as reported (YYYY-MM-DD to YYYY-MM-DD). */
  readonly periodFrom: string;
  readonly periodTo: string;
  readonly observedOn: string;
  /** Who reported it: a monitoring partner, or SYSTEM for the cases' own signals. */
  readonly source: string;
  /** The source's reference; with the source it identifies the signal (a replay is the same signal). */
  readonly reference: string;
  /** The administrative division (6 digits) the source places the employer in, if it gave one. */
  readonly district?: string;
  readonly employerName?: string;
  /** The cases' own signals: the case, its number and post (never its parties). */
  readonly caseId?: string;
  readonly caseNumber?: string;
  readonly postId?: string;
  readonly receivedAt: string;
}

/** The identity of a signal: the same source and reference twice is one signal. */
export const signalIdentity = (s: Pick<Signal, 'source' | 'reference' | 'indicator' | 'unit'>): string =>
  `${s.source}#${s.indicator}#${s.unit}#${s.reference}`;

export const WARNING_STATUSES = [
  'RAISED',
  'DISPATCHED',
  'ACKNOWLEDGED',
  'VERIFYING',
  'DISPOSED',
  'CLOSED',
  'SUPPRESSED',
] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];
/** Statuses in which a new signal updates the warning instead of opening another. */
export const OPEN_STATUSES: readonly WarningStatus[] = ['RAISED', 'DISPATCHED', 'ACKNOWLEDGED', 'VERIFYING'];

/** 一函两书: the labour-law supervision letters a union sends. */
export const LETTER_KINDS = ['REMINDER_LETTER', 'OPINION_LETTER', 'RECOMMENDATION_LETTER'] as const;
export const REFERRAL_TARGETS = ['LABOUR_INSPECTION', 'PROCURATORATE'] as const;

export type Disposition =
  | {
      readonly kind: 'SUPERVISION_LETTER';
      readonly letter: (typeof LETTER_KINDS)[number];
      readonly number: string;
      readonly issuedOn: string;
    }
  | { readonly kind: 'MEDIATION_CASE'; readonly caseId: string }
  | { readonly kind: 'REFERRAL'; readonly to: (typeof REFERRAL_TARGETS)[number]; readonly reference: string }
  | { readonly kind: 'NO_RISK'; readonly note: string };
export const DISPOSITION_KINDS = ['SUPERVISION_LETTER', 'MEDIATION_CASE', 'REFERRAL', 'NO_RISK'] as const;

/** A signal as a fired rule cites it. */
export interface CitedSignal {
  readonly source: string;
  readonly reference: string;
  readonly observedOn: string;
  readonly value: number;
}

/** A rule that fired, with the value it saw and the signals that gave it. */
export interface FiredRule {
  readonly ruleId: string;
  readonly indicator: Indicator;
  readonly unit: Unit;
  readonly comparison: 'GTE' | 'GT';
  readonly threshold: number;
  readonly windowDays: number;
  readonly level: Level;
  readonly value: number;
  readonly signals: readonly CitedSignal[];
}

export interface Suppression {
  readonly reason: string;
  readonly until: string;
  readonly supervisor: string;
}

export interface WarningEvent {
  readonly at: string;
  readonly action: string;
  readonly by: string;
  readonly level?: Level;
}

export interface Warning {
  /** `<credit code>-<sequence>`: the employer's partition and the warning's place in it. */
  readonly warningId: string;
  readonly creditCode: string;
  readonly employerName: string | null;
  readonly district: string;
  /** The post covering the district, or null while no post covers it (the warning stays RAISED). */
  readonly postId: string | null;
  readonly level: Level;
  readonly status: WarningStatus;
  readonly ruleVersion: number;
  readonly fired: readonly FiredRule[];
  /** The monitoring partners whose signals fired a rule: each hears of the disposition. */
  readonly sources: readonly string[];
  readonly acknowledgeBy: string | null;
  readonly disposeBy: string | null;
  readonly disposition: Disposition | null;
  readonly suppression: Suppression | null;
  readonly history: readonly WarningEvent[];
  readonly raisedAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/** The next deadline a warning has to meet, if any: the list's order (overdue first). */
export function nextDue(w: Pick<Warning, 'status' | 'acknowledgeBy' | 'disposeBy'>): string | null {
  if (w.status === 'RAISED' || w.status === 'DISPATCHED') return w.acknowledgeBy;
  if (w.status === 'ACKNOWLEDGED' || w.status === 'VERIFYING') return w.disposeBy;
  return null;
}

export const isOpen = (w: Pick<Warning, 'status'>): boolean => OPEN_STATUSES.includes(w.status);
