import * as z from 'zod/mini';
import { type Case, nextPerformanceDate } from '../../case/model.ts';
import { instantOf, lapsed, withStatus } from '../../clocks/clock.ts';
import { periodDeadline, shanghaiDate } from '../../clocks/legal-time.ts';
import { HUMAN_ROLES } from '../../shared/actor.ts';
import { ValidationError } from '../../shared/errors.ts';
import { message } from '../../shared/messages.ts';
import { FEN, PARTNER_ID } from '../../shared/validation.ts';
import { defineAction, NO_CLOCKS, type Patch, type TransitionContext } from '../definition.ts';
import { DECIDED_ON, REFERENCE } from './partner.ts';

/**
 * The two years to apply for enforcement (CPL art. 250, 2023 numbering): the actions that make a title
 * enforceable start ENFORCEMENT_APPLICATION in their `clocks` from the title's last day to perform (the day
 * it took effect when it gives none); the actions that end a title stop it (`titleGone`). Here: the
 * worker's application for enforcement and the court's outcome (LDMAL art. 51; CPL arts. 235, 247).
 */

/**
 * The title was performed in full: a payment order's 15 days end — met if paid within them (CPL art. 227)
 * — and there is nothing left to enforce, so the enforcement period stops.
 */
export const performedInFull = (c: Case, now: string): Patch => ({
  clocks: (c.clocks ?? []).map((k) => {
    if (k.status !== 'RUNNING') return k;
    if (k.clock === 'PAYMENT_ORDER_OBJECTION')
      return withStatus(k, now <= k.dueAt ? 'MET' : 'STOPPED', c.version + 1);
    return k.clock === 'ENFORCEMENT_APPLICATION' ? withStatus(k, 'STOPPED', c.version + 1) : k;
  }),
});

const outstanding = (c: Case) => (c.agreement ? c.agreement.amountFen - c.agreement.paidFen : 0);

/**
 * The enforceable title is gone — a payment order lapsed on an objection, a final award set aside or sued
 * on by the worker: its enforcement period stops, unmet (an action's row may return changed clocks).
 */
export const titleGone = (c: Case): Patch => ({
  clocks: (c.clocks ?? []).map((k) =>
    k.clock === 'ENFORCEMENT_APPLICATION' && k.status === 'RUNNING'
      ? withStatus(k, 'STOPPED', c.version + 1)
      : k,
  ),
});

/**
 * The payment order's 15 days (CPL art. 227) have run out: by its clock, or — on a case stored before the
 * clock counted from service — 15 days from the order's date. A refusal names the last day.
 */
function objectionPeriodOver(c: Case, ctx: TransitionContext) {
  const clock = (c.clocks ?? []).findLast((k) => k.clock === 'PAYMENT_ORDER_OBJECTION');
  if (clock) {
    return lapsed([clock], 'PAYMENT_ORDER_OBJECTION', ctx.now) || clock.status === 'STOPPED'
      ? null
      : message('guard.objectionPeriodRuns', { date: clock.dueOn });
  }
  const order = (c.decisions ?? []).findLast((d) => d.type === 'court.payment_order_issued');
  if (!order) return null;
  const due = periodDeadline(ctx.periods.PAYMENT_ORDER_OBJECTION, instantOf(order.decidedOn), ctx.calendar);
  return ctx.now > due.at ? null : message('guard.objectionPeriodRuns', { date: shanghaiDate(due.at) });
}

/**
 * An enforceable title was not performed and the worker applies to a court for enforcement (LDMAL art. 51;
 * CPL arts. 235, 247): a judicially confirmed agreement once its date to perform has passed (CPL art. 206),
 * a payment order the debtor neither paid nor objected to within 15 days of its receipt (CPL art. 227), a
 * final award — effective when made, while the worker's own 15 days to sue run (LDMAL arts. 47, 48, 51) —
 * an award that took effect (art. 50), an arbitral mediation statement (arts. 42, 51), an agreement the
 * institute confirmed on review (MOHRSS Rules 2017 arts. 74–77), and a judgment. Applying ends the two-year enforcement period
 * (CPL art. 250); its expiry is the debtor's defence, not a bar, so a late application goes ahead.
 */
