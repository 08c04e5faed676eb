import { describe, expect, it } from 'vitest';
import { handlePartnerEvent, type VerifiedPartner } from '../../domain/callbacks/handle-event.ts';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import type { Case } from '../../domain/case/model.ts';
import { STATUTORY_PERIODS } from '../../domain/clocks/periods.ts';
import type { HandoffRecord } from '../../domain/handoffs/model.ts';
import { HANDOFF_CONTENTS, handoffPackage } from '../../domain/handoffs/package.ts';
import { decide } from '../../domain/lifecycle/decide.ts';
import { allowedActions } from '../../domain/lifecycle/table.ts';
import {
  IllegalEventError,
  IllegalTransitionError,
  NotFoundError,
  UnknownReferenceError,
  ValidationError,
} from '../../domain/shared/errors.ts';
import { deliverFirst } from '../support/deliver-first.ts';
import { agreement, DAY, depsWith, intake, mediator, OTHER_POST, POST, settle } from '../support/fixtures.ts';
import { MemoryCaseRepository } from '../support/memory-repository.ts';

/**
 * The court side of the lifecycle, article by article (issue 18, points 1, 2, 7, 8, 12 and enforcement):
 * the use cases on the in-memory store, courts and institutes reporting through handlePartnerEvent as
 * their signed callbacks do. The test clock starts at 2026-03-02 10:00 in Shanghai.
 */

const COURT: VerifiedPartner = { kind: 'COURT', id: 'qd-shinan-court', posts: [POST, OTHER_POST] };
const INTERMEDIATE: VerifiedPartner = { kind: 'COURT', id: 'qd-intermediate-court', posts: [] };
const ARBITRATION: VerifiedPartner = { kind: 'ARBITRATION', id: 'qd-arbitration', posts: [POST, OTHER_POST] };

const setup = () => {
  const repo = new MemoryCaseRepository();
  return { repo, deps: depsWith(repo) };
};
type Deps = ReturnType<typeof setup>['deps'];

const clockOf = (c: Case, clock: string) => c.clocks.filter((k) => k.clock === clock).at(-1);
const today = (deps: Deps) => deps.clock.now().slice(0, 10);
/** A partner reports once the handoff to it arrived (delivered first, as the pipeline would). */
const report = async (deps: Deps, partner: VerifiedPartner, type: string, caseId: string, data: object) => {
  await deliverFirst(deps, partner, caseId);
  return handlePartnerEvent(deps, partner, { type, caseId, data });
};
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as Error,
  );

/** A settled wage case not paid by 3 March, with a payment order requested from the Shinan court. */
async function paymentOrderRequested(deps: Deps) {
  const c = await fileCase(deps, mediator, intake());
  await settle(deps, mediator, c.caseId, { amountFen: 800_000, performBy: '2026-03-03' });
  deps.clock.set('2026-03-04T02:00:00.000Z');
  await actOnCase(deps, mediator, c.caseId, { action: 'REQUEST_PAYMENT_ORDER', courtId: COURT.id });
  return c.caseId;
}

/** A case with an award served on 2 March: final or not. */
async function awarded(deps: Deps, final: boolean) {
  const c = await fileCase(deps, mediator, intake());
  await actOnCase(deps, mediator, c.caseId, { action: 'FAIL_MEDIATION', reason: 'employer refused' });
  await actOnCase(deps, mediator, c.caseId, {
    action: 'REFER_TO_ARBITRATION',
    arbitrationId: ARBITRATION.id,
  });
  const on = today(deps);
  await report(deps, ARBITRATION, 'arbitration.accepted', c.caseId, { reference: 'ARB-1', decidedOn: on });
  return report(deps, ARBITRATION, 'arbitration.award_issued', c.caseId, {
    reference: '青劳人仲裁字〔2026〕第7号',
    final,
    awardFen: 800_000,
    servedOn: on,
  });
}

