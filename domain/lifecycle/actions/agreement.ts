import * as z from 'zod/mini';
import { type Case, type Claim, nextPerformanceDate } from '../../case/model.ts';
import { currentClock, instantOf, lapsed } from '../../clocks/clock.ts';
import { periodDeadline, shanghaiDate } from '../../clocks/legal-time.ts';
import { HUMAN_ROLES } from '../../shared/actor.ts';
import { ValidationError } from '../../shared/errors.ts';
import { message } from '../../shared/messages.ts';
import { FEN, PARTNER_ID, TEXT } from '../../shared/validation.ts';
import { defineAction, NO_CLOCKS, type Patch, type Refusal } from '../definition.ts';
import { allocate, effectiveOn } from './agreement-terms.ts';
import { performedInFull } from './enforcement.ts';
import { limitationRestarts } from './limitation.ts';
import { handBackFirst } from './mediation.ts';
import { reasoned, referenced } from './partner.ts';

/** After an agreement: payments, judicial confirmation, payment orders, failure to perform, closing. */

const outstanding = (c: Case) => (c.agreement ? c.agreement.amountFen - c.agreement.paidFen : 0);
const paysInFull = (c: Case, p: { paidFen: number }) => p.paidFen >= outstanding(c);

const recordPayment = (c: Case, p: { paidFen: number; instalment?: number }): Patch => {
  if (!c.agreement) return {};
  const { instalments } = c.agreement;
  if (p.instalment !== undefined && !instalments) {
    throw ValidationError.field('instalment', message('agreement.noSchedule'));
  }
  if (p.paidFen > outstanding(c)) {
    throw ValidationError.field('paidFen', message('guard.exceedsOwed', { owed: outstanding(c) }));
  }
  return {
    agreement: {
      ...c.agreement,
      paidFen: c.agreement.paidFen + p.paidFen,
      ...(instalments ? { instalments: allocate(instalments, p) } : {}),
    },
  };
};

/** The confirmation window has closed; the last day is named as a Shanghai date, not a UTC instant. */
const confirmationLapsed = (days: number, dueAt: string) =>
  message('guard.confirmationLapsed', { days, date: shanghaiDate(dueAt) });

/**
 * LDMAL art. 16: a payment order covers agreed wages (arrears, overtime), work-injury medical costs,
 * economic compensation or damages. A work-injury claim qualifies only as medical costs; social insurance,
 * contract disputes and other claims never do.
 */
const withinPaymentOrder = (claim: Claim) =>
  claim.category === 'WAGE_ARREARS' ||
  claim.category === 'OVERTIME' ||
  claim.category === 'DISMISSAL_COMPENSATION' ||
  (claim.category === 'WORK_INJURY' && claim.subKind === 'MEDICAL_COSTS');

/** The first claim the agreement pays on (its items; all claims for one stored without) outside art. 16. */
function outsidePaymentOrder(c: Case): Refusal | null {
  const covered = c.agreement?.items
    ? c.agreement.items.filter((item) => item.amountFen > 0).map((item) => item.claim)
    : c.claims.map((_claim, i) => i);
  for (const i of covered) {
    const claim = c.claims[i];
    if (claim && !withinPaymentOrder(claim))
      return message('guard.paymentOrderClaim', { claim: `claims[${i}]`, category: claim.category });
  }
  return null;
}

/**
 * A payment under the agreement, towards the instalment it names or the earliest ones owed; paid in full
 * (every instalment), the agreement is performed (LDMAL art. 14: the parties perform it).
 */
export const RECORD_PERFORMANCE = defineAction({
  payload: () =>
    z.strictObject({
      paidFen: FEN.check(z.positive('must be more than 0')),
      /** The instalment paid, numbered from 1 as in the schedule; the earliest owed when not named. */
      instalment: z.optional(z.number().check(z.int(), z.positive('must be more than 0'))),
    }),
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['SETTLED', 'CONFIRMED', 'PAYMENT_ORDER_ISSUED'],
      to: 'PERFORMED',
      guard: (c, p) => (paysInFull(c, p) ? null : message('guard.partialPayment')),
      // Paid in full: a payment order's 15 days end, nothing is left to enforce (enforcement.ts).
      apply: (c, p, ctx) => ({ ...recordPayment(c, p), ...performedInFull(c, ctx.now) }),
    },
    { from: ['SETTLED'], to: 'SETTLED', apply: recordPayment },
    { from: ['CONFIRMED'], to: 'CONFIRMED', apply: recordPayment },
    { from: ['PAYMENT_ORDER_ISSUED'], to: 'PAYMENT_ORDER_ISSUED', apply: recordPayment },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
});

