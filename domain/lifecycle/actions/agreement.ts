import * as z from 'zod/mini';
import type { Case } from '../../case/model.ts';
import { lapsed } from '../../clocks/clock.ts';
import { periodDeadline, shanghaiDate } from '../../clocks/legal-time.ts';
import { HUMAN_ROLES } from '../../shared/actor.ts';
import { ValidationError } from '../../shared/errors.ts';
import { message } from '../../shared/messages.ts';
import { FEN, PARTNER_ID, TEXT } from '../../shared/validation.ts';
import { defineAction, NO_CLOCKS, type Patch } from '../definition.ts';
import { handBackFirst } from './mediation.ts';
import { reasoned, referenced } from './partner.ts';

/** After an agreement: payments, judicial confirmation, payment orders, failure to perform, closing. */

const outstanding = (c: Case) => (c.agreement ? c.agreement.amountFen - c.agreement.paidFen : 0);
const paysInFull = (c: Case, p: { paidFen: number }) => p.paidFen >= outstanding(c);
const recordPayment = (c: Case, p: { paidFen: number }): Patch => {
  if (!c.agreement) return {};
  if (p.paidFen > outstanding(c)) {
    throw ValidationError.field('paidFen', message('guard.exceedsOwed', { owed: outstanding(c) }));
  }
  return { agreement: { ...c.agreement, paidFen: c.agreement.paidFen + p.paidFen } };
};

/** The confirmation window has closed; the last day is named as a Shanghai date, not a UTC instant. */
const confirmationLapsed = (days: number, dueAt: string) =>
  message('guard.confirmationLapsed', { days, date: shanghaiDate(dueAt) });

/** LDMAL art. 16: a payment order covers agreed wages, injury medical costs, compensation or damages. */
const PAYMENT_ORDER_CATEGORIES = new Set([
  'WAGE_ARREARS',
  'OVERTIME',
  'WORK_INJURY',
  'DISMISSAL_COMPENSATION',
]);

/** A payment under the agreement; paid in full, the agreement is performed. */
export const RECORD_PERFORMANCE = defineAction({
  payload: () => z.strictObject({ paidFen: FEN.check(z.positive('must be more than 0')) }),
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['SETTLED', 'CONFIRMED', 'PAYMENT_ORDER_ISSUED'],
      to: 'PERFORMED',
      guard: (c, p) => (paysInFull(c, p) ? null : message('guard.partialPayment')),
      apply: recordPayment,
    },
    { from: ['SETTLED'], to: 'SETTLED', apply: recordPayment },
    { from: ['CONFIRMED'], to: 'CONFIRMED', apply: recordPayment },
    { from: ['PAYMENT_ORDER_ISSUED'], to: 'PAYMENT_ORDER_ISSUED', apply: recordPayment },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
});

/**
 * The parties ask a court to confirm the agreement, which makes it enforceable — within 30 days of the
 * agreement taking effect (People's Mediation Law art. 33; CPL arts. 205–206).
 */
export const REQUEST_JUDICIAL_CONFIRMATION = defineAction({
  payload: () => z.strictObject({ courtId: PARTNER_ID }),
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['SETTLED'],
      to: 'CONFIRMATION_REQUESTED',
      guard: (c, _p, ctx) => {
        if (!c.agreement) return message('guard.noAgreement');
        const clock = (c.clocks ?? []).find((k) => k.clock === 'JUDICIAL_CONFIRMATION' && k.status !== 'MET');
        if (clock) {
          // A missed window closes this option; a provisional deadline is the earliest it can end.
          return lapsed(c.clocks, 'JUDICIAL_CONFIRMATION', ctx.now) && !clock.provisional
            ? confirmationLapsed(ctx.periods.JUDICIAL_CONFIRMATION.length, clock.dueAt)
            : null;
        }
        const period = ctx.periods.JUDICIAL_CONFIRMATION;
        const due = periodDeadline(period, c.agreement.signedAt, ctx.calendar);
        // A provisional deadline is the earliest the period can end; without holiday data, do not refuse.
        return ctx.now <= due.at || due.provisional ? null : confirmationLapsed(period.length, due.at);
      },
    },
  ],
  handoff: (_c, p) => ({
    kind: 'COURT',
    id: p.courtId,
    purpose: 'JUDICIAL_CONFIRMATION',
    field: 'courtId',
  }),
  emits: ['ACTION_APPLIED', 'HANDOFF_REQUESTED'],
  clocks: { starts: [], stops: ['JUDICIAL_CONFIRMATION'] },
});