describe('payment orders (CPL arts. 227–228; SPC Labour Interpretation (I) art. 13)', () => {
  it("CPL art. 227: enforcement only after the debtor's 15 days from its receipt of the order, and issuing meets no clock", async () => {
    const { deps } = setup();
    const caseId = await paymentOrderRequested(deps);
    const order = { reference: '(2026)鲁0202民督3号', decidedOn: '2026-03-05' };
    deps.clock.set('2026-03-06T02:00:00.000Z');

    // servedOn is required, and not before the order nor in the future.
    for (const [data, field] of [
      [order, 'data.servedOn'],
      [{ ...order, servedOn: '2026-03-04' }, 'data.servedOn'],
      [{ ...order, servedOn: '2026-03-07' }, 'data.servedOn'],
    ] as const) {
      const error = await refusal(report(deps, COURT, 'court.payment_order_issued', caseId, data));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]?.field).toBe(field);
    }
    const issued = await report(deps, COURT, 'court.payment_order_issued', caseId, {
      ...order,
      servedOn: '2026-03-06',
    });
    expect(issued.status).toBe('PAYMENT_ORDER_ISSUED');
    // 6 Mar + 15 days = Sat 21 Mar: the last day moves to Mon 23 Mar (Civil Code art. 203).
    expect(clockOf(issued, 'PAYMENT_ORDER_OBJECTION')).toMatchObject({
      status: 'RUNNING',
      startedOn: '2026-03-06',
      dueOn: '2026-03-23',
    });
    // The two years to apply for enforcement count from the last day to pay (CPL art. 250).
    expect(clockOf(issued, 'ENFORCEMENT_APPLICATION')).toMatchObject({
      status: 'RUNNING',
      startedOn: '2026-03-23',
      unit: 'YEARS',
    });

    deps.clock.set('2026-03-23T10:00:00.000Z');
    const early = await refusal(
      actOnCase(deps, mediator, caseId, { action: 'REQUEST_ENFORCEMENT', courtId: COURT.id }),
    );
    expect(early).toBeInstanceOf(IllegalTransitionError);
    expect(early?.message).toMatch(/until 2026-03-23.*CPL art\. 227/);

    deps.clock.set('2026-03-24T02:00:00.000Z');
    const enforced = await actOnCase(deps, mediator, caseId, {
      action: 'REQUEST_ENFORCEMENT',
      courtId: COURT.id,
    });
    expect(enforced.status).toBe('ENFORCEMENT_REQUESTED');
    expect(enforced.lastHandoff?.purpose).toBe('ENFORCEMENT');
    // The debtor's period ran out: stopped, never met; the application was made in time: met.
    expect(clockOf(enforced, 'PAYMENT_ORDER_OBJECTION')?.status).toBe('STOPPED');
    expect(clockOf(enforced, 'ENFORCEMENT_APPLICATION')?.status).toBe('MET');
  });

  it('CPL art. 228; SPC Labour Interpretation (I) art. 13: after an objection the worker may sue on the agreement, or go to arbitration', async () => {
    const { deps } = setup();
    const caseId = await paymentOrderRequested(deps);
    const on = today(deps);
    await report(deps, COURT, 'court.payment_order_issued', caseId, {
      reference: 'P-1',
      decidedOn: on,
      servedOn: on,
    });
    const objected = await report(deps, COURT, 'court.payment_order_objected', caseId, {
      reason: 'the employer disputes the amount',
      decidedOn: on,
    });
    expect(objected.status).toBe('MEDIATION_FAILED');
    expect(clockOf(objected, 'PAYMENT_ORDER_OBJECTION')?.status).toBe('MET');
    // The order lapsed: its enforcement period is stopped, not met.
    expect(clockOf(objected, 'ENFORCEMENT_APPLICATION')?.status).toBe('STOPPED');
    expect(allowedActions('MEDIATION_FAILED', 'mediator')).toEqual(
      expect.arrayContaining(['REFER_TO_ARBITRATION', 'REFER_TO_COURT']),
    );

    const sued = await actOnCase(deps, mediator, caseId, { action: 'REFER_TO_COURT', courtId: COURT.id });
    expect(sued.status).toBe('LITIGATION_PENDING');
    expect(sued.lastHandoff).toMatchObject({
      purpose: 'LITIGATION_FILING',
      destination: { kind: COURT.kind, id: COURT.id },
    });

    // A mediation that simply failed goes to arbitration first (LDMAL art. 5): no suit from it.
    const plain = await fileCase(deps, mediator, intake());
    await actOnCase(deps, mediator, plain.caseId, { action: 'FAIL_MEDIATION', reason: 'employer refused' });
    const refused = await refusal(
      actOnCase(deps, mediator, plain.caseId, { action: 'REFER_TO_COURT', courtId: COURT.id }),
    );
    expect(refused).toBeInstanceOf(IllegalTransitionError);
    expect(refused?.message).toMatch(/CPL art\. 228/);
  });

  it('CPL art. 227: paid in full within the 15 days, the order is performed: its period met, nothing left to enforce', async () => {
    const { deps } = setup();
    const caseId = await paymentOrderRequested(deps);
    const on = today(deps);
    await report(deps, COURT, 'court.payment_order_issued', caseId, {
      reference: 'P-1',
      decidedOn: on,
      servedOn: on,
    });
    const paid = await actOnCase(deps, mediator, caseId, { action: 'RECORD_PERFORMANCE', paidFen: 800_000 });
    expect(paid.status).toBe('PERFORMED');
    expect(clockOf(paid, 'PAYMENT_ORDER_OBJECTION')?.status).toBe('MET');
    expect(clockOf(paid, 'ENFORCEMENT_APPLICATION')?.status).toBe('STOPPED');
  });

  it('a stored order without a service clock counts the 15 days from its date; one with no date at all acts as before', () => {
    const base = storedCase({
      status: 'PAYMENT_ORDER_ISSUED',
      decisions: [
        {
          type: 'court.payment_order_issued',
          partnerId: COURT.id,
          reference: 'P-1',
          decidedOn: '2026-03-02',
          version: 4,
        },
      ],
    });
    const ctx = (now: string) => context(now, 'mediator');
    const command = { action: 'REQUEST_ENFORCEMENT', courtId: COURT.id };
    expect(() => decide(base, command, ctx('2026-03-10T02:00:00.000Z'))).toThrow(/until 2026-03-17/);
    expect(decide(base, command, ctx('2026-03-18T02:00:00.000Z')).next.status).toBe('ENFORCEMENT_REQUESTED');
    expect(decide({ ...base, decisions: [] }, command, ctx('2026-03-03T02:00:00.000Z')).next.status).toBe(
      'ENFORCEMENT_REQUESTED',
    );
  });
});

