import * as z from 'zod/mini';
import type { Case, CaseStatus } from '../../case/model.ts';
import { currentLapsed } from '../../clocks/clock.ts';
import type { PeriodId } from '../../clocks/periods.ts';
import { HUMAN_ROLES } from '../../shared/actor.ts';
import { UnknownReferenceError } from '../../shared/errors.ts';
import { type Message, message } from '../../shared/messages.ts';
import { DATE, FEN, PARTNER_ID } from '../../shared/validation.ts';
import { defineAction, NO_CLOCKS, type Patch, type Row, type TransitionContext } from '../definition.ts';
import { lateSuitOnAward, SUITS_ON_NON_FINAL_AWARD } from './arbitration.ts';
import { dueDate } from './due-date.ts';
import { titleGone } from './enforcement.ts';
import { DECIDED_ON, REFERENCE, referenced, servedAfter } from './partner.ts';
import { lapsedOnObjection } from './payment-order.ts';
import { referred } from './referral.ts';

/** The people's court: a delegated case handed back, suits, set-aside of final awards, judgments, enforcement. */

/**
 * A court-delegated case goes back to the court that delegated it (court guidance; CPL art. 127 on
 * filing): the parties' data and the mediation record go to no other court. A case opened before its
 * source was recorded (a mediator filed it as court-delegated) names none, and any court is taken.
 */
function toDelegatingCourt(c: Case, p: { courtId: string }, ctx: TransitionContext): Patch {
  if (c.source?.kind === 'COURT' && c.source.id !== p.courtId) {
    throw new UnknownReferenceError('courtId', message('guard.notDelegatingCourt', { court: c.source.id }));
  }
  return referred(c, 'COURT', ctx.now);
}

/** A court-delegated mediation failed: the case goes back to its court for filing (court guidance). */
export const RETURN_TO_COURT = defineAction({
  payload: () => z.strictObject({ courtId: PARTNER_ID }),
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['MEDIATION_FAILED'],
      to: 'LITIGATION_PENDING',
      guard: (c) => (c.origin === 'COURT_DELEGATED' ? null : message('guard.onlyCourtDelegatedReturn')),
      apply: toDelegatingCourt,
    },
    {
      // The delegated mediation period ran out without an agreement: the case goes back for filing.
      from: ['FILED', 'MEDIATING'],
      to: 'LITIGATION_PENDING',
      guard: (c, _p, ctx) =>
        c.origin !== 'COURT_DELEGATED'
          ? message('guard.onlyCourtDelegatedReturn')
          : currentLapsed(c.clocks, 'COURT_DELEGATED_MEDIATION', ctx.now)
            ? null
            : message('guard.delegatedRuns', { date: dueDate(c) }),
      apply: toDelegatingCourt,
    },
  ],
  handoff: (_c, p) => ({ kind: 'COURT', id: p.courtId, purpose: 'LITIGATION_FILING', field: 'courtId' }),
  emits: ['ACTION_APPLIED', 'HANDOFF_REQUESTED'],
  clocks: { starts: [], stops: ['COURT_DELEGATED_MEDIATION'] },
});

/** A suit allowed from `from` once the institute's `period` has run out, with `notYet` as the refusal. */
const suitOnceLapsed = (from: CaseStatus, period: PeriodId, notYet: Message): Row<unknown> => ({
  from: [from],
  to: 'LITIGATION_PENDING',
  guard: (c, _p, ctx) => (currentLapsed(c.clocks, period, ctx.now) ? null : notYet),
});

/**
 * The worker's suit at a people's court, which the union helps file: after the institute declined or did
 * not decide (LDMAL art. 29), after an award (arts. 48, 50), after a final award was set aside (art. 49),
 * with no award in time (art. 43), or on the mediation agreement once its payment order lapsed on an
 * objection (CPL art. 228; SPC Labour Interpretation (I) art. 13). Setting a final award aside is the
 * employer's application (art. 49), not the union's: the court reports it (`court.set_aside_applied`).
 * `application` is kept for the clients that send it; only LITIGATION is taken.
 */
export const REFER_TO_COURT = defineAction({
  payload: () =>
    z.strictObject({
      courtId: PARTNER_ID,
      application: z.optional(
        z.enum(
          ['LITIGATION'],
          'setting a final award aside is the employer’s application to the intermediate court (LDMAL art. 49); the court reports it',
        ),
      ),
    }),
  roles: HUMAN_ROLES,
  rows: [
    // A non-final award nobody sued on within 15 days took effect (LDMAL art. 50): arbitration.ts.
    {
      from: ['ARBITRATION_DECLINED', 'AWARDED', 'AWARD_SET_ASIDE'],
      to: 'LITIGATION_PENDING',
      guard: lateSuitOnAward,
      // The worker sues on a final award instead of having it enforced (LDMAL art. 48).
      apply: titleGone,
    },
    // No decision on acceptance within 5 days: the applicant may sue (LDMAL art. 29).
    suitOnceLapsed('ARBITRATION_PENDING', 'ARBITRATION_ACCEPTANCE', message('guard.institutePending')),
    // No award within the award period: a party may sue without waiting (LDMAL art. 43).
    suitOnceLapsed('ARBITRATION_ACCEPTED', 'ARBITRATION_AWARD', message('guard.awardPending')),
    {
      from: ['MEDIATION_FAILED'],
      to: 'LITIGATION_PENDING',
      guard: (c) => (lapsedOnObjection(c) ? null : message('guard.suitAfterObjectionOnly')),
      apply: (c, _p, ctx) => referred(c, 'COURT', ctx.now),
    },
  ],
  handoff: (_c, p) => ({ kind: 'COURT', id: p.courtId, purpose: 'LITIGATION_FILING', field: 'courtId' }),
  emits: ['ACTION_APPLIED', 'HANDOFF_REQUESTED'],
  clocks: {
    starts: [],
    stops: [
      'SUE_AFTER_NON_FINAL_AWARD',
      'SUE_AFTER_FINAL_AWARD',
      'SUE_AFTER_SET_ASIDE',
      'ARBITRATION_ACCEPTANCE',
      'ARBITRATION_AWARD',
    ],
  },
});

