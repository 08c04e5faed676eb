import * as z from 'zod';
import { HUMAN_ROLES } from '../../shared/actor.ts';
import { FEN, PARTNER_ID, TEXT } from '../../shared/validation.ts';
import { defineAction, NO_CLOCKS } from '../definition.ts';

/** The labour arbitration institute: referral by the union and what the institute decides. */

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
  handoff: (_c, p) => ({ kind: 'ARBITRATION', id: p.arbitrationId, purpose: 'ARBITRATION_APPLICATION' }),
  emits: ['ACTION_APPLIED', 'HANDOFF_REQUESTED'],
  clocks: NO_CLOCKS,
});

/** The institute accepted the application (LDMAL art. 29). */
export const ACCEPT_FOR_ARBITRATION = defineAction({
  payload: z.strictObject({ reference: TEXT(64) }),
  roles: ['arbitration'],
  rows: [{ from: ['ARBITRATION_PENDING'], to: 'ARBITRATION_ACCEPTED' }],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
});

/** The institute declined the application; the applicant may sue (LDMAL art. 29). */
export const DECLINE_ARBITRATION = defineAction({
  payload: z.strictObject({ reason: TEXT(2000) }),
  roles: ['arbitration'],
  rows: [
    {
      from: ['ARBITRATION_PENDING'],
      to: 'CLOSED',
      apply: (_c, p) => ({ outcome: `arbitration not accepted: ${p.reason}` }),
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
});

/** The award, final (LDMAL art. 47) or not (art. 50). */
export const ISSUE_AWARD = defineAction({
  payload: z.strictObject({ reference: TEXT(64), final: z.boolean(), awardFen: FEN }),
  roles: ['arbitration'],
  rows: [{ from: ['ARBITRATION_ACCEPTED'], to: 'AWARDED' }],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
});

/** No party sued in time: the award is effective and must be performed (LDMAL art. 51). */
export const AWARD_EFFECTIVE = defineAction({
  payload: z.strictObject({}),
  roles: ['arbitration'],
  rows: [{ from: ['AWARDED'], to: 'CLOSED', apply: () => ({ outcome: 'arbitral award effective' }) }],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
});
