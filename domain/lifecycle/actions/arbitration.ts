import * as z from 'zod/mini';
import type { Case, CaseStatus } from '../../case/model.ts';
import { currentClock, currentLapsed } from '../../clocks/clock.ts';
import { shanghaiDate } from '../../clocks/legal-time.ts';
import type { CaseClock } from '../../clocks/model.ts';
import { HUMAN_ROLES } from '../../shared/actor.ts';
import { ValidationError } from '../../shared/errors.ts';
import { type Message, message } from '../../shared/messages.ts';
import { FEN, PARTNER_ID } from '../../shared/validation.ts';
import { defineAction, type Row, type TransitionContext } from '../definition.ts';
import { dueDate } from './due-date.ts';
import { referralWarning } from './limitation.ts';
import { DECIDED_ON, REFERENCE, reasoned, referenced } from './partner.ts';
import { referred } from './referral.ts';

/** The labour arbitration institute: referral by the union and what the institute reports back. */

/**
 * A failed mediation goes to arbitration (LDMAL art. 14); a court-delegated case goes back to its court.
 * The limitation (art. 27) is the employer's defence for the institute to weigh, not a bar: a referral
 * past it goes ahead, and the case and the event carry a `limitationWarning` (the article, the last day,
 * why, the claims). The application to arbitration interrupts the limitation again: its clock stops.
 * (`limitationOverride`, once needed to refer past the year, is no longer accepted; events that carry it read.)
 */
export const REFER_TO_ARBITRATION = defineAction({
  payload: () => z.strictObject({ arbitrationId: PARTNER_ID }),
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['MEDIATION_FAILED'],
      to: 'ARBITRATION_PENDING',
      guard: (c) => (c.origin === 'COURT_DELEGATED' ? message('guard.courtDelegatedNotArbitration') : null),
      apply: (c, _p, ctx) => ({
        limitationWarning: referralWarning(c, ctx),
        ...referred(c, 'ARBITRATION', ctx.now),
      }),
    },
    {
      // LDMAL art. 14: when the mediation period runs out without an agreement, a party may go to
      // arbitration without waiting for the mediation to be declared failed.
      from: ['FILED', 'MEDIATING'],
      to: 'ARBITRATION_PENDING',
      guard: (c, _p, ctx) => {
        if (c.origin === 'COURT_DELEGATED') return message('guard.courtDelegatedBack');
        if (!currentLapsed(c.clocks, 'MEDIATION', ctx.now)) {
          // The period's end is a Shanghai date: the last day counts whole (legal-time.ts).
          return message('guard.mediationRuns', { date: dueDate(c) });
        }
        return null;
      },
      apply: (c, _p, ctx) => ({
        limitationWarning: referralWarning(c, ctx),
        ...referred(c, 'ARBITRATION', ctx.now),
      }),
    },
  ],
  handoff: (_c, p) => ({
    kind: 'ARBITRATION',
    id: p.arbitrationId,
    purpose: 'ARBITRATION_APPLICATION',
    field: 'arbitrationId',
  }),
  emits: ['ACTION_APPLIED', 'HANDOFF_REQUESTED'],
  recorded: (p, next) => ({ ...p, limitationWarning: next.limitationWarning ?? null }),
  // The institute decides acceptance within 5 days of *receiving* the application (art. 29): that clock
  // starts when the handoff is delivered (handoffs/record-outcome.ts), not on the referral.
  clocks: { starts: [], stops: ['MEDIATION', 'LIMITATION'] },
});

/** The institute accepted the application; the award period starts (LDMAL arts. 29, 43). */
export const ACCEPT_FOR_ARBITRATION = defineAction({
  payload: () => referenced(),
  roles: ['arbitration'],
  rows: [{ from: ['ARBITRATION_PENDING'], to: 'ARBITRATION_ACCEPTED' }],
  emits: ['ACTION_APPLIED'],
  clocks: {
    starts: [{ period: 'ARBITRATION_AWARD', from: (_c, p) => p.decidedOn }],
    stops: ['ARBITRATION_ACCEPTANCE'],
  },
  callback: 'arbitration.accepted',
});

