import { z } from 'zod';
import {
  type Actor,
  type Case,
  type CaseStatus,
  DATE,
  FEN,
  type Handoff,
  INSTANT,
  PARTNER_ID,
  type PartnerKind,
  POST_ID,
  type Role,
  TEXT,
} from './case.ts';
import { ValidationError } from './errors.ts';
import { calendarDeadline, type HolidayCalendar, shanghaiDate } from './legal-time.ts';

/**
 * The case lifecycle as one table: (state, action) → next state, who may do it, the guard, the changes and
 * the handoffs it emits. Everything else — the API's action schema, the allowed-actions hint in a 409,
 * the property tests and the README diagram — is derived from this table.
 */

/** Periods from configuration; the defaults are the statutory ones in DOMAIN.md. */
export interface LifecyclePolicy {
  /** LDMAL art. 14: union / enterprise mediation, calendar days from receipt of the application. */
  readonly mediationDays: number;
  /** Court-delegated pre-litigation mediation; local court rules differ. */
  readonly courtDelegatedMediationDays: number;
  /** People's Mediation Law art. 33: joint application for judicial confirmation. */
  readonly judicialConfirmationDays: number;
}

export const DEFAULT_POLICY: LifecyclePolicy = {
  mediationDays: 15,
  courtDelegatedMediationDays: 30,
  judicialConfirmationDays: 30,
};

export interface TransitionContext {
  readonly now: string;
  readonly actor: Actor;
  readonly policy: LifecyclePolicy;
  readonly calendar: HolidayCalendar;
  /** Mints stable ids for the handoffs an action emits. */
  readonly newHandoffId: () => string;
}

const HUMANS: readonly Role[] = ['mediator', 'supervisor', 'admin'];

export const ACTION_PAYLOADS = {
  ASSIGN_MEDIATOR: z.strictObject({ mediatorId: TEXT(64) }),
  RECORD_SESSION: z.strictObject({ heldAt: INSTANT, notes: TEXT(10_000) }),
  SIGN_AGREEMENT: z.strictObject({ terms: TEXT(20_000), amountFen: FEN, performBy: DATE }),
  RECORD_PERFORMANCE: z.strictObject({ paidFen: FEN.positive('must be more than 0') }),
  REQUEST_JUDICIAL_CONFIRMATION: z.strictObject({ courtId: PARTNER_ID }),
  REQUEST_PAYMENT_ORDER: z.strictObject({ courtId: PARTNER_ID }),
  FAIL_MEDIATION: z.strictObject({ reason: TEXT(2000) }),
  /** LDMAL art. 15: an agreement not performed in time lets the worker apply for arbitration. */
  FAIL_PERFORMANCE: z.strictObject({ reason: TEXT(2000) }),
  REFER_TO_ARBITRATION: z.strictObject({ arbitrationId: PARTNER_ID }),
  RETURN_TO_COURT: z.strictObject({ courtId: PARTNER_ID }),
  TRANSFER_TO_POST: z.strictObject({ toPostId: POST_ID, reason: TEXT(2000) }),
  WITHDRAW: z.strictObject({ reason: TEXT(2000) }),
  CLOSE: z.strictObject({ resolution: TEXT(2000) }),
  // Moved by other systems (queue consumers and partner callbacks), never by the mediator API.
  ACCEPT_TRANSFER: z.strictObject({}),
  ACCEPT_FOR_ARBITRATION: z.strictObject({ reference: TEXT(64) }),
  DECLINE_ARBITRATION: z.strictObject({ reason: TEXT(2000) }),
  ISSUE_AWARD: z.strictObject({ reference: TEXT(64), final: z.boolean(), awardFen: FEN }),
  AWARD_EFFECTIVE: z.strictObject({}),
  FILE_LITIGATION: z.strictObject({ reference: TEXT(64) }),
  RECORD_JUDGMENT: z.strictObject({ reference: TEXT(64) }),
  CONFIRM_AGREEMENT: z.strictObject({ reference: TEXT(64) }),
  REJECT_CONFIRMATION: z.strictObject({ reason: TEXT(2000) }),
  RECORD_PAYMENT_ORDER: z.strictObject({ reference: TEXT(64) }),
} as const;

export type ActionName = keyof typeof ACTION_PAYLOADS;
export const ACTION_NAMES = Object.keys(ACTION_PAYLOADS) as ActionName[];
export type ActionPayload<A extends ActionName> = z.output<(typeof ACTION_PAYLOADS)[A]>;
export type Command = { [A in ActionName]: { action: A } & ActionPayload<A> }[ActionName];

