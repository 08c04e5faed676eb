/**
 * The parties' side of a case beyond the workers and the employer: collective disputes (LDMAL art. 7), who
 * acts for whom (arts. 24–25), and how the application was made and decided (arts. 12–13).
 */

/** Ten or more workers with a common claim make a collective dispute (LDMAL art. 7). */
export const COLLECTIVE_DISPUTE_MIN_WORKERS = 10;

/**
 * Who acts for a party (LDMAL arts. 24–25): a worker's legal representative (a minor, a worker who lost
 * capacity), the next of kin of a deceased worker, an appointed agent (a lawyer, union staff) with the
 * authority the power of attorney states, or the employer's legal representative (法定代表人).
 */
export const AGENT_ROLES = ['LEGAL_REPRESENTATIVE', 'NEXT_OF_KIN', 'APPOINTED_AGENT'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];
/** Why a worker has a legal representative (LDMAL art. 25). */
export const LEGAL_REPRESENTATION_REASONS = ['MINOR', 'INCAPACITY'] as const;
export const AGENT_KINDS = ['LAWYER', 'UNION_STAFF', 'OTHER'] as const;
/**
 * An appointed agent's authority (LDMAL art. 24: the power of attorney states it): SPECIAL is needed to
 * settle, withdraw, or give up or admit a claim (CPL art. 62; MOHRSS Rules 2017 art. 63 for representatives).
 */
export const AGENT_AUTHORITIES = ['GENERAL', 'SPECIAL'] as const;

export interface Agent {
  readonly actsFor: 'WORKER' | 'EMPLOYER';
  /** The worker (index into `workers`) a worker's agent acts for. */
  readonly workerIndex?: number;
  readonly role: AgentRole;
  readonly reason?: (typeof LEGAL_REPRESENTATION_REASONS)[number];
  /** A next of kin's relationship to the deceased worker (spouse, child, parent…). */
  readonly relationship?: string;
  readonly agentKind?: (typeof AGENT_KINDS)[number];
  readonly authority?: (typeof AGENT_AUTHORITIES)[number];
  readonly name: string;
  /** Resident ID number (GB 11643): personal information, masked like a worker's. */
  readonly idNumber?: string;
  readonly phone?: string;
  /** Shanghai date the agent was recorded (intake, or APPOINT_AGENT). */
  readonly appointedOn: string;
}

/** How the mediation application was made (LDMAL art. 12): in writing, or orally and recorded on the spot. */
export const APPLICATION_FORMS = ['WRITTEN', 'ORAL'] as const;
export type ApplicationForm = (typeof APPLICATION_FORMS)[number];

/**
 * The record of an oral application, made on the spot (LDMAL art. 12): the applicant and the other party and
 * the matters in dispute are the intake's workers, employer and claims; here the date and the facts and reasons.
 */
export interface OralRecord {
  readonly recordedOn: string;
  readonly facts: string;
}

/** The post's decision to take the application up or not, and the notice to the other side. */
export interface MediationDecision {
  readonly decision: 'ACCEPTED' | 'DECLINED';
  readonly decidedOn: string;
  readonly reason: string | null;
  readonly notice: { readonly on: string; readonly to: string; readonly means: string };
}

export function isCollective(workerCount: number): boolean {
  return workerCount >= COLLECTIVE_DISPUTE_MIN_WORKERS;
}

/** The workers (indexes) a claim belongs to: those it names, or all of them (a claim naming none is common). */
export function claimWorkers(
  claim: { readonly workerIndexes?: readonly number[] | undefined },
  workerCount: number,
): readonly number[] {
  return claim.workerIndexes ?? Array.from({ length: workerCount }, (_, i) => i);
}

/**
 * The workers sharing a common claim of ten or more (LDMAL art. 7: "ten or more workers with a common
 * claim", not a head count); empty when no claim is common to ten.
 */
export function commonClaimWorkers(
  claims: readonly { readonly workerIndexes?: readonly number[] | undefined }[],
  workerCount: number,
): ReadonlySet<number> {
  const members = claims
    .map((claim) => claimWorkers(claim, workerCount))
    .filter((workers) => isCollective(new Set(workers).size));
  return new Set(members.flat());
}

/** What a case records of its parties beyond the workers and the employer; absent on cases stored before. */
export interface CaseParties {
  /** Indexes of the workers elected to represent a collective dispute (LDMAL art. 7). */
  readonly representatives?: readonly number[];
  /** Who acts for whom (LDMAL arts. 24–25). */
  readonly agents?: readonly Agent[];
  /** Absent: a written application. */
  readonly applicationForm?: ApplicationForm;
  readonly oralRecord?: OralRecord | null;
  readonly mediationDecision?: MediationDecision | null;
}
