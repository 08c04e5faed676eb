import { describe, expect, it } from 'vitest';
import { addDays } from '../../domain/clocks/legal-time.ts';
import { agreement, intake } from '../support/fixtures.ts';
import { dayAfter, lawStack, today } from '../support/law-stack.ts';

/**
 * The arbitration paths of issue 18 over HTTP on the local stack, with signed institute and court
 * callbacks and the local clock (`POST /_local/clock`) and sweep (`POST /_local/sla`) moving time: the
 * acceptance clock from the institute's receipt (LDMAL art. 29), a non-final award taking effect and the
 * employer's suit (art. 50), the award period extended and suspended (art. 43; MOHRSS Rules 2017 arts.
 * 45–47), the institute's mediation statement (arts. 42, 51) and its review of an agreement (MOHRSS arts.
 * 74–77). The simulated partners' scripted answers are off: each decision is sent by the test.
 */

const COURT = 'qd-shinan-court';
const ARBITRATION = 'qd-arbitration';
const { mediator, setClock, offsetDays, sweep, act, report: reportOf } = lawStack({ clockPerTest: true });

/** Today on the real calendar, and on the stack's (moved) clock. */
const realToday = today;
const stackToday = () => addDays(realToday(), offsetDays());

type Clock = { clock: string; status: string; dueOn: string; startedOn: string; clockId: string };
const clockOf = (c: { clocks: Clock[] }, clock: string) => c.clocks.filter((k) => k.clock === clock).at(-1);

async function report(
  partnerId: string,
  type: string,
  caseId: string,
  data: Record<string, unknown>,
  expected = 200,
) {
  return (await reportOf(partnerId, type, caseId, data, expected)) as {
    caseId: string;
    status: string;
    version: number;
    error?: { message: string };
  };
}

const read = async (caseId: string) => (await mediator('GET', `/cases/${caseId}`)).body;

/** Sweeps as of the stack's clock until `done` holds (a catch-up over earlier stages may take a few). */
async function sweepUntil(done: () => Promise<boolean>) {
  for (let i = 0; i < 6; i++) {
    await sweep();
    if (await done()) return;
  }
}

/** A walk-in case, failed, referred to the institute; its acceptance clock waits for the delivery. */
async function referred() {
  const created = await mediator('POST', '/cases', intake());
  expect(created.status).toBe(201);
  const caseId = created.body.caseId as string;
  await act(caseId, { action: 'FAIL_MEDIATION', reason: 'The employer refused.' });
  const pending = await act(caseId, { action: 'REFER_TO_ARBITRATION', arbitrationId: ARBITRATION });
  return { caseId, pending };
}

async function accepted() {
  const { caseId } = await referred();
  await report(ARBITRATION, 'arbitration.accepted', caseId, {
    reference: 'QDLA-2026-9',
    decidedOn: realToday(),
  });
  return caseId;
}

async function awarded(reference: string) {
  const caseId = await accepted();
  await report(ARBITRATION, 'arbitration.award_issued', caseId, {
    reference,
    final: false,
    awardFen: 600_000,
    servedOn: realToday(),
  });
  return caseId;
}

async function settled() {
  const created = await mediator('POST', '/cases', intake());
  const caseId = created.body.caseId as string;
  await act(caseId, { action: 'ASSIGN_MEDIATOR', mediatorId: 'm-1' });
  await act(caseId, { action: 'RECORD_SESSION', heldAt: new Date().toISOString(), notes: 'First session.' });
  await act(caseId, {
    action: 'SIGN_AGREEMENT',
    ...agreement({ amountFen: 800_000, performBy: realToday(), effectiveOn: realToday() }),
  });
  return caseId;
}

