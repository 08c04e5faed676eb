import * as z from 'zod/mini';
import type { CaseStatus } from '../../case/model.ts';
import { lapsed } from '../../clocks/clock.ts';
import type { PeriodId } from '../../clocks/periods.ts';
import { HUMAN_ROLES } from '../../shared/actor.ts';
import { type Message, message } from '../../shared/messages.ts';
import { FEN, PARTNER_ID } from '../../shared/validation.ts';
import { defineAction, NO_CLOCKS, type Row } from '../definition.ts';
import { dueDate } from './due-date.ts';
import { DECIDED_ON, REFERENCE, referenced } from './partner.ts';

/** The people's court: a delegated case handed back, suits after arbitration, and how litigation ends. */

/** A court-delegated mediation failed: the case goes back to its court for filing (court guidance). */
export const RETURN_TO_COURT = defineAction({
  payload: () => z.strictObject({ courtId: PARTNER_ID }),
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['MEDIATION_FAILED'],
      to: 'LITIGATION_PENDING',
      guard: (c) => (c.origin === 'COURT_DELEGATED' ? null : message('guard.onlyCourtDelegatedReturn')),
    },
    {
      // The delegated mediation period ran out without an agreement: the case goes back for filing.
      from: ['FILED', 'MEDIATING'],
      to: 'LITIGATION_PENDING',
      guard: (c, _p, ctx) =>
        c.origin !== 'COURT_DELEGATED'
          ? message('guard.onlyCourtDelegatedReturn')
          : lapsed(c.clocks, 'COURT_DELEGATED_MEDIATION', ctx.now)
            ? null
            : message('guard.delegatedRuns', { date: dueDate(c) }),
    },
  ],
  handoff: (_c, p) => ({ kind: 'COURT', id: p.courtId, purpose: 'LITIGATION_FILING', field: 'courtId' }),
  emits: ['ACTION_APPLIED', 'HANDOFF_REQUESTED'],
  clocks: { starts: [], stops: ['COURT_DELEGATED_MEDIATION'] },
});

/** A suit allowed from `from` once the institute's `period` has run out, with `notYet` as the refusal. */
const suitOnceLapsed = (
  from: CaseStatus,
  period: PeriodId,
  notYet: Message,
): Row<{ application: 'LITIGATION' | 'SET_ASIDE' }> => ({
  from: [from],
  to: 'LITIGATION_PENDING',
  guard: (c, p, ctx) =>
    p.application !== 'LITIGATION'
      ? message('guard.onlySuit')
      : lapsed(c.clocks, period, ctx.now)
        ? null
        : notYet,
});

/**
 * The case goes to court after arbitration: a suit after the institute declined (LDMAL art. 29), after an
 * award (arts. 48, 50) or after a final award was set aside (art. 49); or the employer's application to
 * set a final award aside (art. 49), which the union follows as the worker's representative.
 */
export const REFER_TO_COURT = defineAction({
  payload: () => z.strictObject({ courtId: PARTNER_ID, application: z.enum(['LITIGATION', 'SET_ASIDE']) }),
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['ARBITRATION_DECLINED', 'AWARDED', 'AWARD_SET_ASIDE'],
      to: 'LITIGATION_PENDING',
      guard: (c, p) =>
        p.application === 'SET_ASIDE' && !(c.status === 'AWARDED' && c.award?.final)
          ? message('guard.onlyFinalSetAside')
          : null,
    },
    // No decision on acceptance within 5 days: the applicant may sue (LDMAL art. 29).
    suitOnceLapsed('ARBITRATION_PENDING', 'ARBITRATION_ACCEPTANCE', message('guard.institutePending')),
    // No award within the award period: a party may sue without waiting (LDMAL art. 43).
    suitOnceLapsed('ARBITRATION_ACCEPTED', 'ARBITRATION_AWARD', message('guard.awardPending')),
  ],
  handoff: (_c, p) => ({
    kind: 'COURT',
    id: p.courtId,
    purpose: p.application === 'SET_ASIDE' ? 'AWARD_SET_ASIDE' : 'LITIGATION_FILING',
    field: 'courtId',
  }),
  emits: ['ACTION_APPLIED', 'HANDOFF_REQUESTED'],
  clocks: {
    starts: [],
    stops: [
      'SUE_AFTER_NON_FINAL_AWARD',
      'SUE_AFTER_FINAL_AWARD',
      'ARBITRATION_ACCEPTANCE',
      'ARBITRATION_AWARD',
    ],
  },
});

/** The court filed the suit (CPL; LDMAL arts. 29, 48, 50). */
export const FILE_LITIGATION = defineAction({
  payload: () => referenced(),
  roles: ['court'],
  rows: [{ from: ['LITIGATION_PENDING'], to: 'IN_LITIGATION' }],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
  callback: 'court.litigation_filed',
});

/** The intermediate court set the final award aside: a party may sue within 15 days (LDMAL art. 49). */
export const SET_ASIDE_AWARD = defineAction({
  payload: () => referenced(),
  roles: ['court'],
  rows: [
    {
      from: ['LITIGATION_PENDING'],
      to: 'AWARD_SET_ASIDE',
      guard: (c) =>
        c.award?.final && c.lastHandoff?.purpose === 'AWARD_SET_ASIDE'
          ? null
          : message('guard.noSetAsideApplication'),
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
  callback: 'court.award_set_aside',
});

/** The court gave judgment; it ends the case (CPL). */
export const RECORD_JUDGMENT = defineAction({
  payload: () => referenced({ awardFen: z.optional(FEN) }),
  roles: ['court'],
  rows: [
    { from: ['IN_LITIGATION'], to: 'CLOSED', apply: (_c, p) => ({ outcome: `judgment ${p.reference}` }) },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
  callback: 'court.judgment',
});

const CONCLUSIONS = {
  SETTLED: 'settled in court (court mediation statement)',
  WITHDRAWN: 'withdrawn in court',
  ENFORCED: 'enforced by the court',
} as const;

/**
 * The court closed the matter without a judgment: a court-mediated settlement (调解书) or a withdrawal, or
 * the enforcement it was asked for was carried out (LDMAL art. 51).
 */
export const CONCLUDE_IN_COURT = defineAction({
  payload: () =>
    z.strictObject({
      outcome: z.enum(['SETTLED', 'WITHDRAWN', 'ENFORCED']),
      decidedOn: DECIDED_ON,
      reference: z.optional(REFERENCE),
    }),
  roles: ['court'],
  rows: [
    {
      from: ['LITIGATION_PENDING', 'IN_LITIGATION'],
      to: 'CLOSED',
      guard: (_c, p) => (p.outcome === 'ENFORCED' ? message('guard.noEnforcement') : null),
      apply: (_c, p) => ({ outcome: CONCLUSIONS[p.outcome] }),
    },
    {
      from: ['ENFORCEMENT_REQUESTED'],
      to: 'CLOSED',
      apply: (_c, p) => ({ outcome: CONCLUSIONS[p.outcome] }),
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
  callback: 'court.concluded',
});
