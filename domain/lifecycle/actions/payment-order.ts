import type { Case } from '../../case/model.ts';
import { instantOf } from '../../clocks/clock.ts';
import { periodDeadline, shanghaiDate } from '../../clocks/legal-time.ts';
import { defineAction } from '../definition.ts';
import { titleGone } from './enforcement.ts';
import { DECIDED_ON, reasoned, referenced, servedAfter } from './partner.ts';

/**
 * What the court decides on a payment order (支付令) the union applied for under LDMAL art. 16 (the request
 * itself, REQUEST_PAYMENT_ORDER, is with the agreement's actions): issued and served, rejected, or
 * objected to (CPL arts. 225–228).
 */

/** How RECORD_PAYMENT_OBJECTION words the case's outcome; a suit on the agreement is open while it stands. */
export const OBJECTION_OUTCOME = 'payment order objected to';

/**
 * CPL art. 228; SPC Labour Interpretation (I) (2020) art. 13: once a payment order applied for under LDMAL
 * art. 16 lapses on the debtor's objection, the worker may sue on the mediation agreement directly (or
 * apply for arbitration). The case failed on that objection, and on nothing since: its outcome is the
 * objection's and the last court decision is the objection.
 */
export function lapsedOnObjection(c: Case): boolean {
  const last = (c.decisions ?? []).at(-1);
  return last?.type === 'court.payment_order_objected' && (c.outcome ?? '').startsWith(OBJECTION_OUTCOME);
}

/**
 * The court issued the payment order. The debtor pays or objects in writing within 15 days of *its receipt*
 * of the order (`servedOn`; CPL art. 227), so that clock counts from service, not from the order's date;
 * issuing it meets nothing. An order neither paid nor objected to is enforceable, and the two years to
 * apply for enforcement (CPL art. 250) count from the last of those 15 days.
 */
export const RECORD_PAYMENT_ORDER = defineAction({
  payload: () => referenced({ servedOn: DECIDED_ON }),
  roles: ['court'],
  rows: [{ from: ['PAYMENT_ORDER_REQUESTED'], to: 'PAYMENT_ORDER_ISSUED', apply: servedAfter }],
  emits: ['ACTION_APPLIED'],
  clocks: {
    starts: [
      { period: 'PAYMENT_ORDER_OBJECTION', from: (_c, p) => p.servedOn },
      // The last day to pay is the last of the debtor's 15 days.
      {
        period: 'ENFORCEMENT_APPLICATION',
        from: (_c, p, ctx) =>
          shanghaiDate(
            periodDeadline(ctx.periods.PAYMENT_ORDER_OBJECTION, instantOf(p.servedOn), ctx.calendar).at,
          ),
      },
    ],
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
 * The debtor's objection was found valid: the payment order lapses (CPL art. 228). The worker may sue on the
 * mediation agreement directly (REFER_TO_COURT; SPC Labour Interpretation (I) art. 13) or apply for
 * arbitration (REFER_TO_ARBITRATION; LDMAL art. 15). The order's enforcement period is stopped, not met.
 */
export const RECORD_PAYMENT_OBJECTION = defineAction({
  payload: () => reasoned(),
  roles: ['court'],
  rows: [
    {
      from: ['PAYMENT_ORDER_ISSUED'],
      to: 'MEDIATION_FAILED',
      apply: (c, p) => ({ outcome: `${OBJECTION_OUTCOME}: ${p.reason}`, ...titleGone(c) }),
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: { starts: [], stops: ['PAYMENT_ORDER_OBJECTION'] },
  callback: 'court.payment_order_objected',
});