type Patch = Partial<Omit<Case, 'caseId' | 'caseNumber' | 'status' | 'version' | 'createdAt' | 'updatedAt'>>;

export interface Transition<A extends ActionName = ActionName> {
  readonly action: A;
  readonly from: readonly CaseStatus[];
  readonly to: CaseStatus;
  readonly roles: readonly Role[];
  /** A reason the transition is refused in this case, or null. Rows sharing (from, action) are tried in order. */
  readonly guard?: (c: Case, p: ActionPayload<A>, ctx: TransitionContext) => string | null;
  /** The case fields the action changes besides status and version; throws ValidationError on bad input. */
  readonly apply?: (c: Case, p: ActionPayload<A>, ctx: TransitionContext) => Patch;
  /** A handoff out of the union this action requests. */
  readonly handoff?: (c: Case, p: ActionPayload<A>) => { kind: PartnerKind; id: string; purpose: string };
}

const row = <A extends ActionName>(t: Transition<A>): Transition => t as unknown as Transition;

const outstanding = (c: Case) => (c.agreement ? c.agreement.amountFen - c.agreement.paidFen : 0);
const paysInFull = (c: Case, p: { paidFen: number }) => p.paidFen >= outstanding(c);
const recordPayment = (c: Case, p: { paidFen: number }): Patch => {
  if (!c.agreement) return {};
  if (p.paidFen > outstanding(c)) {
    throw ValidationError.field(
      'paidFen',
      `exceeds the ${outstanding(c)} fen still owed under the agreement`,
    );
  }
  return { agreement: { ...c.agreement, paidFen: c.agreement.paidFen + p.paidFen } };
};
/**
 * A case the arbitration institute or a court sent for mediation goes back to it: the union may not simply
 * drop it (DOMAIN.md: failed court-delegated and pre-arbitration mediations are handed back).
 */
const handBackFirst = (c: Case) =>
  c.origin === 'COURT_DELEGATED'
    ? 'a court-delegated case is handed back to its court (FAIL_MEDIATION, then RETURN_TO_COURT)'
    : c.origin === 'ARBITRATION_PRE_MEDIATION'
      ? 'a pre-arbitration case is handed back to arbitration (FAIL_MEDIATION, then REFER_TO_ARBITRATION)'
      : null;
/** LDMAL art. 16: a payment order covers agreed wages, injury medical costs, compensation or damages. */
const PAYMENT_ORDER_CATEGORIES = new Set([
  'WAGE_ARREARS',
  'OVERTIME',
  'WORK_INJURY',
  'DISMISSAL_COMPENSATION',
]);