describe('final awards (LDMAL arts. 47–49, 51)', () => {
  it('LDMAL arts. 47, 51: a final award is enforced at once, while the worker’s 15 days to sue run; a non-final one only once effective (art. 50)', async () => {
    const { deps } = setup();
    const final = await awarded(deps, true);
    const enforced = await actOnCase(deps, mediator, final.caseId, {
      action: 'REQUEST_ENFORCEMENT',
      courtId: COURT.id,
    });
    expect(enforced.status).toBe('ENFORCEMENT_REQUESTED');
    expect(clockOf(enforced, 'SUE_AFTER_FINAL_AWARD')?.status).toBe('RUNNING');

    const nonFinal = await awarded(deps, false);
    const refused = await refusal(
      actOnCase(deps, mediator, nonFinal.caseId, { action: 'REQUEST_ENFORCEMENT', courtId: COURT.id }),
    );
    expect(refused).toBeInstanceOf(IllegalTransitionError);
    expect(refused?.message).toMatch(/LDMAL arts\. 50, 51/);
  });

  it('LDMAL art. 49: setting aside is the employer’s application, reported by the intermediate court; it meets none of the worker’s clocks', async () => {
    const { deps } = setup();
    const c = await awarded(deps, true);
    // The union cannot file it.
    const byUnion = await refusal(
      actOnCase(deps, mediator, c.caseId, {
        action: 'REFER_TO_COURT',
        courtId: INTERMEDIATE.id,
        application: 'SET_ASIDE',
      }),
    );
    expect(byUnion).toBeInstanceOf(ValidationError);
    expect((byUnion as ValidationError).issues[0]).toMatchObject({
      field: 'application',
      message: expect.stringMatching(/employer’s application.*art\. 49/),
    });

    const on = today(deps);
    const application = { reference: '(2026)鲁02民特9号', decidedOn: on };
    // A court that names another award finds nothing; the one naming the final award finds the case.
    expect(
      await refusal(
        report(deps, INTERMEDIATE, 'court.set_aside_applied', c.caseId, {
          ...application,
          awardReference: 'X',
        }),
      ),
    ).toBeInstanceOf(NotFoundError);
    const applied = await report(deps, INTERMEDIATE, 'court.set_aside_applied', c.caseId, {
      ...application,
      awardReference: c.award?.reference,
    });
    expect(applied.status).toBe('AWARDED');
    expect(clockOf(applied, 'SUE_AFTER_FINAL_AWARD')?.status).toBe('RUNNING');
    expect(applied.decisions.at(-1)).toMatchObject({
      type: 'court.set_aside_applied',
      partnerId: INTERMEDIATE.id,
    });

    // Only the court the application is before rules on it.
    const ruling = { reference: '(2026)鲁02民特9号', decidedOn: on, servedOn: on };
    expect(await refusal(report(deps, COURT, 'court.award_set_aside', c.caseId, ruling))).toBeInstanceOf(
      NotFoundError,
    );
    const setAside = await report(deps, INTERMEDIATE, 'court.award_set_aside', c.caseId, ruling);
    expect(setAside.status).toBe('AWARD_SET_ASIDE');
    // A new 15 days to sue, from the ruling's receipt.
    expect(clockOf(setAside, 'SUE_AFTER_SET_ASIDE')).toMatchObject({ status: 'RUNNING', startedOn: on });
    const sued = await actOnCase(deps, mediator, c.caseId, { action: 'REFER_TO_COURT', courtId: COURT.id });
    expect(clockOf(sued, 'SUE_AFTER_SET_ASIDE')?.status).toBe('MET');
  });

  it('LDMAL art. 49: a rejected application leaves the award standing and enforceable', async () => {
    const { deps } = setup();
    const c = await awarded(deps, true);
    const on = today(deps);
    // No application before the court: nothing to reject.
    const early = await refusal(
      report(deps, INTERMEDIATE, 'court.set_aside_rejected', c.caseId, { reference: 'R', decidedOn: on }),
    );
    expect(early).toBeInstanceOf(NotFoundError);
    await report(deps, INTERMEDIATE, 'court.set_aside_applied', c.caseId, {
      reference: 'R',
      decidedOn: on,
      awardReference: c.award?.reference,
    });
    const stands = await report(deps, INTERMEDIATE, 'court.set_aside_rejected', c.caseId, {
      reference: 'R',
      decidedOn: on,
    });
    expect(stands.status).toBe('AWARD_EFFECTIVE');
    const again = await refusal(
      report(deps, INTERMEDIATE, 'court.set_aside_rejected', c.caseId, { reference: 'R', decidedOn: on }),
    );
    expect(again).toBeInstanceOf(NotFoundError);
    const enforced = await actOnCase(deps, mediator, c.caseId, {
      action: 'REQUEST_ENFORCEMENT',
      courtId: COURT.id,
    });
    expect(enforced.status).toBe('ENFORCEMENT_REQUESTED');
  });

  it('a stored set-aside handoff from before (LITIGATION_PENDING) still takes the ruling', () => {
    const legacy = storedCase({
      status: 'LITIGATION_PENDING',
      award: { reference: 'A-1', final: true, awardFen: 1, servedOn: '2026-03-01' },
      lastHandoff: {
        handoffId: 'h-1',
        destination: { kind: 'COURT', id: COURT.id },
        purpose: 'AWARD_SET_ASIDE',
        status: 'DELIVERED',
      },
    });
    const ruled = decide(
      legacy,
      { action: 'SET_ASIDE_AWARD', reference: 'S', decidedOn: '2026-03-02', servedOn: '2026-03-02' },
      context('2026-03-02T02:00:00.000Z', 'court'),
    ).next;
    expect(ruled.status).toBe('AWARD_SET_ASIDE');
  });
});