describe('arbitration paths over HTTP (LDMAL; MOHRSS Arbitration Rules 2017)', () => {
  it('LDMAL art. 29: the acceptance clock starts when the referral reaches the institute, not on the referral', async () => {
    const { caseId, pending } = await referred();
    expect(clockOf(pending, 'ARBITRATION_ACCEPTANCE')).toBeUndefined();
    let c = await read(caseId);
    for (let i = 0; i < 50 && c.lastHandoff?.status !== 'DELIVERED'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      c = await read(caseId);
    }
    expect(c.lastHandoff?.status).toBe('DELIVERED');
    expect(clockOf(c, 'ARBITRATION_ACCEPTANCE')).toMatchObject({
      status: 'RUNNING',
      startedOn: realToday(),
      unit: 'WORKING_DAYS',
    });
  });

  // The first callback waits for the referral's delivery (a partner acts once its handoff arrived), which a
  // cold local pipeline on a busy machine takes seconds to record.
  it('LDMAL art. 50: a non-final award nobody sued on takes effect once the 15 days pass; the worker’s suit is then refused', async () => {
    const caseId = await awarded('QDLA-2026-9-A');
    const due = clockOf(await read(caseId), 'SUE_AFTER_NON_FINAL_AWARD');
    expect(due).toMatchObject({ status: 'RUNNING', startedOn: realToday() });

    await setClock(dayAfter(due?.dueOn as string));
    await sweepUntil(async () => (await read(caseId)).status === 'AWARD_EFFECTIVE');
    const effective = await read(caseId);
    expect(effective.status).toBe('AWARD_EFFECTIVE');
    expect(clockOf(effective, 'SUE_AFTER_NON_FINAL_AWARD')?.status).toBe('EXPIRED');
    const history = (await mediator('GET', `/cases/${caseId}/history?limit=100`)).body.items as {
      type: string;
      action: string;
    }[];
    expect(history.map((e) => e.action)).toEqual(
      expect.arrayContaining(['CLOCK_EXPIRED', 'AWARD_TAKES_EFFECT']),
    );

    const refused = await act(
      caseId,
      { action: 'REFER_TO_COURT', courtId: COURT, application: 'LITIGATION' },
      409,
    );
    expect(refused.error.details.allowedActions).toEqual(
      expect.arrayContaining(['REQUEST_ENFORCEMENT', 'CLOSE']),
    );
  }, 60_000);

  it('LDMAL art. 50: the court reports the employer’s suit from AWARDED (naming the award), then its judgment', async () => {
    const caseId = await awarded('QDLA-2026-10-A');
    // Naming another award, the court finds nothing.
    await report(
      COURT,
      'court.litigation_filed',
      caseId,
      { reference: 'L-0', decidedOn: realToday(), awardReference: 'x' },
      404,
    );
    const sued = await report(COURT, 'court.litigation_filed', caseId, {
      reference: '(2026)鲁0202民初77号',
      decidedOn: realToday(),
      awardReference: 'QDLA-2026-10-A',
    });
    expect(sued.status).toBe('IN_LITIGATION');
    const c = await read(caseId);
    expect(c.reportedSuit).toEqual({
      courtId: COURT,
      reference: '(2026)鲁0202民初77号',
      filedOn: realToday(),
    });
    expect(clockOf(c, 'SUE_AFTER_NON_FINAL_AWARD')?.status).toBe('MET');
    const judged = await report(COURT, 'court.judgment', caseId, {
      reference: '(2026)鲁0202民初77号',
      decidedOn: realToday(),
      awardFen: 600_000,
    });
    expect(['JUDGMENT_GIVEN', 'CLOSED']).toContain(judged.status);
  });

  it('LDMAL art. 43; MOHRSS Rules 2017 art. 45: after an extension the suit for a missing award opens only after the extended end', async () => {
    const caseId = await accepted();
    const original = clockOf(await read(caseId), 'ARBITRATION_AWARD')?.dueOn as string;
    await report(
      ARBITRATION,
      'arbitration.award_period_extended',
      caseId,
      { days: 16, decidedOn: realToday() },
      400,
    );
    await report(ARBITRATION, 'arbitration.award_period_extended', caseId, {
      days: 10,
      decidedOn: realToday(),
    });
    const extended = clockOf(await read(caseId), 'ARBITRATION_AWARD')?.dueOn as string;
    expect(extended > original).toBe(true);

    await setClock(dayAfter(original));
    const early = await act(
      caseId,
      { action: 'REFER_TO_COURT', courtId: COURT, application: 'LITIGATION' },
      409,
    );
    expect(JSON.stringify(early)).toMatch(/art\. 43/);
    await setClock(dayAfter(extended));
    expect(
      (await act(caseId, { action: 'REFER_TO_COURT', courtId: COURT, application: 'LITIGATION' })).status,
    ).toBe('LITIGATION_PENDING');
  });

  it('MOHRSS Rules 2017 art. 46: a suspension pauses the award clock (no expiry, no suit); the resumption moves its end', async () => {
    const caseId = await accepted();
    const original = clockOf(await read(caseId), 'ARBITRATION_AWARD') as Clock;
    await report(ARBITRATION, 'arbitration.suspended', caseId, {
      decidedOn: realToday(),
      reason: 'Awaiting the work-injury assessment.',
    });
    expect(clockOf(await read(caseId), 'ARBITRATION_AWARD')?.status).toBe('PAUSED');

    await setClock(dayAfter(original.dueOn) + 2);
    await sweepUntil(async () => false);
    expect(clockOf(await read(caseId), 'ARBITRATION_AWARD')?.status).toBe('PAUSED');
    await act(caseId, { action: 'REFER_TO_COURT', courtId: COURT, application: 'LITIGATION' }, 409);

    await report(ARBITRATION, 'arbitration.resumed', caseId, { decidedOn: stackToday() });
    const resumed = clockOf(await read(caseId), 'ARBITRATION_AWARD') as Clock & {
      adjustments: { days: number }[];
    };
    expect(resumed.status).toBe('RUNNING');
    expect(resumed.dueOn > stackToday()).toBe(true);
    expect(resumed.adjustments[0]?.days).toBeGreaterThan(45);
  });

  it('LDMAL arts. 42, 51: a settlement at arbitration yields an enforceable mediation statement; the case may close from it', async () => {
    const caseId = await accepted();
    const settledAt = await report(ARBITRATION, 'arbitration.concluded', caseId, {
      outcome: 'SETTLED',
      decidedOn: realToday(),
      reference: '青劳人仲调字〔2026〕第5号',
    });
    expect(settledAt.status).toBe('ARBITRAL_MEDIATION_STATEMENT');
    const c = await read(caseId);
    expect(c.arbitralStatement).toEqual({
      kind: 'MEDIATION',
      reference: '青劳人仲调字〔2026〕第5号',
      issuedOn: realToday(),
    });
    expect((await act(caseId, { action: 'CLOSE', resolution: 'Paid as the statement says.' })).status).toBe(
      'CLOSED',
    );
  });

  it('MOHRSS Rules 2017 arts. 74–77: arbitral review of an agreement — confirmed, an enforceable statement; refused, back to SETTLED', async () => {
    const confirmedCase = await settled();
    expect(
      (await act(confirmedCase, { action: 'REQUEST_ARBITRAL_REVIEW', arbitrationId: ARBITRATION })).status,
    ).toBe('ARBITRAL_REVIEW_REQUESTED');
    const confirmed = await report(ARBITRATION, 'arbitration.review_confirmed', confirmedCase, {
      reference: '青劳人仲审字〔2026〕第2号',
      decidedOn: realToday(),
    });
    expect(confirmed.status).toBe('REVIEW_CONFIRMED');
    expect((await read(confirmedCase)).arbitralStatement).toMatchObject({ kind: 'REVIEW' });

    const refusedCase = await settled();
    await act(refusedCase, { action: 'REQUEST_ARBITRAL_REVIEW', arbitrationId: ARBITRATION });
    const refused = await report(ARBITRATION, 'arbitration.review_refused', refusedCase, {
      reason: 'The terms waive statutory rights.',
      decidedOn: realToday(),
    });
    expect(refused.status).toBe('SETTLED');

    // Sixteen days after the agreement took effect the window is closed.
    await setClock(16);
    const late = await act(
      refusedCase,
      { action: 'REQUEST_ARBITRAL_REVIEW', arbitrationId: ARBITRATION },
      409,
    );
    expect(JSON.stringify(late)).toMatch(/art\. 74/);
  });
});
