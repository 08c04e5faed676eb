import * as z from 'zod/mini';
import { intakeSchema } from '../../case/intake.ts';
import type { Case } from '../../case/model.ts';
import { shanghaiDate } from '../../clocks/legal-time.ts';
import { HUMAN_ROLES } from '../../shared/actor.ts';
import { ValidationError } from '../../shared/errors.ts';
import { message } from '../../shared/messages.ts';
import { DATE, FEN, INSTANT, POST_ID, TEXT } from '../../shared/validation.ts';
import { defineAction, NO_CLOCKS } from '../definition.ts';

/** Mediation at the union post: opening, sessions, agreement, failure, withdrawal and transfer. */

const courtDelegated = (c: Case) => c.origin === 'COURT_DELEGATED';

/**
 * A case the arbitration institute or a court sent for mediation goes back to it: the union may not simply
 * drop it (court guidance on delegated mediation; the joint workstations' practice).
 */
export const handBackFirst = (c: Case) =>
  c.origin === 'COURT_DELEGATED'
    ? message('guard.handBackCourt')
    : c.origin === 'ARBITRATION_PRE_MEDIATION'
      ? message('guard.handBackArbitration')
      : null;

/**
 * Opens a case (`POST /cases`, see case/file-case.ts). Starts the mediation period: 15 days from receipt
 * (LDMAL art. 14), or the court-delegation period.
 */
export const FILE = defineAction({
  payload: intakeSchema,
  roles: HUMAN_ROLES,
  rows: [{ from: [], to: 'FILED' }],
  emits: ['CASE_FILED'],
  clocks: {
    starts: [
      { period: 'MEDIATION', when: (c) => !courtDelegated(c), from: (c) => c.receivedOn },
      { period: 'COURT_DELEGATED_MEDIATION', when: courtDelegated, from: (c) => c.receivedOn },
    ],
    stops: [],
  },
});

export const ASSIGN_MEDIATOR = defineAction({
  payload: () => z.strictObject({ mediatorId: TEXT(64) }),
  roles: HUMAN_ROLES,
  rows: [{ from: ['FILED', 'MEDIATING'], to: 'MEDIATING', apply: (_c, p) => ({ mediatorId: p.mediatorId }) }],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
});

export const RECORD_SESSION = defineAction({
  payload: () => z.strictObject({ heldAt: INSTANT, notes: TEXT(10_000) }),
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['MEDIATING'],
      to: 'MEDIATING',
      apply: (c, p, ctx) => {
        const heldAt = new Date(p.heldAt).toISOString();
        if (heldAt > ctx.now) throw ValidationError.field('heldAt', message('field.notInFuture'));
        if (heldAt < c.createdAt) throw ValidationError.field('heldAt', message('guard.heldAtBeforeFiling'));
        return {
          sessionsHeld: c.sessionsHeld + 1,
          lastSessionAt: c.lastSessionAt && c.lastSessionAt > heldAt ? c.lastSessionAt : heldAt,
        };
      },
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
});

/**
 * The parties sign a mediation agreement. It ends the mediation period and starts the window for judicial
 * confirmation (People's Mediation Law art. 33). House rule: at least one session is on record first.
 */
export const SIGN_AGREEMENT = defineAction({
  payload: () => z.strictObject({ terms: TEXT(20_000), amountFen: FEN, performBy: DATE }),
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['MEDIATING'],
      to: 'SETTLED',
      guard: (c) => (c.sessionsHeld > 0 ? null : message('guard.sessionFirst')),
      apply: (_c, p, ctx) => {
        if (p.performBy < shanghaiDate(ctx.now))
          throw ValidationError.field('performBy', message('field.notInPast'));
        return { agreement: { ...p, signedAt: ctx.now, paidFen: 0 } };
      },
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: {
    starts: [{ period: 'JUDICIAL_CONFIRMATION' }],
    stops: ['MEDIATION', 'COURT_DELEGATED_MEDIATION'],
  },
});

/** Mediation failed: the worker may apply for arbitration (LDMAL art. 14), or the case goes back. */
export const FAIL_MEDIATION = defineAction({
  payload: () => z.strictObject({ reason: TEXT(2000) }),
  roles: HUMAN_ROLES,
  rows: [{ from: ['FILED', 'MEDIATING'], to: 'MEDIATION_FAILED', apply: (_c, p) => ({ outcome: p.reason }) }],
  emits: ['ACTION_APPLIED'],
  clocks: { starts: [], stops: ['MEDIATION', 'COURT_DELEGATED_MEDIATION'] },
});

/**
 * Both parties agree to mediate again after a failure (or after a court refused to confirm the agreement,
 * CPL art. 206): the case goes back to MEDIATING, without the old agreement or outcome.
 */
export const RESUME_MEDIATION = defineAction({
  payload: () =>
    z.strictObject({
      bothPartiesConsent: z.literal(true, 'must be true: mediation resumes only with both parties’ consent'),
      note: TEXT(2000),
    }),
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['MEDIATION_FAILED'],
      to: 'MEDIATING',
      apply: () => ({ outcome: null, agreement: null }),
    },
  ],
  emits: ['ACTION_APPLIED'],
  // A fresh mediation period from the resumption (house rule: the law sets none for a second attempt).
  clocks: {
    starts: [
      { period: 'MEDIATION', when: (c) => !courtDelegated(c) },
      { period: 'COURT_DELEGATED_MEDIATION', when: courtDelegated },
    ],
    stops: [],
  },
});

export const TRANSFER_TO_POST = defineAction({
  payload: () => z.strictObject({ toPostId: POST_ID, reason: TEXT(2000) }),
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['FILED', 'MEDIATING'],
      to: 'TRANSFER_PENDING',
      guard: (c, p) => (p.toPostId === c.postId ? message('guard.samePost') : null),
    },
  ],
  handoff: (_c, p) => ({ kind: 'UNION_POST', id: p.toPostId, purpose: 'TRANSFER', field: 'toPostId' }),
  emits: ['ACTION_APPLIED', 'HANDOFF_REQUESTED'],
  clocks: NO_CLOCKS,
});

export const WITHDRAW = defineAction({
  payload: () => z.strictObject({ reason: TEXT(2000) }),
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['FILED', 'MEDIATING', 'MEDIATION_FAILED'],
      to: 'WITHDRAWN',
      guard: handBackFirst,
      apply: (_c, p) => ({ outcome: p.reason }),
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: { starts: [], stops: ['MEDIATION', 'COURT_DELEGATED_MEDIATION'] },
});

/**
 * The receiving post takes a transferred case over (the union-post consumer, as the system): its inbox and
 * ownership, unassigned; the sending post keeps read access to the record up to this version.
 */
export const ACCEPT_TRANSFER = defineAction({
  payload: () => z.strictObject({}),
  roles: ['system'],
  rows: [
    {
      from: ['TRANSFER_PENDING'],
      to: 'FILED',
      guard: (c) => (c.lastHandoff?.destination.kind === 'UNION_POST' ? null : message('guard.noTransfer')),
      apply: (c) => ({
        postId: c.lastHandoff?.destination.id ?? c.postId,
        mediatorId: null,
        formerPosts: [
          ...(c.formerPosts ?? []).filter((p) => p.postId !== c.postId),
          { postId: c.postId, untilVersion: c.version + 1 },
        ],
      }),
    },
  ],
  emits: ['ACTION_APPLIED', 'HANDOFF_RECEIVED'],
  clocks: NO_CLOCKS,
});