describe('enforcement and judgments (LDMAL art. 51; CPL arts. 235, 247, 250)', () => {
  it('CPL arts. 247, 250: a judgment waits to be performed or enforced, with two years to apply from its performance date', async () => {
    const { deps } = setup();
    const c = await fileCase(deps, mediator, intake());
    await actOnCase(deps, mediator, c.caseId, { action: 'FAIL_MEDIATION', reason: 'employer refused' });
    await actOnCase(deps, mediator, c.caseId, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: ARBITRATION.id,
    });
    const on = today(deps);
    await report(deps, ARBITRATION, 'arbitration.declined', c.caseId, {
      reason: 'out of scope',
      decidedOn: on,
    });
    await actOnCase(deps, mediator, c.caseId, { action: 'REFER_TO_COURT', courtId: COURT.id });
    await report(deps, COURT, 'court.litigation_filed', c.caseId, { reference: 'L-1', decidedOn: on });
    const judged = await report(deps, COURT, 'court.judgment', c.caseId, {
      reference: '(2026)鲁0202民初88号',
      decidedOn: on,
      awardFen: 800_000,
      performBy: '2026-03-20',
    });
    expect(judged.status).toBe('JUDGMENT_GIVEN');
    expect(clockOf(judged, 'ENFORCEMENT_APPLICATION')).toMatchObject({
      status: 'RUNNING',
      startedOn: '2026-03-20',
      basis: 'CPL art. 250 (2023 numbering)',
    });
    expect(allowedActions('JUDGMENT_GIVEN', 'mediator')).toEqual(
      expect.arrayContaining(['REQUEST_ENFORCEMENT', 'CLOSE']),
    );
    const enforced = await actOnCase(deps, mediator, c.caseId, {
      action: 'REQUEST_ENFORCEMENT',
      courtId: COURT.id,
    });
    expect(enforced.status).toBe('ENFORCEMENT_REQUESTED');
  });

  it('CPL arts. 247, 264–268: the court reports the enforcement enforced, partly enforced (with the amount recovered) or terminated', async () => {
    const { deps } = setup();
    const on = today(deps);
    for (const [outcome, recoveredFen, expected] of [
      ['ENFORCED', 800_000, 'enforced by the court: 800000 fen recovered'],
      ['PARTLY_ENFORCED', 300_000, 'partly enforced by the court: 300000 fen recovered'],
      ['ENFORCEMENT_TERMINATED', undefined, 'enforcement terminated by the court'],
    ] as const) {
      const c = await awarded(deps, true);
      await actOnCase(deps, mediator, c.caseId, { action: 'REQUEST_ENFORCEMENT', courtId: COURT.id });
      if (outcome === 'PARTLY_ENFORCED') {
        const missing = await refusal(
          report(deps, COURT, 'court.concluded', c.caseId, { outcome, decidedOn: on }),
        );
        expect((missing as ValidationError).issues[0]?.field).toBe('data.recoveredFen');
      }
      const closed = await report(deps, COURT, 'court.concluded', c.caseId, {
        outcome,
        decidedOn: on,
        reference: '(2026)鲁0202执5号',
        ...(recoveredFen === undefined ? {} : { recoveredFen }),
      });
      expect(closed).toMatchObject({ status: 'CLOSED', outcome: expected });
    }
    // A suit is not enforced: an enforcement outcome there is refused.
    const c = await awarded(deps, false);
    await actOnCase(deps, mediator, c.caseId, { action: 'REFER_TO_COURT', courtId: COURT.id });
    const wrong = await refusal(
      report(deps, COURT, 'court.concluded', c.caseId, {
        outcome: 'PARTLY_ENFORCED',
        decidedOn: on,
        recoveredFen: 1,
      }),
    );
    expect(wrong).toBeInstanceOf(IllegalEventError);
  });

  it('CPL art. 250: every enforceable title starts the two years to apply from its last day to perform; a title that goes stops them unmet', async () => {
    const { deps } = setup();
    const on = today(deps);
    // A judicially confirmed agreement: from its performBy.
    const c = await fileCase(deps, mediator, intake());
    await settle(deps, mediator, c.caseId, { amountFen: 800_000, performBy: '2026-03-20' });
    await actOnCase(deps, mediator, c.caseId, { action: 'REQUEST_JUDICIAL_CONFIRMATION', courtId: COURT.id });
    const confirmed = await report(deps, COURT, 'court.confirmation_granted', c.caseId, {
      reference: '(2026)鲁0202民特2号',
      decidedOn: on,
    });
    expect(clockOf(confirmed, 'ENFORCEMENT_APPLICATION')).toMatchObject({
      status: 'RUNNING',
      startedOn: '2026-03-20',
      dueOn: '2028-03-20',
    });
    // A final award: effective when made (LDMAL art. 47), from its service.
    const final = await awarded(deps, true);
    expect(clockOf(final, 'ENFORCEMENT_APPLICATION')).toMatchObject({ status: 'RUNNING', startedOn: on });
    // Set aside (LDMAL art. 49): nothing left to enforce.
    await report(deps, INTERMEDIATE, 'court.set_aside_applied', final.caseId, {
      reference: 'S',
      decidedOn: on,
      awardReference: final.award?.reference,
    });
    const setAside = await report(deps, INTERMEDIATE, 'court.award_set_aside', final.caseId, {
      reference: 'S',
      decidedOn: on,
      servedOn: on,
    });
    expect(clockOf(setAside, 'ENFORCEMENT_APPLICATION')?.status).toBe('STOPPED');
    // The worker sues on a final award instead (LDMAL art. 48): stopped, not met.
    const sued = await awarded(deps, true);
    const suit = await actOnCase(deps, mediator, sued.caseId, {
      action: 'REFER_TO_COURT',
      courtId: COURT.id,
    });
    expect(clockOf(suit, 'ENFORCEMENT_APPLICATION')?.status).toBe('STOPPED');
    // A non-final award only once it takes effect (art. 50).
    const nonFinal = await awarded(deps, false);
    expect(clockOf(nonFinal, 'ENFORCEMENT_APPLICATION')).toBeUndefined();
  });

  it('CPL art. 250(2): a confirmed agreement in instalments is enforceable once an instalment is overdue', async () => {
    const { deps } = setup();
    const c = await fileCase(deps, mediator, intake());
    await actOnCase(deps, mediator, c.caseId, { action: 'ASSIGN_MEDIATOR', mediatorId: 'm' });
    deps.clock.advance(1000);
    await actOnCase(deps, mediator, c.caseId, {
      action: 'RECORD_SESSION',
      heldAt: deps.clock.now(),
      notes: 'n',
    });
    await actOnCase(deps, mediator, c.caseId, {
      action: 'SIGN_AGREEMENT',
      ...agreement({ amountFen: 800_000, performBy: '2026-04-30', effectiveOn: today(deps) }),
      instalments: [
        { dueOn: '2026-03-31', amountFen: 400_000 },
        { dueOn: '2026-04-30', amountFen: 400_000 },
      ],
    });
    await actOnCase(deps, mediator, c.caseId, { action: 'REQUEST_JUDICIAL_CONFIRMATION', courtId: COURT.id });
    await report(deps, COURT, 'court.confirmation_granted', c.caseId, {
      reference: 'C',
      decidedOn: today(deps),
    });
    const request = { action: 'REQUEST_ENFORCEMENT', courtId: COURT.id };
    deps.clock.set('2026-03-31T10:00:00.000Z');
    expect((await refusal(actOnCase(deps, mediator, c.caseId, request)))?.message).toMatch(
      /until 2026-03-31/,
    );
    deps.clock.set('2026-04-01T02:00:00.000Z');
    expect((await actOnCase(deps, mediator, c.caseId, request)).status).toBe('ENFORCEMENT_REQUESTED');
  });

  it('LDMAL arts. 42, 51: an arbitral mediation statement is enforced like an award', async () => {
    const { deps } = setup();
    const c = await fileCase(deps, mediator, intake());
    await actOnCase(deps, mediator, c.caseId, { action: 'FAIL_MEDIATION', reason: 'employer refused' });
    await actOnCase(deps, mediator, c.caseId, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: ARBITRATION.id,
    });
    const settled = await report(deps, ARBITRATION, 'arbitration.concluded', c.caseId, {
      outcome: 'SETTLED',
      decidedOn: today(deps),
      reference: '青劳人仲调字〔2026〕第3号',
    });
    expect(settled.status).toBe('ARBITRAL_MEDIATION_STATEMENT');
    expect(clockOf(settled, 'ENFORCEMENT_APPLICATION')).toMatchObject({
      status: 'RUNNING',
      startedOn: today(deps),
    });
    const enforced = await actOnCase(deps, mediator, c.caseId, {
      action: 'REQUEST_ENFORCEMENT',
      courtId: COURT.id,
    });
    expect(enforced.status).toBe('ENFORCEMENT_REQUESTED');
  });
});

