import { describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../../domain/clocks/legal-time.ts';
import { agreement, intake } from '../support/fixtures.ts';
import { dayAfter, lawStack, today } from '../support/law-stack.ts';

/**
 * The mediation agreement over HTTP on the local stack, article by article: its formalities and itemised
 * amounts (LDMAL art. 14), performance per instalment, the confirmation window from the day it took effect
 * (CPL art. 205), the mediation period extended by both parties' consent (enterprise mediation rules 2011),
 * and an earlier agreement's lapsed window that refuses nothing. The court answers with signed callbacks;
 * `POST /_local/clock` moves time and `POST /_local/sla` runs the sweep that records expiries.
 */

const COURT = 'qd-shinan-court';
const { mediator, partner, setClock, offsetDays, sweep, act: actOf } = lawStack({ clockPerTest: true });

/** Today on the real calendar, and on the stack's (moved) clock. */
const realToday = today;
const stackToday = () => addDays(realToday(), offsetDays());

type Clock = { clock: string; status: string; dueOn: string; startedOn: string; clockId: string };
type CaseBody = {
  status: string;
  clocks: Clock[];
  agreement: Record<string, unknown>;
  mediationDueAt: string;
};
const clockOf = (c: CaseBody, clock: string) => c.clocks.filter((k) => k.clock === clock).at(-1) as Clock;

const act = async (caseId: string, body: Record<string, unknown>, expected = 200) =>
  (await actOf(caseId, body, expected)) as CaseBody & {
    error?: { message: string; details: { issues: { field: string }[] } };
  };

/** A case with two claims (wages, overtime), a mediator and one session held. */
async function mediating(overrides: Record<string, unknown> = {}) {
  const created = await mediator(
    'POST',
    '/cases',
    intake({
      ...overrides,
      claims: [
        { category: 'WAGE_ARREARS', amountFen: 1_000_000, description: 'Three months of wages' },
        { category: 'OVERTIME', amountFen: 250_000, description: 'Unpaid overtime' },
      ],
    }),
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const caseId = created.body.caseId as string;
  await act(caseId, { action: 'ASSIGN_MEDIATOR', mediatorId: 'liu.yang@QD-SN-01' });
  await act(caseId, { action: 'RECORD_SESSION', heldAt: new Date().toISOString(), notes: 'Both attended.' });
  return caseId;
}

/** 12,000 yuan: 9,000 of wages and 3,000 of overtime, paid in two instalments. */
const signing = (effectiveOn: string, overrides: Record<string, unknown> = {}) => ({
  action: 'SIGN_AGREEMENT',
  terms: '公司分两期支付拖欠工资及加班费共12000元。',
  amountFen: 1_200_000,
  items: [
    { claim: 0, amountFen: 900_000 },
    { claim: 1, amountFen: 300_000 },
  ],
  performBy: addDays(stackToday(), 60),
  instalments: [
    { dueOn: addDays(stackToday(), 30), amountFen: 600_000 },
    { dueOn: addDays(stackToday(), 60), amountFen: 600_000 },
  ],
  signatures: {
    workers: [0],
    employer: { representative: '周敏', sealed: true },
    mediator: 'liu.yang@QD-SN-01',
    organisationSeal: true,
  },
  effectiveOn,
  ...overrides,
});

describe('the mediation agreement over HTTP (LDMAL art. 14)', () => {
  it('LDMAL art. 14: signs with itemised amounts and two instalments; a wrong sum is a 400 naming the field; a partial payment, then the last, makes it PERFORMED', async () => {
    const caseId = await mediating();
    const wrong = await act(caseId, signing(realToday(), { items: [{ claim: 0, amountFen: 900_000 }] }), 400);
    expect(wrong.error?.details.issues[0]?.field).toBe('items');
    const badSchedule = await act(
      caseId,
      signing(realToday(), { instalments: [{ dueOn: addDays(realToday(), 30), amountFen: 600_000 }] }),
      400,
    );
    expect(badSchedule.error?.details.issues[0]?.field).toBe('instalments');

    const settled = await act(caseId, signing(realToday()));
    expect(settled.status).toBe('SETTLED');
    expect(settled.agreement).toMatchObject({
      effectiveOn: realToday(),
      items: [
        { claim: 0, amountFen: 900_000 },
        { claim: 1, amountFen: 300_000 },
      ],
      instalments: [
        { amountFen: 600_000, paidFen: 0 },
        { amountFen: 600_000, paidFen: 0 },
      ],
      signatures: { workers: [0], employer: { sealed: true }, organisationSeal: true },
    });

    const partial = await act(caseId, { action: 'RECORD_PERFORMANCE', paidFen: 600_000, instalment: 1 });
    expect(partial.status).toBe('SETTLED');
    expect(partial.agreement).toMatchObject({ paidFen: 600_000 });
    const last = await act(caseId, { action: 'RECORD_PERFORMANCE', paidFen: 600_000, instalment: 2 });
    expect(last.status).toBe('PERFORMED');
    expect(last.agreement).toMatchObject({
      paidFen: 1_200_000,
      instalments: [{ paidFen: 600_000 }, { paidFen: 600_000 }],
    });
  });

  it('CPL art. 205: the 30-day confirmation window counts from effectiveOn, not from the day the signing is recorded', async () => {
    // A backlog case: received 50 days ago, its agreement in effect since 45 days ago, entered today.
    const effectiveOn = addDays(realToday(), -45);
    const caseId = await mediating({ receivedOn: addDays(realToday(), -50) });
    const settled = await act(caseId, signing(effectiveOn));
    const window = clockOf(settled, 'JUDICIAL_CONFIRMATION');
    expect(window.startedOn).toBe(effectiveOn);
    expect(clockOf(settled, 'ARBITRAL_REVIEW_OF_AGREEMENT').startedOn).toBe(effectiveOn);
    // Thirty days from effectiveOn have passed, though the signing was recorded today: refused, naming the
    // article and the window's last day.
    expect(window.dueOn < realToday()).toBe(true);
    const late = await act(caseId, { action: 'REQUEST_JUDICIAL_CONFIRMATION', courtId: COURT }, 409);
    expect(late.error?.message).toContain('CPL art. 205');
    expect(late.error?.message).toContain(window.dueOn);
  });

  it('Enterprise mediation rules 2011 art. 26: both parties extend the mediation period by consent; arbitration opens only after the extended end', async () => {
    const caseId = await mediating();
    const before = (await mediator('GET', `/cases/${caseId}`)).body as CaseBody;
    const originalEnd = clockOf(before, 'MEDIATION').dueOn;
    const extended = await act(caseId, {
      action: 'EXTEND_MEDIATION',
      bothPartiesConsent: true,
      days: 10,
      basis: '双方同意延长调解期限十日。',
    });
    const clock = clockOf(extended, 'MEDIATION') as Clock & { adjustments: unknown[] };
    expect(clock.dueOn > originalEnd).toBe(true);
    expect(clock.adjustments).toEqual([
      expect.objectContaining({ kind: 'EXTENDED', days: 10, basis: '双方同意延长调解期限十日。' }),
    ]);
    expect(shanghaiDate(extended.mediationDueAt)).toBe(clock.dueOn);
    // The day after the original 15 days the period still runs: no arbitration yet.
    await setClock(dayAfter(originalEnd));
    const early = await act(caseId, { action: 'REFER_TO_ARBITRATION', arbitrationId: 'qd-arbitration' }, 409);
    expect(early.error?.message).toContain(clock.dueOn);
    // Without both parties' consent there is nothing to record.
    const refused = await act(
      caseId,
      { action: 'EXTEND_MEDIATION', bothPartiesConsent: false, days: 5, basis: 'x' },
      400,
    );
    expect(refused.error?.details.issues[0]?.field).toBe('bothPartiesConsent');
  });

  // The court's callback waits for the confirmation request's delivery (a partner acts once its handoff
  // arrived), which a cold local pipeline on a busy machine takes seconds to record.
  it('CPL art. 205: an earlier agreement’s lapsed confirmation window does not refuse the new agreement’s confirmation, which the court grants', async () => {
    const caseId = await mediating();
    const first = await act(caseId, {
      action: 'SIGN_AGREEMENT',
      ...agreement({ amountFen: 800_000, performBy: realToday(), effectiveOn: realToday() }),
    });
    const stale = clockOf(first, 'JUDICIAL_CONFIRMATION');
    // Its 30 days pass unperformed and unconfirmed; the sweep records the expiry.
    await setClock(dayAfter(stale.dueOn));
    let expired = (await mediator('GET', `/cases/${caseId}`)).body as CaseBody;
    // A sweep catches up over the earlier reminder stages first: sweep until the expiry is recorded.
    for (
      let i = 0;
      i < 6 && expired.clocks.find((k) => k.clockId === stale.clockId)?.status !== 'EXPIRED';
      i++
    ) {
      await sweep();
      expired = (await mediator('GET', `/cases/${caseId}`)).body as CaseBody;
    }
    expect(expired.clocks.find((k) => k.clockId === stale.clockId)?.status).toBe('EXPIRED');

    await act(caseId, { action: 'FAIL_PERFORMANCE', reason: '公司未按期支付。' });
    await act(caseId, { action: 'RESUME_MEDIATION', bothPartiesConsent: true, note: '双方同意再次调解。' });
    await act(caseId, {
      action: 'SIGN_AGREEMENT',
      ...agreement({ amountFen: 800_000, performBy: addDays(stackToday(), 20), effectiveOn: stackToday() }),
    });
    const requested = await act(caseId, { action: 'REQUEST_JUDICIAL_CONFIRMATION', courtId: COURT });
    expect(requested.status).toBe('CONFIRMATION_REQUESTED');
    const granted = await partner(COURT, {
      type: 'court.confirmation_granted',
      caseId,
      data: { reference: '(2026)鲁0202民特12号', decidedOn: stackToday() },
    });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    expect(granted.body).toMatchObject({ caseId, status: 'CONFIRMED' });
  }, 60_000);
});