/** The court filed the suit (CPL; LDMAL arts. 29, 48, 50). */
export const FILE_LITIGATION = defineAction({
  // A court reporting a suit it was not handed names the award sued on (callbacks/events.ts).
  payload: () => referenced({ awardReference: z.optional(REFERENCE) }),
  roles: ['court'],
  // After a non-final award either party may sue, the employer too (LDMAL art. 50): arbitration.ts.
  rows: [{ from: ['LITIGATION_PENDING'], to: 'IN_LITIGATION' }, ...SUITS_ON_NON_FINAL_AWARD],
  emits: ['ACTION_APPLIED'],
  clocks: { starts: [], stops: ['SUE_AFTER_NON_FINAL_AWARD'] },
  callback: 'court.litigation_filed',
});

/** The decisions of a set-aside application, oldest first; the last one says where it stands. */
const SET_ASIDE_DECISIONS = new Set([
  'arbitration.award_issued',
  'court.set_aside_applied',
  'court.award_set_aside',
  'court.set_aside_rejected',
]);

/**
 * The intermediate court before which the employer's application to set the case's final award aside is
 * pending (LDMAL art. 49), or null. Only that court may report the ruling (callbacks/events.ts).
 */
export function setAsideCourt(c: Case): string | null {
  const last = (c.decisions ?? []).filter((d) => SET_ASIDE_DECISIONS.has(d.type)).at(-1);
  return c.award?.final && last?.type === 'court.set_aside_applied' ? last.partnerId : null;
}

const setAsidePending = (c: Case) => (setAsideCourt(c) ? null : message('guard.noSetAsideApplication'));

/** The states a final award is in while the employer may apply to set it aside. */
const FINAL_AWARD_STATES = ['AWARDED', 'AWARD_EFFECTIVE'] as const satisfies readonly CaseStatus[];

/**
 * The intermediate court accepted the employer's application to set a final award aside (LDMAL art. 49).
 * The award stays as it was: the worker's own 15 days to sue run on (art. 48; a worker's suit takes
 * precedence), and the application marks none of the worker's clocks as met. The court names the award
 * (`awardReference`), which is how a court the case was never handed to finds it.
 */
export const RECORD_SET_ASIDE_APPLICATION = defineAction({
  payload: () => referenced({ awardReference: REFERENCE }),
  roles: ['court'],
  rows: FINAL_AWARD_STATES.map((state) => ({
    from: [state],
    to: state,
    guard: (c: Case, p: { awardReference: string }) =>
      c.award?.final && c.award.reference === p.awardReference ? null : message('guard.onlyFinalSetAside'),
  })),
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
  callback: 'court.set_aside_applied',
});

/**
 * The intermediate court set the final award aside: either party may sue within 15 days of receiving the
 * ruling (`servedOn`; LDMAL art. 49(3)). A case handed to a court with the old set-aside application (no
 * longer made by the union) is still answered from LITIGATION_PENDING.
 */
export const SET_ASIDE_AWARD = defineAction({
  payload: () => referenced({ servedOn: DECIDED_ON }),
  roles: ['court'],
  rows: [
    {
      from: [...FINAL_AWARD_STATES],
      to: 'AWARD_SET_ASIDE',
      guard: setAsidePending,
      apply: (c, p, ctx) => ({ ...servedAfter(c, p, ctx), ...titleGone(c) }),
    },
    {
      from: ['LITIGATION_PENDING'],
      to: 'AWARD_SET_ASIDE',
      guard: (c) =>
        c.award?.final && c.lastHandoff?.purpose === 'AWARD_SET_ASIDE'
          ? null
          : message('guard.noSetAsideApplication'),
      apply: servedAfter,
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: { starts: [{ period: 'SUE_AFTER_SET_ASIDE', from: (_c, p) => p.servedOn }], stops: [] },
  callback: 'court.award_set_aside',
});

/** The intermediate court rejected the application: the final award stands and is enforceable (art. 49). */
export const REJECT_SET_ASIDE = defineAction({
  payload: () => referenced(),
  roles: ['court'],
  rows: FINAL_AWARD_STATES.map((state) => ({
    from: [state],
    to: 'AWARD_EFFECTIVE' as const,
    guard: setAsidePending,
  })),
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
  callback: 'court.set_aside_rejected',
});

/**
 * The court gave judgment (CPL). It is performed, or enforced at the worker's application (CPL arts. 235,
 * 247): the case waits in JUDGMENT_GIVEN, and the two years to apply (art. 250) count from the last day to
 * perform it (`performBy`; the judgment's date when it names none) if it orders a payment (`awardFen`).
 */
export const RECORD_JUDGMENT = defineAction({
  payload: () => referenced({ awardFen: z.optional(FEN), performBy: z.optional(DATE) }),
  roles: ['court'],
  rows: [
    {
      from: ['IN_LITIGATION'],
      to: 'JUDGMENT_GIVEN',
      apply: (_c, p) => ({ outcome: `judgment ${p.reference}` }),
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: {
    starts: [
      {
        period: 'ENFORCEMENT_APPLICATION',
        when: (_c, p) => (p.awardFen ?? 0) > 0,
        from: (_c, p) => p.performBy ?? p.decidedOn,
      },
    ],
    stops: [],
  },
  callback: 'court.judgment',
});
