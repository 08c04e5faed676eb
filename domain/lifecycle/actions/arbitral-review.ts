import * as z from 'zod/mini';
import type { Case } from '../../case/model.ts';
import { instantOf } from '../../clocks/clock.ts';
import { periodDeadline, shanghaiDate } from '../../clocks/legal-time.ts';
import { HUMAN_ROLES } from '../../shared/actor.ts';
import { message } from '../../shared/messages.ts';
import { PARTNER_ID } from '../../shared/validation.ts';
import { defineAction, NO_CLOCKS } from '../definition.ts';
import { reasoned, referenced } from './partner.ts';

/** Arbitral review of a union mediation agreement (MOHRSS Rules 2017 arts. 74–77). */

/**
 * The Shanghai date the agreement took effect: its `effectiveOn` (LDMAL art. 14), or, for an agreement
 * stored before that was recorded, the day it was signed.
 */
const effectiveOn = (c: Case): string | null =>
  c.agreement ? (c.agreement.effectiveOn ?? shanghaiDate(c.agreement.signedAt)) : null;

/**
 * The parties jointly ask the arbitration institute to review their mediation agreement, within 15 days
 * of its taking effect (MOHRSS Rules 2017 art. 74) — the usual alternative to judicial confirmation.
 * Confirmed, it becomes an enforceable mediation statement; refused, the agreement is back with the parties.
 */
export const REQUEST_ARBITRAL_REVIEW = defineAction({
  payload: () => z.strictObject({ arbitrationId: PARTNER_ID }),
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['SETTLED'],
      to: 'ARBITRAL_REVIEW_REQUESTED',
      guard: (c, _p, ctx) => {
        const from = effectiveOn(c);
        if (!from) return message('guard.noAgreement');
        const due = periodDeadline(ctx.periods.ARBITRAL_REVIEW_OF_AGREEMENT, instantOf(from), ctx.calendar);
        // A provisional deadline is the earliest the window can end: without the holiday data, do not refuse.
        return ctx.now <= due.at || due.provisional
          ? null
          : message('guard.reviewWindowEnded', { date: shanghaiDate(due.at), from });
      },
    },
  ],
  handoff: (_c, p) => ({
    kind: 'ARBITRATION',
    id: p.arbitrationId,
    purpose: 'ARBITRAL_REVIEW',
    field: 'arbitrationId',
  }),
  emits: ['ACTION_APPLIED', 'HANDOFF_REQUESTED'],
  clocks: { starts: [], stops: ['ARBITRAL_REVIEW_OF_AGREEMENT'] },
});

/** The institute confirmed the agreement on review: an enforceable mediation statement (MOHRSS arts. 74–77). */
export const CONFIRM_ARBITRAL_REVIEW = defineAction({
  payload: () => referenced(),
  roles: ['arbitration'],
  rows: [
    {
      from: ['ARBITRAL_REVIEW_REQUESTED'],
      to: 'REVIEW_CONFIRMED',
      apply: (_c, p) => ({
        arbitralStatement: { kind: 'REVIEW', reference: p.reference, issuedOn: p.decidedOn },
      }),
    },
  ],
  emits: ['ACTION_APPLIED'],
  // Enforceable: two years to apply from the agreement's last day to perform (CPL art. 250).
  clocks: {
    starts: [{ period: 'ENFORCEMENT_APPLICATION', from: (c, p) => c.agreement?.performBy ?? p.decidedOn }],
    stops: [],
  },
  callback: 'arbitration.review_confirmed',
});

/**
 * The institute refused to confirm the agreement (MOHRSS Rules 2017 art. 76; verify: a secondary source puts
 * the grounds for refusing a 调解书 at art. 78, and the official text was not found): it is back with the parties,
 * SETTLED — performed, confirmed by a court while that window lasts, or failed.
 */
export const REFUSE_ARBITRAL_REVIEW = defineAction({
  payload: () => reasoned(),
  roles: ['arbitration'],
  rows: [{ from: ['ARBITRAL_REVIEW_REQUESTED'], to: 'SETTLED' }],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
  callback: 'arbitration.review_refused',
});