export const TRANSITIONS: readonly Transition[] = [
  row({
    action: 'ASSIGN_MEDIATOR',
    from: ['FILED', 'MEDIATING'],
    to: 'MEDIATING',
    roles: HUMANS,
    apply: (_c, p) => ({ mediatorId: p.mediatorId }),
  }),
  row({
    action: 'RECORD_SESSION',
    from: ['MEDIATING'],
    to: 'MEDIATING',
    roles: HUMANS,
    apply: (c, p, ctx) => {
      const heldAt = new Date(p.heldAt).toISOString();
      if (heldAt > ctx.now) throw ValidationError.field('heldAt', 'must not be in the future');
      if (heldAt < c.createdAt)
        throw ValidationError.field('heldAt', 'must not be before the case was filed');
      return {
        sessionsHeld: c.sessionsHeld + 1,
        lastSessionAt: c.lastSessionAt && c.lastSessionAt > heldAt ? c.lastSessionAt : heldAt,
      };
    },
  }),
  row({
    action: 'SIGN_AGREEMENT',
    from: ['MEDIATING'],
    to: 'SETTLED',
    roles: HUMANS,
    guard: (c) =>
      c.sessionsHeld > 0 ? null : 'record at least one mediation session before signing an agreement',
    apply: (_c, p, ctx) => {
      if (p.performBy < shanghaiDate(ctx.now))
        throw ValidationError.field('performBy', 'must not be in the past');
      return { agreement: { ...p, signedAt: ctx.now, paidFen: 0 } };
    },
  }),
  row({
    action: 'RECORD_PERFORMANCE',
    from: ['SETTLED', 'CONFIRMED'],
    to: 'PERFORMED',
    roles: HUMANS,
    guard: (c, p) => (paysInFull(c, p) ? null : 'partial payment'),
    apply: recordPayment,
  }),
  row({
    action: 'RECORD_PERFORMANCE',
    from: ['SETTLED'],
    to: 'SETTLED',
    roles: HUMANS,
    apply: recordPayment,
  }),
  row({
    action: 'RECORD_PERFORMANCE',
    from: ['CONFIRMED'],
    to: 'CONFIRMED',
    roles: HUMANS,
    apply: recordPayment,
  }),
  row({
    action: 'REQUEST_JUDICIAL_CONFIRMATION',
    from: ['SETTLED'],
    to: 'CONFIRMATION_REQUESTED',
    roles: HUMANS,
    guard: (c, _p, ctx) => {
      if (!c.agreement) return 'no mediation agreement';
      const due = calendarDeadline(c.agreement.signedAt, ctx.policy.judicialConfirmationDays, ctx.calendar);
      // A provisional deadline is the earliest the period can end; without holiday data, do not refuse.
      return ctx.now <= due.at || due.provisional
        ? null
        : `judicial confirmation must be requested within ${ctx.policy.judicialConfirmationDays} days of the agreement (People's Mediation Law art. 33); the period ended ${due.at}`;
    },
    handoff: (_c, p) => ({ kind: 'COURT', id: p.courtId, purpose: 'JUDICIAL_CONFIRMATION' }),
  }),
  row({
    action: 'REQUEST_PAYMENT_ORDER',
    from: ['SETTLED', 'CONFIRMED'],
    to: 'PAYMENT_ORDER_REQUESTED',
    roles: HUMANS,
    guard: (c, _p, ctx) => {
      if (!c.agreement || outstanding(c) <= 0) return 'nothing is owed under the agreement';
      if (shanghaiDate(ctx.now) <= c.agreement.performBy)
        return `the employer has until ${c.agreement.performBy} to pay`;
      if (!c.claims.some((claim) => PAYMENT_ORDER_CATEGORIES.has(claim.category))) {
        return 'a payment order covers wages, work-injury medical costs, compensation or damages only (LDMAL art. 16)';
      }
      return null;
    },
    handoff: (_c, p) => ({ kind: 'COURT', id: p.courtId, purpose: 'PAYMENT_ORDER' }),
  }),
  row({
    action: 'FAIL_MEDIATION',
    from: ['FILED', 'MEDIATING'],
    to: 'MEDIATION_FAILED',
    roles: HUMANS,
    apply: (_c, p) => ({ outcome: p.reason }),
  }),
  row({
    action: 'REFER_TO_ARBITRATION',
    from: ['MEDIATION_FAILED'],
    to: 'ARBITRATION_PENDING',
    roles: HUMANS,
    guard: (c) =>
      c.origin === 'COURT_DELEGATED'
        ? 'a court-delegated case goes back to its court, not to arbitration'
        : null,
    handoff: (_c, p) => ({ kind: 'ARBITRATION', id: p.arbitrationId, purpose: 'ARBITRATION_APPLICATION' }),
  }),
  row({
    action: 'RETURN_TO_COURT',
    from: ['MEDIATION_FAILED'],
    to: 'IN_LITIGATION',
    roles: HUMANS,
    guard: (c) =>
      c.origin === 'COURT_DELEGATED' ? null : 'only a court-delegated case is returned to a court',
    handoff: (_c, p) => ({ kind: 'COURT', id: p.courtId, purpose: 'LITIGATION_FILING' }),
  }),
  row({
    action: 'TRANSFER_TO_POST',
    from: ['FILED', 'MEDIATING'],
    to: 'TRANSFER_PENDING',
    roles: HUMANS,
    guard: (c, p) => (p.toPostId === c.postId ? 'the case already belongs to that post' : null),
    handoff: (_c, p) => ({ kind: 'UNION_POST', id: p.toPostId, purpose: 'TRANSFER' }),
  }),
  row({
    action: 'FAIL_PERFORMANCE',
    from: ['SETTLED', 'CONFIRMED'],
    to: 'MEDIATION_FAILED',
    roles: HUMANS,
    guard: (c, _p, ctx) =>
      c.agreement && shanghaiDate(ctx.now) > c.agreement.performBy
        ? null
        : `the employer has until ${c.agreement?.performBy ?? 'the agreed date'} to perform`,
    apply: (_c, p) => ({ outcome: `agreement not performed: ${p.reason}` }),
  }),
  row({
    action: 'WITHDRAW',
    from: ['FILED', 'MEDIATING', 'MEDIATION_FAILED'],
    to: 'WITHDRAWN',
    roles: HUMANS,
    guard: handBackFirst,
    apply: (_c, p) => ({ outcome: p.reason }),
  }),
  row({
    action: 'CLOSE',
    from: ['PERFORMED'],
    to: 'CLOSED',
    roles: HUMANS,
    apply: (_c, p) => ({ outcome: p.resolution }),
  }),
  row({
    action: 'CLOSE',
    from: ['SETTLED', 'CONFIRMED'],
    to: 'CLOSED',
    roles: HUMANS,
    guard: (c) => (outstanding(c) > 0 ? `${outstanding(c)} fen are still owed: record the payments` : null),
    apply: (_c, p) => ({ outcome: p.resolution }),
  }),
  row({
    action: 'CLOSE',
    from: ['MEDIATION_FAILED'],
    to: 'CLOSED',
    roles: HUMANS,
    guard: handBackFirst,
    apply: (_c, p) => ({ outcome: p.resolution }),
  }),
  row({
    action: 'ACCEPT_TRANSFER',
    from: ['TRANSFER_PENDING'],
    to: 'FILED',
    roles: ['system'],
    guard: (c) => (c.lastHandoff?.destination.kind === 'UNION_POST' ? null : 'no transfer is pending'),
    apply: (c) => ({
      postId: c.lastHandoff?.destination.id ?? c.postId,
      mediatorId: null,
      formerPosts: [
        ...(c.formerPosts ?? []).filter((p) => p.postId !== c.postId),
        { postId: c.postId, untilVersion: c.version + 1 },
      ],
    }),
  }),
  row({
    action: 'ACCEPT_FOR_ARBITRATION',
    from: ['ARBITRATION_PENDING'],
    to: 'ARBITRATION_ACCEPTED',
    roles: ['arbitration'],
  }),
  row({
    action: 'DECLINE_ARBITRATION',
    from: ['ARBITRATION_PENDING'],
    to: 'CLOSED',
    roles: ['arbitration'],
    apply: (_c, p) => ({ outcome: `arbitration not accepted: ${p.reason}` }),
  }),
  row({ action: 'ISSUE_AWARD', from: ['ARBITRATION_ACCEPTED'], to: 'AWARDED', roles: ['arbitration'] }),
  row({
    action: 'AWARD_EFFECTIVE',
    from: ['AWARDED'],
    to: 'CLOSED',
    roles: ['arbitration'],
    apply: () => ({ outcome: 'arbitral award effective' }),
  }),
  row({ action: 'FILE_LITIGATION', from: ['AWARDED'], to: 'IN_LITIGATION', roles: ['court'] }),
  row({
    action: 'RECORD_JUDGMENT',
    from: ['IN_LITIGATION'],
    to: 'CLOSED',
    roles: ['court'],
    apply: (_c, p) => ({ outcome: `judgment ${p.reference}` }),
  }),
  row({ action: 'CONFIRM_AGREEMENT', from: ['CONFIRMATION_REQUESTED'], to: 'CONFIRMED', roles: ['court'] }),
  row({
    action: 'REJECT_CONFIRMATION',
    from: ['CONFIRMATION_REQUESTED'],
    to: 'MEDIATION_FAILED',
    roles: ['court'],
    apply: (_c, p) => ({ outcome: `judicial confirmation rejected: ${p.reason}` }),
  }),
  row({
    action: 'RECORD_PAYMENT_ORDER',
    from: ['PAYMENT_ORDER_REQUESTED'],
    to: 'CLOSED',
    roles: ['court'],
    apply: (_c, p) => ({ outcome: `payment order ${p.reference}` }),
  }),
];

export const TERMINAL_STATUSES: readonly CaseStatus[] = ['WITHDRAWN', 'CLOSED'];

export function isTerminal(status: CaseStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Actions the role may attempt in a state, in table order. */
export function allowedActions(status: CaseStatus, role: Role): ActionName[] {
  const names = TRANSITIONS.filter((t) => t.from.includes(status) && t.roles.includes(role)).map(
    (t) => t.action,
  );
  return [...new Set(names)];
}

/** Every (from, to, action) edge of the table, for diagrams and reachability checks. */
export function edges(): { from: CaseStatus; to: CaseStatus; action: ActionName }[] {
  return TRANSITIONS.flatMap((t) => t.from.map((from) => ({ from, to: t.to, action: t.action })));
}

export type { Handoff };
