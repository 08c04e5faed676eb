/**
 * The mediation agreement as the case keeps it (LDMAL art. 14): its terms, who signed and when it took
 * effect, the amount per claim and an instalment schedule with what has been paid. Re-exported by model.ts.
 */

/** What the agreement settles of one claim of the case, so the total can be traced claim by claim. */
export interface AgreementItem {
  /** The claim's position in the case's `claims` (0-based). */
  readonly claim: number;
  readonly amountFen: number;
}

/** One payment date of an agreement paid in instalments, with what has been paid towards it. */
export interface Instalment {
  /** Shanghai date by which this instalment is due. */
  readonly dueOn: string;
  readonly amountFen: number;
  readonly paidFen: number;
}

/**
 * Who signed the agreement. LDMAL art. 14: it takes effect once both parties have signed or sealed it, the
 * mediator has signed and the mediation organisation has sealed it.
 */
export interface AgreementSignatures {
  /** The workers who signed, by position in the case's `workers` (a collective dispute: its representatives). */
  readonly workers: readonly number[];
  /** Who signed for the employer, and whether the employer's seal is on it (art. 14: "签名或者盖章"). */
  readonly employer: { readonly representative: string; readonly sealed: boolean };
  /** The mediator who signed. */
  readonly mediator: string;
  readonly organisationSeal: true;
}

/**
 * A mediation agreement. Agreements stored before the formalities were recorded have no `items`,
 * `instalments`, `signatures` or `effectiveOn`: they read as one sum due by `performBy`, effective the day
 * they were signed (`signedAt`).
 */
export interface Agreement {
  readonly terms: string;
  readonly amountFen: number;
  /** Shanghai calendar date by which the employer must perform. */
  readonly performBy: string;
  readonly signedAt: string;
  readonly paidFen: number;
  /** The amount settled per claim; they sum to `amountFen`. */
  readonly items?: readonly AgreementItem[];
  /** An instalment schedule, earliest first, summing to `amountFen`; absent when it is paid at once. */
  readonly instalments?: readonly Instalment[];
  readonly signatures?: AgreementSignatures;
  /** Shanghai date the agreement took effect (art. 14); the confirmation and review windows count from it. */
  readonly effectiveOn?: string;
}

/**
 * The next date by which something under the agreement must be paid: the earliest instalment not paid in
 * full, or `performBy` for an agreement without a schedule (or one whose instalments are all paid). Once it
 * has passed with money owed, the agreement is not performed in time (LDMAL art. 15).
 */
export function nextPerformanceDate(a: Agreement): string {
  const unpaid = (a.instalments ?? []).find((i) => i.paidFen < i.amountFen);
  return unpaid && unpaid.dueOn < a.performBy ? unpaid.dueOn : a.performBy;
}