describe('who receives what (court guidance on delegation; PIPL arts. 6, 13)', () => {
  it('court guidance: a delegated case goes back only to the court that delegated it (422 naming courtId)', async () => {
    const { deps } = setup();
    const { origin: _origin, ...parties } = intake();
    const opened = await handlePartnerEvent(deps, COURT, {
      type: 'court.mediation_delegated',
      data: { ...parties, postId: POST, reference: '(2026)鲁0202民诉前调1号', receivedOn: today(deps) },
    });
    await actOnCase(deps, mediator, opened.caseId, { action: 'FAIL_MEDIATION', reason: 'no agreement' });
    const elsewhere = await refusal(
      actOnCase(deps, mediator, opened.caseId, { action: 'RETURN_TO_COURT', courtId: INTERMEDIATE.id }),
    );
    expect(elsewhere).toBeInstanceOf(UnknownReferenceError);
    expect((elsewhere as UnknownReferenceError).issues[0]).toMatchObject({
      field: 'courtId',
      message: 'the case goes back to the court that delegated it, qd-shinan-court',
    });
    const back = await actOnCase(deps, mediator, opened.caseId, {
      action: 'RETURN_TO_COURT',
      courtId: COURT.id,
    });
    expect(back.status).toBe('LITIGATION_PENDING');

    // A court-delegated case a mediator filed (no source recorded) goes to the court named, as before.
    const filed = await fileCase(deps, mediator, intake({ origin: 'COURT_DELEGATED' }));
    deps.clock.advance(31 * DAY);
    const returned = await actOnCase(deps, mediator, filed.caseId, {
      action: 'RETURN_TO_COURT',
      courtId: INTERMEDIATE.id,
    });
    expect(returned.status).toBe('LITIGATION_PENDING');
  });

  it('PIPL arts. 6, 13; CPL arts. 225, 247: a handoff carries the parties and the record only where its purpose needs them', () => {
    const c = storedCase({ status: 'ENFORCEMENT_REQUESTED' });
    const history = [
      {
        caseId: c.caseId,
        version: 1,
        seq: 0,
        type: 'CASE_FILED' as const,
        action: 'FILE',
        actor: mediator,
        at: c.createdAt,
        from: null,
        to: 'FILED' as const,
        payload: {},
      },
    ];
    const handoff = (purpose: string) =>
      ({
        handoffId: 'h-1',
        caseId: c.caseId,
        requestedVersion: 5,
        destination: { kind: 'COURT', id: COURT.id },
        purpose,
        fromPostId: POST,
        requestedAt: c.createdAt,
      }) as HandoffRecord;
    const enforcement = handoffPackage(c, handoff('ENFORCEMENT'), history);
    expect(enforcement.parties).toEqual({ workers: c.workers, employer: c.employer });
    expect(enforcement.mediationRecord).toEqual([]);
    expect(enforcement.case.decisions).toEqual(c.decisions);
    const suit = handoffPackage(c, handoff('LITIGATION_FILING'), history);
    expect(suit.parties).not.toBeNull();
    expect(suit.mediationRecord).toHaveLength(1);
    // A purpose no longer in force (the union's old set-aside application) carries no personal data.
    const retired = handoffPackage(c, handoff('AWARD_SET_ASIDE'), history);
    expect(retired.parties).toBeNull();
    expect(retired.mediationRecord).toEqual([]);
    for (const purpose of ['TRANSFER', 'ARBITRATION_APPLICATION', 'JUDICIAL_CONFIRMATION', 'PAYMENT_ORDER']) {
      expect(HANDOFF_CONTENTS[purpose]?.parties, purpose).toBe(true);
    }
  });
});

