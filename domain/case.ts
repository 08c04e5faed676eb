import { z } from 'zod';
import { creditCodeProblem, mobileProblem, residentIdProblem } from './identifiers.ts';

export const ORIGINS = [
  'WALK_IN',
  'ONLINE',
  'ARBITRATION_PRE_MEDIATION',
  'COURT_DELEGATED',
  'TRANSFER',
] as const;
export type Origin = (typeof ORIGINS)[number];

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
  'IN_LITIGATION',
  'TRANSFER_PENDING',
  'WITHDRAWN',
  'CLOSED',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** People acting through the mediator API. */
export const HUMAN_ROLES = ['mediator', 'supervisor', 'admin'] as const;
/** Systems acting through signed callbacks and queue consumers. */
export const SYSTEM_ROLES = ['system', 'arbitration', 'court'] as const;
export type Role = (typeof HUMAN_ROLES)[number] | (typeof SYSTEM_ROLES)[number];

export interface Actor {
  readonly sub: string;
  readonly role: Role;
  readonly postId: string;
}

/** Ten or more workers with a common claim make a collective dispute (LDMAL art. 7). */
export const COLLECTIVE_DISPUTE_MIN_WORKERS = 10;

export const POST_ID = z
  .string()
  .regex(
    /^[A-Z0-9]{1,12}(-[A-Z0-9]{1,12}){0,5}$/,
    'must look like QD-SN-01 (upper-case letters, digits, dashes)',
  );
export const PARTNER_ID = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'must be 1–64 letters, digits, - or _');
/** Money is RMB in integer fen; never floating point. */
export const FEN = z.number().int('must be whole fen').nonnegative().max(Number.MAX_SAFE_INTEGER);
export const TEXT = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
export const INSTANT = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time with offset' });
export const DATE = z.iso.date('must be a date YYYY-MM-DD');

const problem = (check: (value: string) => string | null) => (value: string, ctx: z.RefinementCtx) => {
  const message = check(value);
  if (message) ctx.addIssue({ code: 'custom', message });
};

export const WorkerInput = z.strictObject({
  name: TEXT(100),
  idNumber: z.string().superRefine(problem((v) => residentIdProblem(v, '9999-12-31'))),
  phone: z.string().superRefine(problem(mobileProblem)),
});

export const EmployerInput = z.strictObject({
  name: TEXT(200),
  creditCode: z.string().superRefine(problem(creditCodeProblem)),
});

export const ClaimInput = z.strictObject({
  category: z.enum(CLAIM_CATEGORIES),
  amountFen: FEN,
  description: TEXT(2000),
});

/** What a mediator submits to open a case (`POST /cases`). */
export const CaseIntake = z.strictObject({
  origin: z.enum(ORIGINS),
  workers: z.array(WorkerInput).min(1, 'at least one worker').max(500),
  employer: EmployerInput,
  claims: z.array(ClaimInput).min(1, 'at least one claim').max(50),
  summary: TEXT(4000),
  postId: POST_ID.optional(),
  platform: TEXT(100).optional(),
});
export type CaseIntake = z.output<typeof CaseIntake>;

export type Worker = z.output<typeof WorkerInput>;
export type Employer = z.output<typeof EmployerInput>;
export type Claim = z.output<typeof ClaimInput>;

export interface Agreement {
  readonly terms: string;
  readonly amountFen: number;
  /** Shanghai calendar date by which the employer must perform. */
  readonly performBy: string;
  readonly signedAt: string;
  readonly paidFen: number;
}

export type PartnerKind = 'UNION_POST' | 'ARBITRATION' | 'COURT';

export interface Handoff {
  readonly handoffId: string;
  readonly destination: { readonly kind: PartnerKind; readonly id: string };
  readonly purpose: string;
}

/** A post that transferred the case away, and the case version of that handover (its HANDOFF_RECEIVED). */
export interface FormerPost {
  readonly postId: string;
  readonly untilVersion: number;
}

export interface Case {
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

export function isCollective(workerCount: number): boolean {
  return workerCount >= COLLECTIVE_DISPUTE_MIN_WORKERS;
}

export function formatCaseNumber(postId: string, year: number, sequence: number): string {
  return `${postId}-${year}-${String(sequence).padStart(6, '0')}`;
}
