import type { CaseLimitation } from '../clocks/limitation.ts';
import type { CaseClock } from '../clocks/model.ts';
import type { Actor } from '../shared/actor.ts';
import type { Destination, PartnerKind } from '../shared/destinations.ts';
import type { Agreement } from './agreement.ts';
import type { Claim, Employer } from './claims.ts';
import type { CaseParties } from './parties.ts';

export const ORIGINS = [
  'WALK_IN',
  'ONLINE',
  'ARBITRATION_PRE_MEDIATION',
  'COURT_DELEGATED',
  'TRANSFER',
] as const;
export type Origin = (typeof ORIGINS)[number];

export const CASE_STATUSES = [
  'FILED',
  'MEDIATING',
  'SETTLED',
  'PERFORMED',
  'CONFIRMATION_REQUESTED',
  'CONFIRMED',
  'PAYMENT_ORDER_REQUESTED',
  'MEDIATION_FAILED',
  'ARBITRATION_PENDING',
  'ARBITRATION_ACCEPTED',
  'AWARDED',
  /** The institute declined the application: the worker may sue (LDMAL art. 29). */
  'ARBITRATION_DECLINED',
  /** The award took effect and must be performed (LDMAL arts. 50, 51). */
  'AWARD_EFFECTIVE',
  /** The intermediate court set a final award aside: a party may sue (LDMAL art. 49). */
  'AWARD_SET_ASIDE',
  /** Settled by the institute's own mediation: its mediation statement is enforceable (LDMAL arts. 42, 51). */
  'ARBITRAL_MEDIATION_STATEMENT',
  /** The parties jointly asked the institute to review their agreement (MOHRSS Rules 2017 arts. 74–77). */
  'ARBITRAL_REVIEW_REQUESTED',
  /** The institute confirmed the agreement on review with an enforceable mediation statement (arts. 74–77). */
  'REVIEW_CONFIRMED',
  /** The payment order was issued: the debtor pays or objects within 15 days (CPL art. 227). */
  'PAYMENT_ORDER_ISSUED',
  /** Handed to a court to file a suit (or an application on the award); the court has not filed it yet. */
  'LITIGATION_PENDING',
  'IN_LITIGATION',
  /** The court gave judgment: it is performed, or enforced if not (CPL arts. 235, 247). */
  'JUDGMENT_GIVEN',
  /** An enforceable agreement, award or payment order was not performed: enforcement at the court. */
  'ENFORCEMENT_REQUESTED',
  'TRANSFER_PENDING',
  'WITHDRAWN',
  'CLOSED',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const TERMINAL_STATUSES: readonly CaseStatus[] = ['WITHDRAWN', 'CLOSED'];

export function isTerminal(status: CaseStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}
export { COLLECTIVE_DISPUTE_MIN_WORKERS, isCollective } from './parties.ts';

export interface Worker {
  readonly name: string;
  /** Resident ID number (GB 11643); personal information under PIPL, masked wherever it is not needed. */
  readonly idNumber: string;
  readonly phone: string;
}

export {
  type Agreement,
  type AgreementItem,
  type AgreementSignatures,
  type Instalment,
  nextPerformanceDate,
} from './agreement.ts';
export {
  CLAIM_CATEGORIES,
  type Claim,
  type ClaimCategory,
  EMPLOYER_KINDS,
  type Employer,
  type EmployerKind,
  employerOf,
  INDUSTRY_SECTIONS,
  type IndustrySection,
} from './claims.ts';

/** A handoff out of the post, as the case and its events refer to it. */
export interface Handoff {
  readonly handoffId: string;
  readonly destination: Destination;
  readonly purpose: string;
  /** The state the case left when it was handed; a FAILED handoff can be cancelled back to it. */
  readonly fromStatus?: CaseStatus;
  /** Kept on the case as the pipeline settles it (the handoff record holds the details). */
  readonly status?: 'PENDING' | 'DELIVERED' | 'FAILED';
}

/** The court or arbitration institute that opened the case at the union, with its reference. */
export interface CaseSource {
  readonly kind: PartnerKind;
  readonly id: string;
  readonly reference: string;
  /** Shanghai date the partner received the application or delegated the case. */
  readonly receivedOn: string;
}

/** A decision a court or arbitration institute reported back, as kept on the case. */
export interface PartnerDecision {
  /** The callback event type, e.g. `arbitration.award_issued`. */
  readonly type: string;
  readonly partnerId: string;
  readonly reference: string | null;
  /** Shanghai date of the decision (for an award: the date it was served). */
  readonly decidedOn: string;
  readonly version: number;
}

/** An arbitral award (LDMAL arts. 47–50). */
/** An arbitral mediation statement (调解书), enforceable like an award (LDMAL art. 51). */
export interface ArbitralStatement {
  /** MEDIATION: the institute's own mediation (art. 42); REVIEW: its review of a union agreement (MOHRSS art. 74). */
  readonly kind: 'MEDIATION' | 'REVIEW';
  readonly reference: string;
  /** Shanghai date the institute issued it. */
  readonly issuedOn: string;
}

/** A suit a court reported on its own after a non-final award (LDMAL art. 50). */
export interface ReportedSuit {
  readonly courtId: string;
  readonly reference: string;
  /** Shanghai date the court filed it: inside the 15 days from the award's service. */
  readonly filedOn: string;
}

export interface Award {
  readonly reference: string;
  /** A final award (LDMAL art. 47) binds the employer when made; a non-final one after 15 days (art. 50). */
  readonly final: boolean;
  readonly awardFen: number;
  readonly servedOn: string;
}

/** A post that transferred the case away, and the case version of that handover (its HANDOFF_RECEIVED). */
export interface FormerPost {
  readonly postId: string;
  readonly untilVersion: number;
}

export interface Case extends CaseParties, CaseLimitation {
  readonly caseId: string;
  /** Human-readable, allocated per post and Shanghai year: `QD-SN-01-2026-000042`. */
  readonly caseNumber: string;
  readonly postId: string;
  readonly origin: Origin;
  readonly workers: readonly Worker[];
  readonly employer: Employer;
  readonly claims: readonly Claim[];
  readonly claimedFen: number;
  readonly summary: string;
  /** New-employment-form (platform) worker case, with the platform's name. */
  readonly newEmploymentForm: boolean;
  readonly platform: string | null;
  readonly collective: boolean;
  readonly status: CaseStatus;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Shanghai date the union received the mediation application (the mediation period counts from it). */
  readonly receivedOn: string;
  /** When the worker knew or should have known of the infringement (LDMAL art. 27), if recorded. */
  readonly knewOn: string | null;
  /** When the employment ended (wages during employment: limitation runs from here, art. 27). */
  readonly employmentEndedOn: string | null;
  /** The statutory clocks: running, met, expired, stopped (domain/clocks/model.ts). */
  readonly clocks: readonly CaseClock[];
  /** End of the statutory mediation period (LDMAL art. 14; court delegation per local rule). */
  readonly mediationDueAt: string;
  /** The holiday calendar lacked the year of the last day, so `mediationDueAt` ignores holidays. */
  readonly mediationDueAtProvisional: boolean;
  readonly mediatorId: string | null;
  readonly sessionsHeld: number;
  readonly lastSessionAt: string | null;
  readonly agreement: Agreement | null;
  /** The latest handoff out of the union (to a post, an arbitration institute or a court). */
  readonly lastHandoff: Handoff | null;
  /** Posts that handed the case on; each keeps read access to the record up to its handover. */
  readonly formerPosts: readonly FormerPost[];
  /** Why the case stopped: a failure reason, a withdrawal reason or a closing resolution. */
  readonly outcome: string | null;
  /** The partner that opened the case (court delegation, pre-arbitration mediation); null for the union's own. */
  readonly source: CaseSource | null;
  /** What courts and arbitration institutes decided, oldest first. */
  readonly decisions: readonly PartnerDecision[];
  readonly award: Award | null;
  /**
   * The institute's enforceable mediation statement (调解书): its own mediation settled the case (LDMAL
   * arts. 42, 51), or it confirmed the parties' agreement on review (MOHRSS Rules 2017 arts. 74–77).
   * Absent on cases that have none.
   */
  readonly arbitralStatement?: ArbitralStatement;
  /**
   * A suit after a non-final award that a court reported without the union handing it (LDMAL art. 50: the
   * employer's, or one filed before the union knew): that court holds the case from then on.
   */
  readonly reportedSuit?: ReportedSuit;
  /**
   * Money recovered for the workers besides the agreement's payments (`agreement.paidFen`), integer fen: what
   * a court recorded on concluding (CPL arts. 247, 264–268) or what was paid under an effective award, an
   * arbitral mediation statement or a judgment when the case closed (LDMAL art. 51). Absent if none recorded.
   */
  readonly recoveredFen?: number;
  /**
   * The union's mediation ended by handing the case to the arbitration institute or a court, with the Shanghai
   * date (LDMAL arts. 14, 29; court delegation): the first such referral, kept as it was. The figures count
   * the union's closure then. Absent before a referral, and on cases referred before it was kept.
   */
  readonly referral?: { readonly kind: 'ARBITRATION' | 'COURT'; readonly on: string };
  readonly consultationId?: string; // the consultation it was opened from (consultations/open-case.ts)
}

export const CASE_EVENT_TYPES = [
  'CASE_FILED',
  'ACTION_APPLIED',
  'HANDOFF_REQUESTED',
  /** The receiving post took the case over (union-post transfer). */
  'HANDOFF_RECEIVED',
  /** A court or arbitration institute acknowledged receipt, with its reference. */
  'HANDOFF_DELIVERED',
  'HANDOFF_FAILED',
  'HANDOFF_RETRIED',
  /** A statutory clock ran out (the reminder sweep records it); its legal consequence opens. */
  'CLOCK_EXPIRED',
  /** Provisional deadlines were counted again once the year's holiday calendar was loaded. */
  'CLOCKS_RECOMPUTED',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

export interface CaseEvent {
  readonly caseId: string;
  /** The case version this event produced; events of one action share it and differ by `seq`. */
  readonly version: number;
  readonly seq: number;
  readonly type: CaseEventType;
  readonly action: string;
  readonly actor: Actor;
  readonly at: string;
  readonly from: CaseStatus | null;
  readonly to: CaseStatus;
  /** What was decided, with personal data (ID numbers, phones, names) left out. */
  readonly payload: Readonly<Record<string, unknown>>;
  readonly handoff?: Handoff;
}

/** What a list shows: no worker names, ID numbers or phones. */
export type CaseSummary = Pick<
  Case,
  | 'caseId'
  | 'caseNumber'
  | 'postId'
  | 'origin'
  | 'status'
  | 'version'
  | 'createdAt'
  | 'updatedAt'
  | 'mediationDueAt'
  | 'mediatorId'
  | 'collective'
  | 'newEmploymentForm'
  | 'claimedFen'
> & {
  readonly employerName: string;
  readonly workerCount: number;
  /** The earliest end among the case's running clocks (the desk list sorts by it); absent if none runs. */
  readonly nextDueAt?: string;
};

export function formatCaseNumber(postId: string, year: number, sequence: number): string {
  return `${postId}-${year}-${String(sequence).padStart(6, '0')}`;
}
