import type { Case } from '../case/model.ts';
import { shanghaiDate } from '../clocks/legal-time.ts';
import type { Indicator, Signal } from './model.ts';

/** The source the cases' own signals carry. */
export const SYSTEM_SOURCE = 'SYSTEM';

/**
 * What one stored version of a case says of its employer (issue 20, "signals from the system's own
 * cases"): filed (and collective) when the case first appears; a failed mediation and a payment order
 * (LDMAL art. 16) when the case enters that status. Input: the previous image (null for a new case) and
 * the new one. Output: the signals, each identified by the case id, so a record delivered again is the
 * same signal. Only employers with a credit code (organisations); a natural person's ID number never
 * becomes a signal. The case number and post go with it (the risk route shows the post its own numbers);
 * no parties, no claims.
 */
export function caseSignals(previous: Case | null, next: Case): Signal[] {
  const code = next.employer.creditCode;
  if (!code) return [];
  const make = (indicator: Indicator, at: string): Signal => ({
    creditCode: code,
    indicator,
    unit: 'CASES',
    value: 1,
    periodFrom: shanghaiDate(next.createdAt),
    periodTo: shanghaiDate(at),
    observedOn: shanghaiDate(at),
    source: SYSTEM_SOURCE,
    reference: next.caseId,
    caseId: next.caseId,
    caseNumber: next.caseNumber,
    postId: next.postId,
    receivedAt: at,
  });
  const entered = (status: Case['status']) => next.status === status && previous?.status !== status;
  return [
    ...(previous === null ? [make('CASES_FILED', next.createdAt)] : []),
    ...(previous === null && next.collective ? [make('COLLECTIVE_DISPUTES', next.createdAt)] : []),
    ...(entered('MEDIATION_FAILED') ? [make('FAILED_AGREEMENTS', next.updatedAt)] : []),
    ...(entered('PAYMENT_ORDER_REQUESTED') ? [make('PAYMENT_ORDERS', next.updatedAt)] : []),
  ];
}