/**
 * The parties ask a court to confirm the agreement, which makes it enforceable — jointly, within 30 days of
 * the agreement taking effect (`effectiveOn`). A union mediation organisation is a mediation organisation
 * set up by law: CPL art. 205 governs (People's Mediation Law art. 33 is its twin for people's mediation
 * committees). Only the window of the current agreement counts: one that ran out on an earlier agreement
 * (refused confirmation, mediation resumed, a new agreement) closes nothing.
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
        const clock = currentClock(c.clocks, 'JUDICIAL_CONFIRMATION');
        if (clock && clock.status !== 'MET' && clock.status !== 'STOPPED') {
          // A missed window closes this option; a provisional deadline is the earliest it can end.
          return lapsed([clock], 'JUDICIAL_CONFIRMATION', ctx.now) && !clock.provisional
            ? confirmationLapsed(ctx.periods.JUDICIAL_CONFIRMATION.length, clock.dueAt)
            : null;
        }
        // No window running (a request handed back, an agreement stored before clocks): count it again.
        const period = ctx.periods.JUDICIAL_CONFIRMATION;
        const due = periodDeadline(period, instantOf(effectiveOn(c.agreement)), ctx.calendar);
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
  // Asking the court settles which route the agreement takes: the arbitral review window is done with too.
  clocks: { starts: [], stops: ['JUDICIAL_CONFIRMATION', 'ARBITRAL_REVIEW_OF_AGREEMENT'] },
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
        return outsidePaymentOrder(c);
      },
    },
  ],
  handoff: (_c, p) => ({ kind: 'COURT', id: p.courtId, purpose: 'PAYMENT_ORDER', field: 'courtId' }),
  emits: ['ACTION_APPLIED', 'HANDOFF_REQUESTED'],
  // The court decides acceptance within 5 days (CPL art. 226).
  clocks: { starts: [{ period: 'PAYMENT_ORDER_ACCEPTANCE' }], stops: [] },
});

/**
 * LDMAL art. 15: an agreement not performed in time lets the worker apply for arbitration — once its date,
 * or the date of an instalment still unpaid, has passed. A judicially confirmed agreement is enforceable
 * instead (REQUEST_ENFORCEMENT).
 */
export const FAIL_PERFORMANCE = defineAction({
  payload: () => z.strictObject({ reason: TEXT(2000) }),
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['SETTLED'],
      to: 'MEDIATION_FAILED',
      guard: (c, _p, ctx) =>
        c.agreement && shanghaiDate(ctx.now) > nextPerformanceDate(c.agreement)
          ? null
          : c.agreement
            ? message('guard.untilToPerform', { date: nextPerformanceDate(c.agreement) })
            : message('guard.untilAgreedDate'),
      apply: (_c, p) => ({ outcome: `agreement not performed: ${p.reason}` }),
    },
  ],
  emits: ['ACTION_APPLIED'],
  // The agreement (the employer agreeing to perform) interrupted the limitation; it restarts now (art. 27(2)).
  clocks: { starts: [{ period: 'LIMITATION', when: limitationRestarts }], stops: [] },
});

/** Closing on the union's own agreement (or its failure): its payments are the agreement's, never `recoveredFen`. */
function closedOnAgreement(_c: Case, p: { resolution: string; recoveredFen?: number | undefined }): Patch {
  if (p.recoveredFen !== undefined) {
    throw ValidationError.field('recoveredFen', message('stats.recoveredOnTitle'));
  }
  return { outcome: p.resolution };
}

/** Closing: a performed agreement, an agreement with nothing owed, or a failure that need not go back. */
export const CLOSE = defineAction({
  payload: () =>
    z.strictObject({
      resolution: TEXT(2000),
      /** Paid to the workers under the award, mediation statement or judgment performed (LDMAL art. 51). */
      recoveredFen: z.optional(FEN),
    }),
  roles: HUMAN_ROLES,
  rows: [
    { from: ['PERFORMED'], to: 'CLOSED', apply: closedOnAgreement },
    {
      from: ['SETTLED', 'CONFIRMED'],
      to: 'CLOSED',
      guard: (c) => (outstanding(c) > 0 ? message('guard.stillOwed', { owed: outstanding(c) }) : null),
      apply: closedOnAgreement,
    },
    {
      from: ['MEDIATION_FAILED'],
      to: 'CLOSED',
      guard: handBackFirst,
      apply: closedOnAgreement,
    },
    // The worker does not sue after arbitration, or an effective award, an arbitral mediation statement
    // or a judgment was performed (LDMAL arts. 29, 42, 49–51; MOHRSS Rules 2017 art. 74; CPL art. 247).
    {
      from: [
        'ARBITRATION_DECLINED',
        'AWARD_SET_ASIDE',
        'AWARD_EFFECTIVE',
        'JUDGMENT_GIVEN',
        'ARBITRAL_MEDIATION_STATEMENT',
        'REVIEW_CONFIRMED',
      ],
      to: 'CLOSED',
      apply: (_c, p) => ({
        outcome: p.resolution,
        ...(p.recoveredFen === undefined ? {} : { recoveredFen: p.recoveredFen }),
      }),
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
});

/**
 * The court confirmed the agreement: a ruling that it is valid, enforceable if a party does not perform it
 * (CPL art. 206; the agreement was already binding on the parties under LDMAL art. 14).
 */
export const CONFIRM_AGREEMENT = defineAction({
  payload: () => referenced(),
  roles: ['court'],
  rows: [{ from: ['CONFIRMATION_REQUESTED'], to: 'CONFIRMED' }],
  emits: ['ACTION_APPLIED'],
  // Enforceable: two years to apply from the agreement's last day to perform (CPL art. 250).
  clocks: {
    starts: [{ period: 'ENFORCEMENT_APPLICATION', from: (c, p) => c.agreement?.performBy ?? p.decidedOn }],
    stops: [],
  },
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
