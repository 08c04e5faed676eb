import { describe, expect, it } from 'vitest';
import { agreement, intake, POST } from '../support/fixtures.ts';
import { lawStack, today } from '../support/law-stack.ts';

/**
 * The court side of issue 18 over HTTP on the local stack, with the courts' decisions sent as signed
 * callbacks and time moved by `POST /_local/clock`: a payment order's 15 days from service (CPL art. 227),
 * a suit after an objection (CPL art. 228), the employer's set-aside application reported by the
 * intermediate court (LDMAL art. 49), and a delegated case going back only to its own court.
 */

const COURT = 'qd-shinan-court';
const INTERMEDIATE = 'qd-intermediate-court';
const ARBITRATION = 'qd-arbitration';

const { mediator, partner, setClock, act, report } = lawStack();

const clockOf = (c: { clocks: { clock: string; status: string; startedOn: string }[] }, clock: string) =>
  c.clocks.filter((k) => k.clock === clock).at(-1);

async function read(caseId: string) {
  return (await mediator('GET', `/cases/${caseId}`)).body;
}

async function fileWalkIn() {
  const created = await mediator('POST', '/cases', intake());
  expect(created.status).toBe(201);
  return created.body.caseId as string;
}

/** A wage agreement due today, so that from tomorrow on it is not performed. */
async function settled(claims?: object[]) {
  const created = await mediator('POST', '/cases', intake(claims ? { claims } : {}));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const caseId = created.body.caseId as string;
  await act(caseId, { action: 'ASSIGN_MEDIATOR', mediatorId: 'm-1' });
  await act(caseId, { action: 'RECORD_SESSION', heldAt: new Date().toISOString(), notes: 'First session.' });
  await act(caseId, {
    action: 'SIGN_AGREEMENT',
    ...agreement({ terms: 'Pay the wages.', amountFen: 800_000, performBy: today(), effectiveOn: today() }),
  });
  return caseId;
}

/** A final award served today, at the institute. */
async function finalAward() {
  const caseId = await fileWalkIn();
  await act(caseId, { action: 'FAIL_MEDIATION', reason: 'The employer refused.' });
  await act(caseId, { action: 'REFER_TO_ARBITRATION', arbitrationId: ARBITRATION });
  await report(ARBITRATION, 'arbitration.accepted', caseId, {
    reference: 'QDLA-2026-41',
    decidedOn: today(),
  });
  const awarded = await report(ARBITRATION, 'arbitration.award_issued', caseId, {
    reference: '青劳人仲裁字〔2026〕第41号',
    final: true,
    awardFen: 600_000,
    servedOn: today(),
  });
  expect(awarded.status).toBe('AWARDED');
  return caseId;
}

