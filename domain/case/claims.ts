/** The employer and the claims of a case (split from model.ts; model.ts re-exports them). */

/**
 * The sections of the national industry classification (GB/T 4754-2017, 国民经济行业分类): A agriculture,
 * forestry, animal husbandry and fishery … T international organisations. The statistics count received
 * cases by the employer's section (docs/statistics.md).
 */
export const INDUSTRY_SECTIONS = [
  'A',
  'B',
  'C',
  'D',
  'E',
  'F',
  'G',
  'H',
  'I',
  'J',
  'K',
  'L',
  'M',
  'N',
  'O',
  'P',
  'Q',
  'R',
  'S',
  'T',
] as const;
export type IndustrySection = (typeof INDUSTRY_SECTIONS)[number];

export const CLAIM_CATEGORIES = [
  'WAGE_ARREARS',
  'OVERTIME',
  'SOCIAL_INSURANCE',
  'DISMISSAL_COMPENSATION',
  'WORK_INJURY',
  'LABOUR_CONTRACT',
  'OTHER',
] as const;
export type ClaimCategory = (typeof CLAIM_CATEGORIES)[number];

/**
 * Who employs: an organisation with a unified social credit code, or one without — a natural person, or a
 * work team under a labour contractor (包工头) that was never registered — known by a person's ID number.
 */
export const EMPLOYER_KINDS = ['ORGANISATION', 'NATURAL_PERSON', 'WORK_TEAM'] as const;
export type EmployerKind = (typeof EMPLOYER_KINDS)[number];

export interface Employer {
  readonly name: string;
  /** Absent on cases filed before employers without a credit code were taken: those are ORGANISATIONs. */
  readonly kind?: EmployerKind;
  /** Unified social credit code (GB 32100): an ORGANISATION's. */
  readonly creditCode?: string;
  /**
   * Resident ID number (GB 11643) of a NATURAL_PERSON employer or of a WORK_TEAM's head: personal
   * information under PIPL, masked wherever a worker's is.
   */
  readonly idNumber?: string;
  /** The employer's industry: a GB/T 4754-2017 section letter (A–T); absent when not recorded. */
  readonly industry?: IndustrySection;
}

/** The employer with its kind spelled out (a case stored before kinds existed holds an organisation). */
export function employerOf(e: Employer): Employer & { readonly kind: EmployerKind } {
  return {
    ...e,
    kind: e.kind ?? (e.creditCode === undefined && e.idNumber ? 'NATURAL_PERSON' : 'ORGANISATION'),
  };
}

export interface Claim {
  readonly category: ClaimCategory;
  readonly amountFen: number; // RMB in integer fen
  readonly description: string;
  /** The workers (indexes) the claim belongs to; absent, all of them: a common claim (LDMAL art. 7). */
  readonly workerIndexes?: readonly number[];
  /** When this claim's infringement was known, if not the case's `knewOn` (LDMAL art. 27). */
  readonly knewOn?: string;
  readonly subKind?: 'MEDICAL_COSTS' | 'BENEFITS' | 'OTHER'; // a work injury's head (LDMAL art. 16)
}