/**
 * The employer has not paid an agreed wage debt by the agreed date: the worker applies to the court for a
 * payment order (LDMAL art. 16; CPL arts. 225–228). A confirmed agreement is already enforceable: it goes
 * to enforcement instead (REQUEST_ENFORCEMENT).
 */
export const REQUEST_PAYMENT_ORDER = defineAction({
  payload: () => z.strictObject({ courtId: PARTNER_ID }),
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['SETTLED'],
      to: 'PAYMENT_ORDER_REQUESTED',
      guard: (c, _p, ctx) => {
        if (!c.agreement || outstanding(c) <= 0) return message('guard.nothingOwed');
        if (shanghaiDate(ctx.now) <= c.agreement.performBy)
          return message('guard.untilToPay', { date: c.agreement.performBy });
        if (!c.claims.some((claim) => PAYMENT_ORDER_CATEGORIES.has(claim.category))) {
          return message('guard.paymentOrderScope');
        }
        return null;
      },
    },
  ],
  handoff: (_c, p) => ({ kind: 'COURT', id: p.courtId, purpose: 'PAYMENT_ORDER', field: 'courtId' }),
  emits: ['ACTION_APPLIED', 'HANDOFF_REQUESTED'],
  // The court decides acceptance within 5 days (CPL art. 226).
  clocks: { starts: [{ period: 'PAYMENT_ORDER_ACCEPTANCE' }], stops: [] },
});

/**
 * LDMAL art. 15: an agreement not performed in time lets the worker apply for arbitration. A judicially
 * confirmed agreement is enforceable instead (REQUEST_ENFORCEMENT).
 */
export const FAIL_PERFORMANCE = defineAction({
  payload: () => z.strictObject({ reason: TEXT(2000) }),
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['SETTLED'],
      to: 'MEDIATION_FAILED',
      guard: (c, _p, ctx) =>
        c.agreement && shanghaiDate(ctx.now) > c.agreement.performBy
          ? null
          : c.agreement
            ? message('guard.untilToPerform', { date: c.agreement.performBy })
            : message('guard.untilAgreedDate'),
      apply: (_c, p) => ({ outcome: `agreement not performed: ${p.reason}` }),
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
});