export const REQUEST_ENFORCEMENT = defineAction({
  payload: () => z.strictObject({ courtId: PARTNER_ID }),
  roles: HUMAN_ROLES,
  rows: [
    {
      // Confirmed by a court (CPL art. 206) or on the institute's review (MOHRSS Rules 2017 arts. 74–77).
      from: ['CONFIRMED', 'REVIEW_CONFIRMED'],
      to: 'ENFORCEMENT_REQUESTED',
      guard: (c, _p, ctx) => {
        if (!c.agreement || outstanding(c) <= 0) return message('guard.nothingOwed');
        // An instalment past its date and unpaid is enforceable already (CPL art. 250(2) counts each).
        const due = nextPerformanceDate(c.agreement);
        return shanghaiDate(ctx.now) > due ? null : message('guard.untilToPerform', { date: due });
      },
    },
    {
      from: ['PAYMENT_ORDER_ISSUED'],
      to: 'ENFORCEMENT_REQUESTED',
      guard: (c, _p, ctx) =>
        c.agreement && outstanding(c) <= 0 ? message('guard.nothingOwed') : objectionPeriodOver(c, ctx),
    },
    {
      from: ['AWARDED'],
      to: 'ENFORCEMENT_REQUESTED',
      guard: (c) => (c.award?.final ? null : message('guard.awardNotYetEffective')),
    },
    // An award in effect (art. 50), the institute's mediation statement (arts. 42, 51), a judgment.
    {
      from: ['AWARD_EFFECTIVE', 'ARBITRAL_MEDIATION_STATEMENT', 'JUDGMENT_GIVEN'],
      to: 'ENFORCEMENT_REQUESTED',
    },
  ],
  handoff: (_c, p) => ({ kind: 'COURT', id: p.courtId, purpose: 'ENFORCEMENT', field: 'courtId' }),
  emits: ['ACTION_APPLIED', 'HANDOFF_REQUESTED'],
  clocks: { starts: [], stops: ['PAYMENT_ORDER_OBJECTION', 'ENFORCEMENT_APPLICATION'] },
});

/** The court's outcomes of an enforcement (CPL arts. 264–268: 终结执行 ends it), and of a suit without judgment. */
const CONCLUSIONS = {
  SETTLED: 'settled in court (court mediation statement)',
  WITHDRAWN: 'withdrawn in court',
  ENFORCED: 'enforced by the court',
  PARTLY_ENFORCED: 'partly enforced by the court',
  ENFORCEMENT_TERMINATED: 'enforcement terminated by the court',
} as const;
type Conclusion = keyof typeof CONCLUSIONS;
const ENFORCEMENT_OUTCOMES: readonly Conclusion[] = ['ENFORCED', 'PARTLY_ENFORCED', 'ENFORCEMENT_TERMINATED'];

/** The outcome as the case keeps it: what the court said, and what it recovered for the worker. */
function concluded(_c: Case, p: { outcome: Conclusion; recoveredFen?: number | undefined }): Patch {
  if (p.outcome === 'PARTLY_ENFORCED' && p.recoveredFen === undefined) {
    throw ValidationError.field(
      'recoveredFen',
      message('field.requiredForOutcome', { outcome: 'PARTLY_ENFORCED' }),
    );
  }
  const recovered = p.recoveredFen === undefined ? '' : `: ${p.recoveredFen} fen recovered`;
  // The amount is kept as a number too: the figures count `recoveredFen`, never the outcome's wording.
  return {
    outcome: `${CONCLUSIONS[p.outcome]}${recovered}`,
    ...(p.recoveredFen === undefined ? {} : { recoveredFen: p.recoveredFen }),
  };
}

/**
 * The court closed the matter without a judgment: a court-mediated settlement (调解书) or a withdrawal; or
 * the enforcement it was asked for ended (LDMAL art. 51; CPL arts. 247, 264–268): enforced, partly
 * enforced, or terminated, with the amount recovered in fen (`recoveredFen`, required when partly).
 */
export const CONCLUDE_IN_COURT = defineAction({
  payload: () =>
    z.strictObject({
      outcome: z.enum(Object.keys(CONCLUSIONS) as [Conclusion, ...Conclusion[]]),
      decidedOn: DECIDED_ON,
      reference: z.optional(REFERENCE),
      recoveredFen: z.optional(FEN),
    }),
  roles: ['court'],
  rows: [
    {
      from: ['LITIGATION_PENDING', 'IN_LITIGATION'],
      to: 'CLOSED',
      guard: (_c, p) => (ENFORCEMENT_OUTCOMES.includes(p.outcome) ? message('guard.noEnforcement') : null),
      apply: concluded,
    },
    { from: ['ENFORCEMENT_REQUESTED'], to: 'CLOSED', apply: concluded },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
  callback: 'court.concluded',
});