/** The institute declined the application: the applicant may sue in the people's court (LDMAL art. 29). */
export const DECLINE_ARBITRATION = defineAction({
  payload: () => reasoned(),
  roles: ['arbitration'],
  rows: [
    {
      from: ['ARBITRATION_PENDING'],
      to: 'ARBITRATION_DECLINED',
      apply: (_c, p) => ({ outcome: `arbitration not accepted: ${p.reason}` }),
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: { starts: [], stops: ['ARBITRATION_ACCEPTANCE'] },
  callback: 'arbitration.declined',
});

/**
 * The award, served on the parties: final (LDMAL art. 47: the worker may sue within 15 days, the employer may
 * apply to set it aside within 30, arts. 48–49) or not (art. 50: either party may sue within 15 days).
 */
export const ISSUE_AWARD = defineAction({
  payload: () =>
    z.strictObject({ reference: REFERENCE, final: z.boolean(), awardFen: FEN, servedOn: DECIDED_ON }),
  roles: ['arbitration'],
  rows: [
    {
      from: ['ARBITRATION_ACCEPTED'],
      to: 'AWARDED',
      apply: (_c, p) => ({
        award: { reference: p.reference, final: p.final, awardFen: p.awardFen, servedOn: p.servedOn },
      }),
    },
  ],
  emits: ['ACTION_APPLIED'],
  // The worker's time to sue runs from the award's service (arts. 48, 50).
  clocks: {
    starts: [
      { period: 'SUE_AFTER_NON_FINAL_AWARD', when: (_c, p) => !p.final, from: (_c, p) => p.servedOn },
      { period: 'SUE_AFTER_FINAL_AWARD', when: (_c, p) => p.final, from: (_c, p) => p.servedOn },
      // A final award is enforceable when made (arts. 47, 51): two years to apply (CPL art. 250).
      { period: 'ENFORCEMENT_APPLICATION', from: (_c, p) => p.servedOn, when: (_c, p) => p.final },
    ],
    stops: ['ARBITRATION_AWARD'],
  },
  callback: 'arbitration.award_issued',
});

/** No party sued in time: the award is effective and must be performed (LDMAL arts. 50, 51). */
export const RECORD_AWARD_EFFECTIVE = defineAction({
  payload: () => z.strictObject({ decidedOn: DECIDED_ON }),
  roles: ['arbitration'],
  rows: [{ from: ['AWARDED'], to: 'AWARD_EFFECTIVE' }],
  emits: ['ACTION_APPLIED'],
  clocks: {
    // A non-final award becomes enforceable now (CPL art. 250); a final one's period already runs.
    starts: [
      { period: 'ENFORCEMENT_APPLICATION', from: (_c, p) => p.decidedOn, when: (c) => !c.award?.final },
    ],
    stops: ['SUE_AFTER_NON_FINAL_AWARD', 'SUE_AFTER_FINAL_AWARD'],
  },
  callback: 'arbitration.award_effective',
});

/**
 * The case ended at the institute without an award. Settled by the institute's own mediation: its
 * mediation statement (调解书, `reference`) is effective once both parties sign for it and is enforced like
 * an award (LDMAL arts. 42, 51), so the case waits in ARBITRAL_MEDIATION_STATEMENT for performance or
 * enforcement. Withdrawn: closed.
 */
export const CONCLUDE_ARBITRATION = defineAction({
  payload: () =>
    z.strictObject({
      outcome: z.enum(['SETTLED', 'WITHDRAWN']),
      decidedOn: DECIDED_ON,
      reference: z.optional(REFERENCE),
    }),
  roles: ['arbitration'],
  rows: [
    {
      from: ['ARBITRATION_PENDING', 'ARBITRATION_ACCEPTED'],
      to: 'ARBITRAL_MEDIATION_STATEMENT',
      guard: (_c, p) => (p.outcome === 'SETTLED' ? null : message('guard.notSettled')),
      apply: (_c, p) => {
        if (!p.reference) throw ValidationError.field('reference', message('field.statementReference'));
        return {
          outcome: 'settled at arbitration (arbitral mediation statement)',
          arbitralStatement: { kind: 'MEDIATION', reference: p.reference, issuedOn: p.decidedOn },
        };
      },
    },
    {
      from: ['ARBITRATION_PENDING', 'ARBITRATION_ACCEPTED'],
      to: 'CLOSED',
      apply: () => ({ outcome: 'withdrawn at arbitration' }),
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: {
    // The mediation statement is enforceable from its date (arts. 42, 51; CPL art. 250).
    starts: [
      {
        period: 'ENFORCEMENT_APPLICATION',
        from: (_c, p) => p.decidedOn,
        when: (_c, p) => p.outcome === 'SETTLED',
      },
    ],
    stops: ['ARBITRATION_ACCEPTANCE', 'ARBITRATION_AWARD'],
  },
  callback: 'arbitration.concluded',
});

// ——— A non-final award takes effect, or is sued on (LDMAL art. 50) ———

/** The current clock of the 15 days to sue on a non-final award: the latest one started. */
const suitClock = (c: Case): CaseClock | undefined => currentClock(c.clocks, 'SUE_AFTER_NON_FINAL_AWARD');

/**
 * No party sued within 15 days of the award's service: the non-final award takes effect (LDMAL art. 50) and
 * must be performed (art. 51). Taken by the system in the same write as the clock's expiry (the reminder
 * sweep); the worker can no longer sue on it.
 */
export const AWARD_TAKES_EFFECT = defineAction({
  payload: () => z.strictObject({}),
  roles: ['system'],
  rows: [
    {
      from: ['AWARDED'],
      to: 'AWARD_EFFECTIVE',
      guard: (c, _p, ctx) =>
        c.award && !c.award.final && currentLapsed(c.clocks, 'SUE_AFTER_NON_FINAL_AWARD', ctx.now)
          ? null
          : message('guard.awardPending'),
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: {
    // Enforceable from the day after the last day to sue (CPL art. 250: from the day it took effect).
    starts: [
      { period: 'ENFORCEMENT_APPLICATION', from: (c) => suitClock(c)?.dueOn ?? shanghaiDate(c.updatedAt) },
    ],
    stops: ['SUE_AFTER_NON_FINAL_AWARD'],
  },
  onExpiry: 'SUE_AFTER_NON_FINAL_AWARD',
});

/**
 * The union's suit on a non-final award once the 15 days ran out (before the sweep recorded it, too): the
 * award took effect, the worker can no longer sue (art. 50). A guard of REFER_TO_COURT's rows.
 */
export function lateSuitOnAward(c: Case, _p: unknown, ctx: TransitionContext): Message | null {
  if (c.status !== 'AWARDED' || !c.award || c.award.final) return null;
  const clock = suitClock(c);
  return clock && currentLapsed(c.clocks, 'SUE_AFTER_NON_FINAL_AWARD', ctx.now)
    ? message('guard.awardTookEffect', { date: clock.dueOn })
    : null;
}

/**
 * Refuses a suit on the award filed on `filedOn`: a final award is not sued on by the employer (arts.
 * 47–49), and a suit on a non-final one must be filed within 15 days of its service (art. 50).
 */
export function suitOnAwardRefused(c: Case, filedOn: string): Message | null {
  if (!c.award || c.award.final) return message('guard.finalAwardNoSuit');
  const clock = suitClock(c);
  if (clock && filedOn > clock.dueOn) return message('guard.suitOutOfTime', { filedOn, date: clock.dueOn });
  return null;
}

/**
 * The court reports a suit on a non-final award that the union did not hand it (LDMAL art. 50: either
 * party may sue): the employer's, from AWARDED; or one that reaches the union after the 15 days ran out
 * while its filing date lies inside them, from AWARD_EFFECTIVE (the award did not take effect after all).
 * The case records the suit and the court that holds it (`reportedSuit`). Rows for FILE_LITIGATION.
 */
export const SUITS_ON_NON_FINAL_AWARD: readonly Row<{ reference: string; decidedOn: string }>[] = (
  ['AWARDED', 'AWARD_EFFECTIVE'] as const satisfies readonly CaseStatus[]
).map((from) => ({
  from: [from],
  to: 'IN_LITIGATION',
  guard: (c, p) => suitOnAwardRefused(c, p.decidedOn),
  apply: (_c, p, ctx) => ({
    reportedSuit: { courtId: ctx.actor.postId, reference: p.reference, filedOn: p.decidedOn },
  }),
}));