function context(now: string, role: 'mediator' | 'court') {
  return {
    now,
    actor: role === 'mediator' ? mediator : { sub: 'partner/c', role, postId: COURT.id },
    periods: STATUTORY_PERIODS,
    calendar: { isRestDay: () => false },
    newHandoffId: () => 'h-2',
  };
}

/** A case as stored before issue 18: no service clock, no set-aside decisions. */
function storedCase(over: Partial<Case>): Case {
  const at = '2026-03-02T02:00:00.000Z';
  return {
    caseId: 'c-1',
    caseNumber: `${POST}-2026-000001`,
    postId: POST,
    origin: 'WALK_IN',
    workers: [{ name: 'W', idNumber: '11010519491231002X', phone: '13812345678' }],
    employer: { name: 'E', creditCode: '91350100M000100Y43' },
    claims: [{ category: 'WAGE_ARREARS', amountFen: 100_000, description: 'claim' }],
    claimedFen: 100_000,
    summary: 's',
    newEmploymentForm: false,
    platform: null,
    collective: false,
    status: 'FILED',
    version: 5,
    createdAt: at,
    updatedAt: at,
    mediationDueAt: at,
    mediationDueAtProvisional: false,
    mediatorId: null,
    sessionsHeld: 0,
    lastSessionAt: null,
    agreement: null,
    lastHandoff: null,
    formerPosts: [],
    outcome: null,
    source: null,
    decisions: [
      { type: 'court.judgment', partnerId: COURT.id, reference: 'J-1', decidedOn: '2026-03-01', version: 4 },
    ],
    award: null,
    receivedOn: '2026-03-02',
    knewOn: null,
    employmentEndedOn: null,
    clocks: [],
    ...over,
  };
}