describe('the court side of the lifecycle, over HTTP with signed court callbacks', () => {
  it('LDMAL art. 16: a payment order is refused for a claim outside its scope, naming the claim', async () => {
    const injury = { category: 'WORK_INJURY', amountFen: 800_000, description: '工伤后的伤残补助' };
    const benefits = await settled([{ ...injury, subKind: 'BENEFITS' }]);
    const medical = await settled([{ ...injury, subKind: 'MEDICAL_COSTS' }]);
    await setClock(1);
    try {
      const refused = await mediator(
        'POST',
        `/cases/${benefits}/actions`,
        { action: 'REQUEST_PAYMENT_ORDER', courtId: COURT },
        { 'accept-language': 'zh-CN' },
      );
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toMatch(/claims\[0\].*WORK_INJURY.*第十六条/);
      expect((await act(medical, { action: 'REQUEST_PAYMENT_ORDER', courtId: COURT })).status).toBe(
        'PAYMENT_ORDER_REQUESTED',
      );
      // The head belongs to a work-injury claim only.
      const wrong = await mediator(
        'POST',
        '/cases',
        intake({
          claims: [{ category: 'WAGE_ARREARS', amountFen: 1, description: 'd', subKind: 'MEDICAL_COSTS' }],
        }),
      );
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.details.issues[0].field).toBe('claims[0].subKind');
    } finally {
      await setClock(0);
    }
  });

  it('CPL art. 227: a payment order is enforced only once the debtor’s 15 days from service have passed', async () => {
    const caseId = await settled();
    await setClock(1);
    try {
      await act(caseId, { action: 'REQUEST_PAYMENT_ORDER', courtId: COURT });
      const order = { reference: '(2026)鲁0202民督3号', decidedOn: today() };
      const unserved = await report(COURT, 'court.payment_order_issued', caseId, order, 400);
      expect(unserved.error.details.issues[0].field).toBe('data.servedOn');
      const issued = await report(COURT, 'court.payment_order_issued', caseId, {
        ...order,
        servedOn: today(),
      });
      expect(issued.status).toBe('PAYMENT_ORDER_ISSUED');
      const objection = clockOf(await read(caseId), 'PAYMENT_ORDER_OBJECTION');
      expect(objection).toMatchObject({ status: 'RUNNING', startedOn: today() });

      const early = await act(caseId, { action: 'REQUEST_ENFORCEMENT', courtId: COURT }, 409);
      expect(early.error.message).toMatch(/CPL art\. 227/);

      // A month on (past any holiday that could move the 15th day): neither paid nor objected to.
      await setClock(31);
      expect((await act(caseId, { action: 'REQUEST_ENFORCEMENT', courtId: COURT })).status).toBe(
        'ENFORCEMENT_REQUESTED',
      );
      const after = await read(caseId);
      expect(clockOf(after, 'PAYMENT_ORDER_OBJECTION')?.status).not.toBe('MET');
      expect(clockOf(after, 'ENFORCEMENT_APPLICATION')?.status).toBe('MET');

      const partly = await report(COURT, 'court.concluded', caseId, {
        outcome: 'PARTLY_ENFORCED',
        decidedOn: today(),
        reference: '(2026)鲁0202执12号',
        recoveredFen: 300_000,
      });
      expect(partly.status).toBe('CLOSED');
      expect((await read(caseId)).outcome).toBe('partly enforced by the court: 300000 fen recovered');
    } finally {
      await setClock(0);
    }
  });

  it('CPL art. 228; SPC Labour Interpretation (I) art. 13: after an objection the worker may sue on the agreement', async () => {
    const caseId = await settled();
    await setClock(1);
    try {
      await act(caseId, { action: 'REQUEST_PAYMENT_ORDER', courtId: COURT });
      await report(COURT, 'court.payment_order_issued', caseId, {
        reference: '(2026)鲁0202民督4号',
        decidedOn: today(),
        servedOn: today(),
      });
      const objected = await report(COURT, 'court.payment_order_objected', caseId, {
        reason: 'The employer disputes the amount.',
        decidedOn: today(),
      });
      expect(objected.status).toBe('MEDIATION_FAILED');
      const sued = await act(caseId, { action: 'REFER_TO_COURT', courtId: COURT });
      expect(sued).toMatchObject({
        status: 'LITIGATION_PENDING',
        lastHandoff: { purpose: 'LITIGATION_FILING' },
      });
    } finally {
      await setClock(0);
    }
    // A mediation that simply failed goes to arbitration: no suit offered from it.
    const plain = await fileWalkIn();
    await act(plain, { action: 'FAIL_MEDIATION', reason: 'No agreement.' });
    const refused = await act(plain, { action: 'REFER_TO_COURT', courtId: COURT }, 409);
    expect(refused.error.details.reason).toMatch(/CPL art\. 228/);
  });

  it('LDMAL art. 49: the employer’s set-aside application is the intermediate court’s to report; set aside, the worker has 15 days to sue', async () => {
    const caseId = await finalAward();
    const byUnion = await act(
      caseId,
      { action: 'REFER_TO_COURT', courtId: INTERMEDIATE, application: 'SET_ASIDE' },
      400,
    );
    expect(byUnion.error.details.issues[0].field).toBe('application');

    const c = await read(caseId);
    const applied = await report(INTERMEDIATE, 'court.set_aside_applied', caseId, {
      reference: '(2026)鲁02民特9号',
      decidedOn: today(),
      awardReference: c.award.reference,
    });
    expect(applied.status).toBe('AWARDED');
    expect(clockOf(await read(caseId), 'SUE_AFTER_FINAL_AWARD')?.status).toBe('RUNNING');

    const ruling = { reference: '(2026)鲁02民特9号', decidedOn: today(), servedOn: today() };
    // The district court has neither the case nor the application.
    await report(COURT, 'court.award_set_aside', caseId, ruling, 404);
    const setAside = await report(INTERMEDIATE, 'court.award_set_aside', caseId, ruling);
    expect(setAside.status).toBe('AWARD_SET_ASIDE');
    expect(clockOf(await read(caseId), 'SUE_AFTER_SET_ASIDE')).toMatchObject({
      status: 'RUNNING',
      startedOn: today(),
    });
    expect((await act(caseId, { action: 'REFER_TO_COURT', courtId: COURT })).status).toBe(
      'LITIGATION_PENDING',
    );
  });

  it('LDMAL arts. 47, 49, 51: a final award is enforceable at once; a rejected set-aside leaves it standing', async () => {
    const caseId = await finalAward();
    const c = await read(caseId);
    await report(INTERMEDIATE, 'court.set_aside_applied', caseId, {
      reference: '(2026)鲁02民特10号',
      decidedOn: today(),
      awardReference: c.award.reference,
    });
    const stands = await report(INTERMEDIATE, 'court.set_aside_rejected', caseId, {
      reference: '(2026)鲁02民特10号',
      decidedOn: today(),
    });
    expect(stands.status).toBe('AWARD_EFFECTIVE');
    expect((await act(caseId, { action: 'REQUEST_ENFORCEMENT', courtId: COURT })).status).toBe(
      'ENFORCEMENT_REQUESTED',
    );

    const atOnce = await finalAward();
    expect((await act(atOnce, { action: 'REQUEST_ENFORCEMENT', courtId: COURT })).status).toBe(
      'ENFORCEMENT_REQUESTED',
    );
  });

  it('returns a delegated case only to the court that delegated it: another court is a 422 naming courtId', async () => {
    const { origin: _origin, ...parties } = intake();
    const opened = await partner(COURT, {
      type: 'court.mediation_delegated',
      data: { postId: POST, reference: '(2026)鲁0202民诉前调9号', receivedOn: today(), ...parties },
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    const caseId = opened.body.caseId as string;
    await act(caseId, { action: 'FAIL_MEDIATION', reason: 'No agreement.' });
    const elsewhere = await act(caseId, { action: 'RETURN_TO_COURT', courtId: INTERMEDIATE }, 422);
    expect(elsewhere.error.details.issues[0]).toMatchObject({
      field: 'courtId',
      message: `the case goes back to the court that delegated it, ${COURT}`,
    });
    expect((await act(caseId, { action: 'RETURN_TO_COURT', courtId: COURT })).status).toBe(
      'LITIGATION_PENDING',
    );
  });
});
