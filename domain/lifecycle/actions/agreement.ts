import * as z from 'zod';
import type { Case } from '../../case/model.ts';
import { periodDeadline, shanghaiDate } from '../../clocks/legal-time.ts';
import { HUMAN_ROLES } from '../../shared/actor.ts';
import { ValidationError } from '../../shared/errors.ts';
import { FEN, PARTNER_ID, TEXT } from '../../shared/validation.ts';
import { defineAction, NO_CLOCKS, type Patch } from '../definition.ts';
import { handBackFirst } from './mediation.ts';

/** After an agreement: payments, judicial confirmation, payment orders, failure to perform, closing. */

const outstanding = (c: Case) => (c.agreement ? c.agreement.amountFen - c.agreement.paidFen : 0);
const paysInFull = (c: Case, p: { paidFen: number }) => p.paidFen >= outstanding(c);
const recordPayment = (c: Case, p: { paidFen: number }): Patch => {
  if (!c.agreement) return {};
  if (p.paidFen > outstanding(c)) {
    throw ValidationError.field(
      'paidFen',
      `exceeds the ${outstanding(c)} fen still owed under the agreement`,
    );
  }
  return { agreement: { ...c.agreement, paidFen: c.agreement.paidFen + p.paidFen } };
};

/** LDMAL art. 16: a payment order covers agreed wages, injury medical costs, compensation or damages. */
const PAYMENT_ORDER_CATEGORIES = new Set([
  'WAGE_ARREARS',
  'OVERTIME',
  'WORK_INJURY',
  'DISMISSAL_COMPENSATION',
]);

/** A payment under the agreement; paid in full, the agreement is performed. */
export const RECORD_PERFORMANCE = defineAction({
  payload: z.strictObject({ paidFen: FEN.positive('must be more than 0') }),
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['SETTLED', 'CONFIRMED'],
      to: 'PERFORMED',
      guard: (c, p) => (paysInFull(c, p) ? null : 'partial payment'),
      apply: recordPayment,
    },
    { from: ['SETTLED'], to: 'SETTLED', apply: recordPayment },
    { from: ['CONFIRMED'], to: 'CONFIRMED', apply: recordPayment },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
});

/**
 * The parties ask a court to confirm the agreement, which makes it enforceable — within 30 days of the
 * agreement taking effect (People's Mediation Law art. 33; CPL arts. 205–206).
 */
export const REQUEST_JUDICIAL_CONFIRMATION = defineAction({
  payload: z.strictObject({ courtId: PARTNER_ID }),
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['SETTLED'],
      to: 'CONFIRMATION_REQUESTED',
      guard: (c, _p, ctx) => {
        if (!c.agreement) return 'no mediation agreement';
        const period = ctx.periods.JUDICIAL_CONFIRMATION;
        const due = periodDeadline(period, c.agreement.signedAt, ctx.calendar);
        // A provisional deadline is the earliest the period can end; without holiday data, do not refuse.
        return ctx.now <= due.at || due.provisional
          ? null
          : `judicial confirmation must be requested within ${period.length} days of the agreement (People's Mediation Law art. 33); the period ended ${due.at}`;
      },
    },
  ],
  handoff: (_c, p) => ({ kind: 'COURT', id: p.courtId, purpose: 'JUDICIAL_CONFIRMATION' }),
  emits: ['ACTION_APPLIED', 'HANDOFF_REQUESTED'],
  clocks: { starts: [], stops: ['JUDICIAL_CONFIRMATION'] },
});

/**
 * The employer has not paid an agreed wage debt by the agreed date: the worker applies to the court for a
 * payment order (LDMAL art. 16; CPL arts. 225–228).
 */
export const REQUEST_PAYMENT_ORDER = defineAction({
  payload: z.strictObject({ courtId: PARTNER_ID }),
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['SETTLED', 'CONFIRMED'],
      to: 'PAYMENT_ORDER_REQUESTED',
      guard: (c, _p, ctx) => {
        if (!c.agreement || outstanding(c) <= 0) return 'nothing is owed under the agreement';
        if (shanghaiDate(ctx.now) <= c.agreement.performBy)
          return `the employer has until ${c.agreement.performBy} to pay`;
        if (!c.claims.some((claim) => PAYMENT_ORDER_CATEGORIES.has(claim.category))) {
          return 'a payment order covers wages, work-injury medical costs, compensation or damages only (LDMAL art. 16)';
        }
        return null;
      },
    },
  ],
  handoff: (_c, p) => ({ kind: 'COURT', id: p.courtId, purpose: 'PAYMENT_ORDER' }),
  emits: ['ACTION_APPLIED', 'HANDOFF_REQUESTED'],
  clocks: NO_CLOCKS,
});

/** LDMAL art. 15: an agreement not performed in time lets the worker apply for arbitration. */
export const FAIL_PERFORMANCE = defineAction({
  payload: z.strictObject({ reason: TEXT(2000) }),
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['SETTLED', 'CONFIRMED'],
      to: 'MEDIATION_FAILED',
      guard: (c, _p, ctx) =>
        c.agreement && shanghaiDate(ctx.now) > c.agreement.performBy
          ? null
          : `the employer has until ${c.agreement?.performBy ?? 'the agreed date'} to perform`,
      apply: (_c, p) => ({ outcome: `agreement not performed: ${p.reason}` }),
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
});

/** Closing: a performed agreement, an agreement with nothing owed, or a failure that need not go back. */
export const CLOSE = defineAction({
  payload: z.strictObject({ resolution: TEXT(2000) }),
  roles: HUMAN_ROLES,
  rows: [
    { from: ['PERFORMED'], to: 'CLOSED', apply: (_c, p) => ({ outcome: p.resolution }) },
    {
      from: ['SETTLED', 'CONFIRMED'],
      to: 'CLOSED',
      guard: (c) => (outstanding(c) > 0 ? `${outstanding(c)} fen are still owed: record the payments` : null),
      apply: (_c, p) => ({ outcome: p.resolution }),
    },
    {
      from: ['MEDIATION_FAILED'],
      to: 'CLOSED',
      guard: handBackFirst,
      apply: (_c, p) => ({ outcome: p.resolution }),
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
});

/** The court confirmed the agreement: enforceable (People's Mediation Law art. 33; CPL art. 206). */
export const CONFIRM_AGREEMENT = defineAction({
  payload: z.strictObject({ reference: TEXT(64) }),
  roles: ['court'],
  rows: [{ from: ['CONFIRMATION_REQUESTED'], to: 'CONFIRMED' }],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
});

/** The court refused confirmation: the parties may mediate again, arbitrate or sue (CPL art. 206). */
export const REJECT_CONFIRMATION = defineAction({
  payload: z.strictObject({ reason: TEXT(2000) }),
  roles: ['court'],
  rows: [
    {
      from: ['CONFIRMATION_REQUESTED'],
      to: 'MEDIATION_FAILED',
      apply: (_c, p) => ({ outcome: `judicial confirmation rejected: ${p.reason}` }),
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
});

/** The court issued the payment order (CPL arts. 225–227). */
export const RECORD_PAYMENT_ORDER = defineAction({
  payload: z.strictObject({ reference: TEXT(64) }),
  roles: ['court'],
  rows: [
    {
      from: ['PAYMENT_ORDER_REQUESTED'],
      to: 'CLOSED',
      apply: (_c, p) => ({ outcome: `payment order ${p.reference}` }),
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
});
