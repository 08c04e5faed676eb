import * as z from 'zod/mini';
import type { Case } from '../../case/model.ts';
import { instantOf, lapsed } from '../../clocks/clock.ts';
import { periodDeadline, shanghaiDate } from '../../clocks/legal-time.ts';
import { HUMAN_ROLES } from '../../shared/actor.ts';
import { type Message, message } from '../../shared/messages.ts';
import { FEN, PARTNER_ID, TEXT } from '../../shared/validation.ts';
import { defineAction, NO_CLOCKS, type TransitionContext } from '../definition.ts';
import { dueDate } from './due-date.ts';
import { DECIDED_ON, REFERENCE, reasoned, referenced } from './partner.ts';

/** The labour arbitration institute: referral by the union and what the institute reports back. */

/**
 * LDMAL art. 27: one year from when the worker knew or should have known of the infringement; for wages
 * owed during employment, one year from its end. Applying to the union for mediation is a request for
 * relief that interrupts the limitation, so what counts is whether the application came within the year.
 */
function limitationEnded(c: Case, ctx: TransitionContext): Message | null {
  const wages = c.claims.some((claim) => claim.category === 'WAGE_ARREARS');
  const from = wages && c.employmentEndedOn ? c.employmentEndedOn : c.knewOn;
  if (!from) return null;
  const due = periodDeadline(ctx.periods.LIMITATION, instantOf(from), ctx.calendar);
  const lastDay = shanghaiDate(due.at);
  if ((c.receivedOn ?? shanghaiDate(c.createdAt)) <= lastDay || due.provisional) return null;
  return message('guard.limitationEnded', { date: lastDay, from });
}

/** A failed mediation goes to arbitration (LDMAL art. 14); a court-delegated case goes back to its court. */
export const REFER_TO_ARBITRATION = defineAction({
  payload: () =>
    z.strictObject({
      arbitrationId: PARTNER_ID,
      /** Refer although the limitation seems to have run out: it was interrupted or suspended (art. 27). */
      limitationOverride: z.optional(z.strictObject({ reason: TEXT(2000) })),
    }),
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['MEDIATION_FAILED'],
      to: 'ARBITRATION_PENDING',
      guard: (c, p, ctx) =>
        c.origin === 'COURT_DELEGATED'
          ? message('guard.courtDelegatedNotArbitration')
          : p.limitationOverride
            ? null
            : limitationEnded(c, ctx),
    },
    {
      // LDMAL art. 14: when the mediation period runs out without an agreement, a party may go to
      // arbitration without waiting for the mediation to be declared failed.
      from: ['FILED', 'MEDIATING'],
      to: 'ARBITRATION_PENDING',
      guard: (c, p, ctx) => {
        if (c.origin === 'COURT_DELEGATED') return message('guard.courtDelegatedBack');
        if (!lapsed(c.clocks, 'MEDIATION', ctx.now)) {
          // The period's end is a Shanghai date: the last day counts whole (legal-time.ts).
          return message('guard.mediationRuns', { date: dueDate(c) });
        }
        return p.limitationOverride ? null : limitationEnded(c, ctx);
      },
    },
  ],
  handoff: (_c, p) => ({
    kind: 'ARBITRATION',
    id: p.arbitrationId,
    purpose: 'ARBITRATION_APPLICATION',
    field: 'arbitrationId',
  }),
  emits: ['ACTION_APPLIED', 'HANDOFF_REQUESTED'],
  // The institute decides acceptance within 5 days of receiving the application (art. 29).
  clocks: { starts: [{ period: 'ARBITRATION_ACCEPTANCE' }], stops: ['MEDIATION'] },
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
  clocks: { starts: [], stops: ['SUE_AFTER_NON_FINAL_AWARD', 'SUE_AFTER_FINAL_AWARD'] },
  callback: 'arbitration.award_effective',
});

/** The case ended at the institute without an award: settled by its own mediation, or withdrawn. */
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
      to: 'CLOSED',
      apply: (_c, p) => ({
        outcome: p.outcome === 'SETTLED' ? 'settled at arbitration' : 'withdrawn at arbitration',
      }),
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
  callback: 'arbitration.concluded',
});
