import * as z from 'zod';
import { HUMAN_ROLES } from '../../shared/actor.ts';
import { PARTNER_ID, TEXT } from '../../shared/validation.ts';
import { defineAction, NO_CLOCKS } from '../definition.ts';

/** The people's court: a delegated case handed back, litigation and its end. */

/** A court-delegated mediation failed: the case goes back to its court for filing (court guidance). */
export const RETURN_TO_COURT = defineAction({
  payload: z.strictObject({ courtId: PARTNER_ID }),
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['MEDIATION_FAILED'],
      to: 'IN_LITIGATION',
      guard: (c) =>
        c.origin === 'COURT_DELEGATED' ? null : 'only a court-delegated case is returned to a court',
    },
  ],
  handoff: (_c, p) => ({ kind: 'COURT', id: p.courtId, purpose: 'LITIGATION_FILING' }),
  emits: ['ACTION_APPLIED', 'HANDOFF_REQUESTED'],
  clocks: NO_CLOCKS,
});

/** A party sued after the award (LDMAL arts. 48, 50). */
export const FILE_LITIGATION = defineAction({
  payload: z.strictObject({ reference: TEXT(64) }),
  roles: ['court'],
  rows: [{ from: ['AWARDED'], to: 'IN_LITIGATION' }],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
});

export const RECORD_JUDGMENT = defineAction({
  payload: z.strictObject({ reference: TEXT(64) }),
  roles: ['court'],
  rows: [
    { from: ['IN_LITIGATION'], to: 'CLOSED', apply: (_c, p) => ({ outcome: `judgment ${p.reference}` }) },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
});
