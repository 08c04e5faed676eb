import * as z from 'zod';
import { HUMAN_ROLES } from '../../shared/actor.ts';
import { FEN, PARTNER_ID } from '../../shared/validation.ts';
import { defineAction, NO_CLOCKS } from '../definition.ts';
import { DECIDED_ON, REFERENCE, reasoned, referenced } from './partner.ts';

/** The labour arbitration institute: referral by the union and what the institute reports back. */

/** A failed mediation goes to arbitration (LDMAL art. 14); a court-delegated case goes back to its court. */
export const REFER_TO_ARBITRATION = defineAction({
  payload: z.strictObject({ arbitrationId: PARTNER_ID }),
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['MEDIATION_FAILED'],
      to: 'ARBITRATION_PENDING',
      guard: (c) =>
        c.origin === 'COURT_DELEGATED'
          ? 'a court-delegated case goes back to its court, not to arbitration'
          : null,
    },
  ],
  handoff: (_c, p) => ({
    kind: 'ARBITRATION',
    id: p.arbitrationId,
    purpose: 'ARBITRATION_APPLICATION',
    field: 'arbitrationId',
  }),
  emits: ['ACTION_APPLIED', 'HANDOFF_REQUESTED'],
  clocks: NO_CLOCKS,
});

/** The institute accepted the application; the award period starts (LDMAL arts. 29, 43). */
export const ACCEPT_FOR_ARBITRATION = defineAction({
  payload: referenced(),
  roles: ['arbitration'],
  rows: [{ from: ['ARBITRATION_PENDING'], to: 'ARBITRATION_ACCEPTED' }],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
  callback: 'arbitration.accepted',
});

/** The institute declined the application: the applicant may sue in the people's court (LDMAL art. 29). */
export const DECLINE_ARBITRATION = defineAction({
  payload: reasoned(),
  roles: ['arbitration'],
  rows: [
    {
      from: ['ARBITRATION_PENDING'],
      to: 'ARBITRATION_DECLINED',
      apply: (_c, p) => ({ outcome: `arbitration not accepted: ${p.reason}` }),
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
  callback: 'arbitration.declined',
});

/**
 * The award, served on the parties: final (LDMAL art. 47: the worker may sue within 15 days, the employer may
 * apply to set it aside within 30, arts. 48–49) or not (art. 50: either party may sue within 15 days).
 */
export const ISSUE_AWARD = defineAction({
  payload: z.strictObject({ reference: REFERENCE, final: z.boolean(), awardFen: FEN, servedOn: DECIDED_ON }),
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
  clocks: NO_CLOCKS,
  callback: 'arbitration.award_issued',
});

/** No party sued in time: the award is effective and must be performed (LDMAL arts. 50, 51). */
export const RECORD_AWARD_EFFECTIVE = defineAction({
  payload: z.strictObject({ decidedOn: DECIDED_ON }),
  roles: ['arbitration'],
  rows: [{ from: ['AWARDED'], to: 'AWARD_EFFECTIVE' }],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
  callback: 'arbitration.award_effective',
});

/** The case ended at the institute without an award: settled by its own mediation, or withdrawn. */
export const CONCLUDE_ARBITRATION = defineAction({
  payload: z.strictObject({
    outcome: z.enum(['SETTLED', 'WITHDRAWN']),
    decidedOn: DECIDED_ON,
    reference: REFERENCE.optional(),
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
