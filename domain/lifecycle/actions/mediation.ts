import * as z from 'zod/mini';
import { intakeSchema } from '../../case/intake.ts';
import type { Case } from '../../case/model.ts';
import { currentClock, currentLapsed, extend } from '../../clocks/clock.ts';
import { shanghaiDate } from '../../clocks/legal-time.ts';
import { HUMAN_ROLES } from '../../shared/actor.ts';
import { ValidationError } from '../../shared/errors.ts';
import { message } from '../../shared/messages.ts';
import { INSTANT, POST_ID, TEXT } from '../../shared/validation.ts';
import { defineAction, NO_CLOCKS } from '../definition.ts';
import { agreementSchema, checkAgreement } from './agreement-terms.ts';
import { limitationRestarts } from './limitation.ts';

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
 * The parties sign a mediation agreement. LDMAL art. 14: it binds the parties once both have signed or
 * sealed it, the mediator has signed and the organisation has sealed it — the day that happens is
 * `effectiveOn`. It records who signed, the amount per claim and any instalment schedule, ends the
 * mediation period and starts the two windows that count from the effective day: 30 days to ask a court to
 * confirm it (CPL art. 205) and 15 days to ask the arbitration commission to review it (MOHRSS Rules 2017
 * art. 74). House rule: at least one session is on record first.
 */
export const SIGN_AGREEMENT = defineAction({
  payload: agreementSchema,
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['MEDIATING'],
      to: 'SETTLED',
      guard: (c) => (c.sessionsHeld > 0 ? null : message('guard.sessionFirst')),
      apply: (c, p, ctx) => {
        checkAgreement(c, p, shanghaiDate(ctx.now));
        const { instalments, ...rest } = p;
        return {
          agreement: {
            ...rest,
            signedAt: ctx.now,
            paidFen: 0,
            ...(instalments ? { instalments: instalments.map((i) => ({ ...i, paidFen: 0 })) } : {}),
          },
        };
      },
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: {
    starts: [
      { period: 'JUDICIAL_CONFIRMATION', from: (_c, p) => p.effectiveOn },
      { period: 'ARBITRAL_REVIEW_OF_AGREEMENT', from: (_c, p) => p.effectiveOn },
    ],
    stops: ['MEDIATION', 'COURT_DELEGATED_MEDIATION'],
  },
});

/** The mediation periods the parties may lengthen by consent, with the rule that lets them. */
const EXTENDABLE = ['MEDIATION', 'COURT_DELEGATED_MEDIATION'] as const;

/**
 * Both parties agree to give the mediation more time: the running mediation period is extended by `days`.
 * The enterprise mediation rules (企业劳动争议协商调解规定, MOHRSS 2011, art. 26; verify the number) end a
 * mediation 15 days after the application unless both parties agree to extend it; a court-delegated
 * mediation is extended by the parties' agreement under the court's rules. The consent and the basis are
 * recorded in the event; a lapsed period is not revived (its expiry already opened arbitration or the
 * return to court).
 */
export const EXTEND_MEDIATION = defineAction({
  payload: () =>
    z.strictObject({
      bothPartiesConsent: z.literal(
        true,
        'must be true: the mediation period is extended only with both parties’ consent',
      ),
      days: z.number().check(z.int(), z.positive('must be more than 0'), z.lte(365)),
      basis: TEXT(500),
    }),
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['FILED', 'MEDIATING'],
      to: 'MEDIATING',
      guard: (c, _p, ctx) => {
        const clock = runningMediation(c);
        if (!clock) return message('guard.noMediationToExtend');
        return currentLapsed(c.clocks, clock.clock, ctx.now)
          ? message('guard.mediationLapsed', { date: shanghaiDate(clock.dueAt) })
          : null;
      },
      apply: (c, p, ctx) => {
        const clock = runningMediation(c);
        if (!clock) return {};
        const counting = { period: ctx.periods[clock.clock], calendar: ctx.calendar };
        const extended = extend(clock, p.days, p.basis, ctx.now, c.version + 1, counting);
        return { clocks: (c.clocks ?? []).map((k) => (k.clockId === clock.clockId ? extended : k)) };
      },
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
});

/** The case's current mediation clock if it is running (or paused), whichever mediation period it is. */
function runningMediation(c: Case) {
  return EXTENDABLE.map((period) => currentClock(c.clocks, period)).find(
    (k) => k !== undefined && (k.status === 'RUNNING' || k.status === 'PAUSED'),
  );
}

/** Mediation failed: the worker may apply for arbitration (LDMAL art. 14), or the case goes back. */
export const FAIL_MEDIATION = defineAction({
  payload: () => z.strictObject({ reason: TEXT(2000) }),
  roles: HUMAN_ROLES,
  rows: [{ from: ['FILED', 'MEDIATING'], to: 'MEDIATION_FAILED', apply: (_c, p) => ({ outcome: p.reason }) }],
  emits: ['ACTION_APPLIED'],
  // The union's mediation interrupted the limitation; it restarts the day the mediation fails (art. 27(2)).
  clocks: {
    starts: [{ period: 'LIMITATION', when: limitationRestarts }],
    stops: ['MEDIATION', 'COURT_DELEGATED_MEDIATION'],
  },
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
    // Mediating again is a new request for relief: it interrupts the restarted limitation (art. 27(2)).
    stops: ['LIMITATION'],
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