/** Closing: a performed agreement, an agreement with nothing owed, or a failure that need not go back. */
export const CLOSE = defineAction({
  payload: () => z.strictObject({ resolution: TEXT(2000) }),
  roles: HUMAN_ROLES,
  rows: [
    { from: ['PERFORMED'], to: 'CLOSED', apply: (_c, p) => ({ outcome: p.resolution }) },
    {
      from: ['SETTLED', 'CONFIRMED'],
      to: 'CLOSED',
      guard: (c) => (outstanding(c) > 0 ? message('guard.stillOwed', { owed: outstanding(c) }) : null),
      apply: (_c, p) => ({ outcome: p.resolution }),
    },
    {
      from: ['MEDIATION_FAILED'],
      to: 'CLOSED',
      guard: handBackFirst,
      apply: (_c, p) => ({ outcome: p.resolution }),
    },
    // The worker does not sue after arbitration, or an effective award was performed (LDMAL arts. 29, 49–51).
    {
      from: ['ARBITRATION_DECLINED', 'AWARD_SET_ASIDE', 'AWARD_EFFECTIVE'],
      to: 'CLOSED',
      apply: (_c, p) => ({ outcome: p.resolution }),
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
});

/** The court confirmed the agreement: enforceable (People's Mediation Law art. 33; CPL art. 206). */
export const CONFIRM_AGREEMENT = defineAction({
  payload: () => referenced(),
  roles: ['court'],
  rows: [{ from: ['CONFIRMATION_REQUESTED'], to: 'CONFIRMED' }],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
  callback: 'court.confirmation_granted',
});

/**
 * The court refused confirmation: the parties may change the agreement by mediation (RESUME_MEDIATION),
 * apply for arbitration or sue (CPL art. 206).
 */
export const REJECT_CONFIRMATION = defineAction({
  payload: () => reasoned(),
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
  callback: 'court.confirmation_rejected',
});

/** The court issued the payment order: the debtor pays or objects within 15 days (CPL arts. 225–227). */
export const RECORD_PAYMENT_ORDER = defineAction({
  payload: () => referenced(),
  roles: ['court'],
  rows: [{ from: ['PAYMENT_ORDER_REQUESTED'], to: 'PAYMENT_ORDER_ISSUED' }],
  emits: ['ACTION_APPLIED'],
  // The debtor's 15 days run from service; the order's date stands for it (CPL art. 227).
  clocks: {
    starts: [{ period: 'PAYMENT_ORDER_OBJECTION', from: (_c, p) => p.decidedOn }],
    stops: ['PAYMENT_ORDER_ACCEPTANCE'],
  },
  callback: 'court.payment_order_issued',
});

/** The court did not accept the application: the agreement stays unperformed (LDMAL art. 15: arbitration). */
export const REJECT_PAYMENT_ORDER = defineAction({
  payload: () => reasoned(),
  roles: ['court'],
  rows: [
    {
      from: ['PAYMENT_ORDER_REQUESTED'],
      to: 'MEDIATION_FAILED',
      apply: (_c, p) => ({ outcome: `payment order rejected: ${p.reason}` }),
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: { starts: [], stops: ['PAYMENT_ORDER_ACCEPTANCE'] },
  callback: 'court.payment_order_rejected',
});

/**
 * The debtor's objection was found valid: the payment-order procedure ends and the dispute goes to
 * arbitration, which labour disputes must pass before litigation (CPL art. 228; LDMAL art. 16 practice).
 */
export const RECORD_PAYMENT_OBJECTION = defineAction({
  payload: () => reasoned(),
  roles: ['court'],
  rows: [
    {
      from: ['PAYMENT_ORDER_ISSUED'],
      to: 'MEDIATION_FAILED',
      apply: (_c, p) => ({ outcome: `payment order objected to: ${p.reason}` }),
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: { starts: [], stops: ['PAYMENT_ORDER_OBJECTION'] },
  callback: 'court.payment_order_objected',
});

/**
 * An enforceable title was not performed: a judicially confirmed agreement (People's Mediation Law art. 33),
 * a payment order the debtor neither paid nor objected to (CPL art. 227), or an effective award (LDMAL
 * art. 51). The worker applies to the court for enforcement.
 */
export const REQUEST_ENFORCEMENT = defineAction({
  payload: () => z.strictObject({ courtId: PARTNER_ID }),
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['CONFIRMED'],
      to: 'ENFORCEMENT_REQUESTED',
      guard: (c, _p, ctx) => {
        if (!c.agreement || outstanding(c) <= 0) return message('guard.nothingOwed');
        return shanghaiDate(ctx.now) > c.agreement.performBy
          ? null
          : message('guard.untilToPerform', { date: c.agreement.performBy });
      },
    },
    { from: ['PAYMENT_ORDER_ISSUED', 'AWARD_EFFECTIVE'], to: 'ENFORCEMENT_REQUESTED' },
  ],
  handoff: (_c, p) => ({ kind: 'COURT', id: p.courtId, purpose: 'ENFORCEMENT', field: 'courtId' }),
  emits: ['ACTION_APPLIED', 'HANDOFF_REQUESTED'],
  clocks: { starts: [], stops: ['PAYMENT_ORDER_OBJECTION'] },
});
