import { describe, expect, it } from 'vitest';
import { handlePartnerEvent } from '../../domain/callbacks/handle-event.ts';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import type { Case } from '../../domain/case/model.ts';
import { expireClock } from '../../domain/clocks/expire-clock.ts';
import { listHandoffs } from '../../domain/handoffs/list-handoffs.ts';
import { refOf } from '../../domain/handoffs/model.ts';
import { recordDelivery } from '../../domain/handoffs/record-outcome.ts';
import { allowedActions } from '../../domain/lifecycle/table.ts';
import {
  IllegalEventError,
  IllegalTransitionError,
  NotFoundError,
  ValidationError,
} from '../../domain/shared/errors.ts';
import { deliverFirst } from '../support/deliver-first.ts';
import { DAY, depsWith, intake, mediator, OTHER_POST, POST } from '../support/fixtures.ts';
import { MemoryCaseRepository } from '../support/memory-repository.ts';

/** The test clock starts at 2026-03-02 10:00 in Shanghai (a Monday). */
const ARBITRATION = 'qd-arbitration';
const COURT = 'qd-shinan-court';
const clerk = { sub: 'clerk', role: 'arbitration' as const, postId: ARBITRATION };
const institute = { kind: 'ARBITRATION' as const, id: ARBITRATION, posts: [POST, OTHER_POST] };
const court = { kind: 'COURT' as const, id: COURT, posts: [POST, OTHER_POST] };

const setup = () => {
  const repo = new MemoryCaseRepository();
  const deps = depsWith(repo);
  const today = () => deps.clock.now().slice(0, 10);
  return { repo, deps, today };
};
type Deps = ReturnType<typeof setup>['deps'];

const clockOf = (c: Case, clock: string) => c.clocks.filter((k) => k.clock === clock).at(-1);
/** The English reason a refusal gives (the 409's `reason`). */
const reasonOf = (error: unknown) =>
  String((error as { details?: { reason?: unknown } }).details?.reason ?? '');

/** A case referred to arbitration, the referral delivered to the institute (its receipt). */
async function referred(deps: Deps) {
  const c = await fileCase(deps, mediator, intake());
  await actOnCase(deps, mediator, c.caseId, { action: 'FAIL_MEDIATION', reason: 'no deal' });
  await actOnCase(deps, mediator, c.caseId, { action: 'REFER_TO_ARBITRATION', arbitrationId: ARBITRATION });
  const [handoff] = (await listHandoffs(deps, mediator, c.caseId, {})).items;
  if (!handoff) throw new Error('no handoff');
  await recordDelivery(deps, refOf(handoff), 'QDLA-2026-1');
  return c.caseId;
}

/** A case with the institute's award served today, final or not. */
async function awarded(deps: Deps, today: () => string, final = false) {
  const caseId = await referred(deps);
  await actOnCase(deps, clerk, caseId, {
    action: 'ACCEPT_FOR_ARBITRATION',
    reference: 'A-1',
    decidedOn: today(),
  });
  await actOnCase(deps, clerk, caseId, {
    action: 'ISSUE_AWARD',
    reference: 'QDLA-2026-1-A',
    final,
    awardFen: 500_000,
    servedOn: today(),
  });
  return caseId;
}

/** A case SETTLED by an agreement that took effect on `effectiveOn` (or, stored before that field, signed then). */
async function settled(deps: Deps, effectiveOn: string) {
  const c = await fileCase(deps, mediator, intake());
  await actOnCase(deps, mediator, c.caseId, { action: 'ASSIGN_MEDIATOR', mediatorId: 'm' });
  await actOnCase(deps, mediator, c.caseId, {
    action: 'RECORD_SESSION',
    heldAt: deps.clock.now(),
    notes: 'n',
  });
  return actOnCase(deps, mediator, c.caseId, {
    action: 'SIGN_AGREEMENT',
    terms: 'Pay the wages.',
    amountFen: 1_250_000,
    items: [{ claim: 0, amountFen: 1_250_000 }],
    performBy: '2026-03-20',
    signatures: {
      workers: [0],
      employer: { representative: 'Li Ming', sealed: true },
      mediator: 'm',
      organisationSeal: true,
    },
    effectiveOn,
  });
}

describe('arbitration paths (LDMAL; MOHRSS Arbitration Rules 2017)', () => {
  it('LDMAL art. 29: the acceptance clock starts on the institute’s receipt (the delivery), not on the referral', async () => {
    const { deps } = setup();
    const c = await fileCase(deps, mediator, intake());
    await actOnCase(deps, mediator, c.caseId, { action: 'FAIL_MEDIATION', reason: 'no deal' });
    const pending = await actOnCase(deps, mediator, c.caseId, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: ARBITRATION,
    });
    expect(clockOf(pending, 'ARBITRATION_ACCEPTANCE')).toBeUndefined();

    // Delivered two days later, on Wednesday 4 March: five working days from then end on 11 March.
    deps.clock.advance(2 * DAY);
    const [handoff] = (await listHandoffs(deps, mediator, c.caseId, {})).items;
    if (!handoff) throw new Error('no handoff');
    expect(await recordDelivery(deps, refOf(handoff), 'QDLA-2026-1')).toBe('settled');
    const delivered = await deps.cases.get(c.caseId);
    expect(clockOf(delivered as Case, 'ARBITRATION_ACCEPTANCE')).toMatchObject({
      status: 'RUNNING',
      startedOn: '2026-03-04',
      dueOn: '2026-03-11',
      unit: 'WORKING_DAYS',
      basis: 'LDMAL art. 29',
    });
  });

  it('a case referred before the rule keeps the acceptance clock its referral started (no second one)', async () => {
    const { deps, repo } = setup();
    const c = await fileCase(deps, mediator, intake());
    await actOnCase(deps, mediator, c.caseId, { action: 'FAIL_MEDIATION', reason: 'no deal' });
    const pending = await actOnCase(deps, mediator, c.caseId, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: ARBITRATION,
    });
    // As stored by the earlier code: the referral started the clock at its own version.
    const legacy = {
      ...pending,
      clocks: [
        ...pending.clocks,
        { ...(clockOf(pending, 'MEDIATION') as Case['clocks'][number]), status: 'RUNNING' as const },
      ].map((k, i) =>
        i === pending.clocks.length
          ? {
              ...k,
              clock: 'ARBITRATION_ACCEPTANCE' as const,
              clockId: `ARBITRATION_ACCEPTANCE-${pending.version}`,
              basis: 'LDMAL art. 29',
            }
          : k,
      ),
    };
    repo.cases.set(c.caseId, legacy);
    const [handoff] = (await listHandoffs(deps, mediator, c.caseId, {})).items;
    await recordDelivery(deps, refOf(handoff as never), 'QDLA-2026-1');
    const after = (await deps.cases.get(c.caseId)) as Case;
    expect(after.clocks.filter((k) => k.clock === 'ARBITRATION_ACCEPTANCE')).toHaveLength(1);
    expect(after.arbitralStatement).toBeUndefined();
    expect(allowedActions(after.status, 'arbitration')).toContain('ACCEPT_FOR_ARBITRATION');
  });

  it('LDMAL art. 50: a non-final award nobody sued on within 15 days of service takes effect when its clock expires; the worker’s later suit is refused', async () => {
    const { deps, today } = setup();
    const caseId = await awarded(deps, today);
    const clock = clockOf((await deps.cases.get(caseId)) as Case, 'SUE_AFTER_NON_FINAL_AWARD');
    if (!clock) throw new Error('no clock');
    expect(clock.dueOn).toBe('2026-03-17');
    expect(await expireClock(deps, caseId, clock.clockId)).toBe('not-due');

    deps.clock.advance(16 * DAY);
    // Past the 15 days, before the sweep has recorded it: the suit is refused already.
    const late = await actOnCase(deps, mediator, caseId, {
      action: 'REFER_TO_COURT',
      courtId: COURT,
      application: 'LITIGATION',
    }).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(IllegalTransitionError);
    expect(reasonOf(late)).toMatch(/took effect.*2026-03-17.*art\. 50/);

    expect(await expireClock(deps, caseId, clock.clockId)).toBe('expired');
    const effective = (await deps.cases.get(caseId)) as Case;
    expect(effective.status).toBe('AWARD_EFFECTIVE');
    expect(clockOf(effective, 'SUE_AFTER_NON_FINAL_AWARD')).toMatchObject({
      status: 'EXPIRED',
      handledVersion: effective.version,
    });
    const { items } = await deps.cases.history(caseId, { limit: 50 });
    const last = items.filter((e) => e.version === effective.version);
    expect(last.map((e) => [e.type, e.action, e.to])).toEqual([
      ['CLOCK_EXPIRED', 'CLOCK_EXPIRED', 'AWARDED'],
      ['ACTION_APPLIED', 'AWARD_TAKES_EFFECT', 'AWARD_EFFECTIVE'],
    ]);
    expect(await expireClock(deps, caseId, clock.clockId)).toBe('not-running');

    await expect(
      actOnCase(deps, mediator, caseId, {
        action: 'REFER_TO_COURT',
        courtId: COURT,
        application: 'LITIGATION',
      }),
    ).rejects.toBeInstanceOf(IllegalTransitionError);
    expect(allowedActions('AWARD_EFFECTIVE', 'mediator')).toEqual(
      expect.arrayContaining(['REQUEST_ENFORCEMENT', 'CLOSE']),
    );
  });

  it('LDMAL arts. 47–48: a final award’s lapsed clock takes no such action (it was effective when made)', async () => {
    const { deps, today } = setup();
    const caseId = await awarded(deps, today, true);
    const clock = clockOf((await deps.cases.get(caseId)) as Case, 'SUE_AFTER_FINAL_AWARD');
    deps.clock.advance(20 * DAY);
    expect(await expireClock(deps, caseId, clock?.clockId as string)).toBe('expired');
    expect((await deps.cases.get(caseId))?.status).toBe('AWARDED');
  });

  it('LDMAL art. 50: either party may sue — the court reports the employer’s suit from AWARDED, naming the award, and then holds the case', async () => {
    const { deps, today } = setup();
    const caseId = await awarded(deps, today);
    deps.clock.advance(3 * DAY);
    // A court that names another award finds nothing.
    await expect(
      handlePartnerEvent(deps, court, {
        type: 'court.litigation_filed',
        caseId,
        data: { reference: '(2026)鲁0202民初9号', decidedOn: today(), awardReference: 'other' },
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const sued = await handlePartnerEvent(deps, court, {
      type: 'court.litigation_filed',
      caseId,
      data: { reference: '(2026)鲁0202民初9号', decidedOn: today(), awardReference: 'QDLA-2026-1-A' },
    });
    expect(sued.status).toBe('IN_LITIGATION');
    expect(sued.reportedSuit).toEqual({
      courtId: COURT,
      reference: '(2026)鲁0202民初9号',
      filedOn: '2026-03-05',
    });
    expect(clockOf(sued, 'SUE_AFTER_NON_FINAL_AWARD')?.status).toBe('MET');
    expect(sued.decisions?.at(-1)).toMatchObject({ type: 'court.litigation_filed', partnerId: COURT });
    // The union sees it; the court that filed it reports the judgment.
    expect((await deps.cases.get(caseId))?.status).toBe('IN_LITIGATION');
    const judged = await handlePartnerEvent(deps, court, {
      type: 'court.judgment',
      caseId,
      data: { reference: '(2026)鲁0202民初9号', decidedOn: today() },
    });
    expect(['JUDGMENT_GIVEN', 'CLOSED']).toContain(judged.status);
  });

  it('LDMAL art. 50: a suit filed inside the 15 days but reported after the award took effect takes the case back to litigation; one filed after them is refused', async () => {
    const { deps, today } = setup();
    const caseId = await awarded(deps, today);
    const clock = clockOf((await deps.cases.get(caseId)) as Case, 'SUE_AFTER_NON_FINAL_AWARD');
    deps.clock.advance(17 * DAY);
    await expireClock(deps, caseId, clock?.clockId as string);
    expect((await deps.cases.get(caseId))?.status).toBe('AWARD_EFFECTIVE');

    const outOfTime = await handlePartnerEvent(deps, court, {
      type: 'court.litigation_filed',
      caseId,
      data: { reference: 'L-2', decidedOn: '2026-03-18', awardReference: 'QDLA-2026-1-A' },
    }).catch((e: unknown) => e);
    expect(outOfTime).toBeInstanceOf(IllegalEventError);
    expect(reasonOf(outOfTime)).toMatch(/2026-03-18.*2026-03-17.*art\. 50/);

    const inTime = await handlePartnerEvent(deps, court, {
      type: 'court.litigation_filed',
      caseId,
      data: { reference: 'L-1', decidedOn: '2026-03-16', awardReference: 'QDLA-2026-1-A' },
    });
    expect(inTime.status).toBe('IN_LITIGATION');
    expect(inTime.reportedSuit?.filedOn).toBe('2026-03-16');
  });

  it('LDMAL arts. 47–49: the employer does not sue on a final award', async () => {
    const { deps, today } = setup();
    const caseId = await awarded(deps, today, true);
    const error = await handlePartnerEvent(deps, court, {
      type: 'court.litigation_filed',
      caseId,
      data: { reference: 'L-1', decidedOn: today(), awardReference: 'QDLA-2026-1-A' },
    }).catch((e: unknown) => e);
    // A court is admitted only on a non-final award: a final one is not found.
    expect(error).toBeInstanceOf(NotFoundError);
  });

  it('LDMAL art. 43; MOHRSS Rules 2017 art. 45: an extension (≤ 15 days in all) moves the award clock, and the suit for a missing award opens only after the extended end', async () => {
    const { deps, today } = setup();
    const caseId = await referred(deps);
    const accepted = await actOnCase(deps, clerk, caseId, {
      action: 'ACCEPT_FOR_ARBITRATION',
      reference: 'A-1',
      decidedOn: today(),
    });
    // 2 March + 45 days = Thursday 16 April.
    expect(clockOf(accepted, 'ARBITRATION_AWARD')?.dueOn).toBe('2026-04-16');
    const tooLong = await handlePartnerEvent(deps, institute, {
      type: 'arbitration.award_period_extended',
      caseId,
      data: { days: 16, decidedOn: today() },
    }).catch((e: unknown) => e);
    expect(tooLong).toBeInstanceOf(ValidationError);
    expect((tooLong as ValidationError).issues[0]?.field).toBe('data.days');

    const extended = await handlePartnerEvent(deps, institute, {
      type: 'arbitration.award_period_extended',
      caseId,
      data: { days: 10, decidedOn: today() },
    });
    expect(clockOf(extended, 'ARBITRATION_AWARD')).toMatchObject({
      status: 'RUNNING',
      dueOn: '2026-04-27',
      adjustments: [{ kind: 'EXTENDED', days: 10 }],
    });
    const overTotal = await handlePartnerEvent(deps, institute, {
      type: 'arbitration.award_period_extended',
      caseId,
      data: { days: 6, decidedOn: today() },
    }).catch((e: unknown) => e);
    expect(overTotal).toBeInstanceOf(ValidationError);
    expect(JSON.stringify((overTotal as ValidationError).issues)).toMatch(
      /at most 15 days in all.*10 already granted/,
    );

    // The original end has passed: no suit yet.
    deps.clock.set('2026-04-20T02:00:00.000Z');
    const early = await actOnCase(deps, mediator, caseId, {
      action: 'REFER_TO_COURT',
      courtId: COURT,
      application: 'LITIGATION',
    }).catch((e: unknown) => e);
    expect(early).toBeInstanceOf(IllegalTransitionError);
    expect(reasonOf(early)).toMatch(/art\. 43/);
    deps.clock.set('2026-04-28T02:00:00.000Z');
    const sued = await actOnCase(deps, mediator, caseId, {
      action: 'REFER_TO_COURT',
      courtId: COURT,
      application: 'LITIGATION',
    });
    expect(sued.status).toBe('LITIGATION_PENDING');
  });

  it('MOHRSS Rules 2017 art. 46: a suspension pauses the award clock — no suit, no expiry — and the resumption moves its end by the days suspended', async () => {
    const { deps, today } = setup();
    const caseId = await referred(deps);
    await actOnCase(deps, clerk, caseId, {
      action: 'ACCEPT_FOR_ARBITRATION',
      reference: 'A-1',
      decidedOn: today(),
    });
    deps.clock.advance(8 * DAY);
    const suspended = await handlePartnerEvent(deps, institute, {
      type: 'arbitration.suspended',
      caseId,
      data: { decidedOn: today(), reason: 'awaiting a work-injury assessment' },
    });
    const paused = clockOf(suspended, 'ARBITRATION_AWARD');
    expect(paused).toMatchObject({ status: 'PAUSED', pausedOn: '2026-03-10' });
    await expect(
      handlePartnerEvent(deps, institute, {
        type: 'arbitration.suspended',
        caseId,
        data: { decidedOn: today(), reason: 'again' },
      }),
    ).rejects.toBeInstanceOf(IllegalEventError);

    // Long after the unsuspended end (16 April): no expiry, no suit.
    deps.clock.set('2026-05-01T02:00:00.000Z');
    expect(await expireClock(deps, caseId, paused?.clockId as string)).toBe('not-running');
    await expect(
      actOnCase(deps, mediator, caseId, {
        action: 'REFER_TO_COURT',
        courtId: COURT,
        application: 'LITIGATION',
      }),
    ).rejects.toBeInstanceOf(IllegalTransitionError);

    const resumed = await handlePartnerEvent(deps, institute, {
      type: 'arbitration.resumed',
      caseId,
      data: { decidedOn: '2026-05-01' },
    });
    // Paused 10 March, resumed 1 May: 52 days more; 16 April + 52 = Sunday 7 June, moved to Monday 8 June.
    expect(clockOf(resumed, 'ARBITRATION_AWARD')).toMatchObject({
      status: 'RUNNING',
      dueOn: '2026-06-08',
      adjustments: [{ kind: 'PAUSED', days: 52, from: '2026-03-10', to: '2026-05-01' }],
    });
    const award = await handlePartnerEvent(deps, institute, {
      type: 'arbitration.award_issued',
      caseId,
      data: { reference: 'A-1-A', final: false, awardFen: 1, servedOn: '2026-05-01' },
    });
    expect(clockOf(award, 'ARBITRATION_AWARD')?.status).toBe('MET');
  });

  it('LDMAL arts. 42, 51: a settlement at arbitration yields an enforceable arbitral mediation statement, not CLOSED', async () => {
    const { deps, today } = setup();
    const caseId = await referred(deps);
    await actOnCase(deps, clerk, caseId, {
      action: 'ACCEPT_FOR_ARBITRATION',
      reference: 'A-1',
      decidedOn: today(),
    });
    const noReference = await handlePartnerEvent(deps, institute, {
      type: 'arbitration.concluded',
      caseId,
      data: { outcome: 'SETTLED', decidedOn: today() },
    }).catch((e: unknown) => e);
    expect((noReference as ValidationError).issues?.[0]?.field).toBe('data.reference');

    const statement = await handlePartnerEvent(deps, institute, {
      type: 'arbitration.concluded',
      caseId,
      data: { outcome: 'SETTLED', decidedOn: today(), reference: '青劳人仲调字〔2026〕第1号' },
    });
    expect(statement.status).toBe('ARBITRAL_MEDIATION_STATEMENT');
    expect(statement.arbitralStatement).toEqual({
      kind: 'MEDIATION',
      reference: '青劳人仲调字〔2026〕第1号',
      issuedOn: '2026-03-02',
    });
    // The award period ended with the settlement.
    expect(clockOf(statement, 'ARBITRATION_AWARD')?.status).toBe('MET');
    expect(allowedActions('ARBITRAL_MEDIATION_STATEMENT', 'mediator')).toEqual(
      expect.arrayContaining(['REQUEST_ENFORCEMENT', 'CLOSE']),
    );
    const closed = await actOnCase(deps, mediator, caseId, { action: 'CLOSE', resolution: 'paid' });
    expect(closed.status).toBe('CLOSED');

    const other = await referred(deps);
    const withdrawn = await handlePartnerEvent(deps, institute, {
      type: 'arbitration.concluded',
      caseId: other,
      data: { outcome: 'WITHDRAWN', decidedOn: today() },
    });
    expect(withdrawn.status).toBe('CLOSED');
  });

  it('MOHRSS Rules 2017 arts. 74–77: a joint request for arbitral review within 15 days of the agreement taking effect; confirmed, an enforceable statement', async () => {
    const { deps, today } = setup();
    const c = await settled(deps, '2026-03-02');
    const requested = await actOnCase(deps, mediator, c.caseId, {
      action: 'REQUEST_ARBITRAL_REVIEW',
      arbitrationId: ARBITRATION,
    });
    expect(requested.status).toBe('ARBITRAL_REVIEW_REQUESTED');
    expect(requested.lastHandoff).toMatchObject({
      destination: { kind: 'ARBITRATION', id: ARBITRATION },
      purpose: 'ARBITRAL_REVIEW',
    });
    await deliverFirst(deps, institute, c.caseId);
    const confirmed = await handlePartnerEvent(deps, institute, {
      type: 'arbitration.review_confirmed',
      caseId: c.caseId,
      data: { reference: '青劳人仲审字〔2026〕第3号', decidedOn: today() },
    });
    expect(confirmed.status).toBe('REVIEW_CONFIRMED');
    expect(confirmed.arbitralStatement).toMatchObject({
      kind: 'REVIEW',
      reference: '青劳人仲审字〔2026〕第3号',
    });
    expect(allowedActions('REVIEW_CONFIRMED', 'mediator')).toEqual(
      expect.arrayContaining(['REQUEST_ENFORCEMENT', 'CLOSE']),
    );
  });

  it('MOHRSS Rules 2017 arts. 74–77: a refused review is back with the parties; a request after the 15 days is refused', async () => {
    const { deps, today } = setup();
    const c = await settled(deps, '2026-03-02');
    await actOnCase(deps, mediator, c.caseId, {
      action: 'REQUEST_ARBITRAL_REVIEW',
      arbitrationId: ARBITRATION,
    });
    await deliverFirst(deps, institute, c.caseId);
    const refused = await handlePartnerEvent(deps, institute, {
      type: 'arbitration.review_refused',
      caseId: c.caseId,
      data: { reason: 'the terms waive statutory rights', decidedOn: today() },
    });
    expect(refused.status).toBe('SETTLED');

    // 2 March + 15 days = Tuesday 17 March; on the 18th the window is closed.
    deps.clock.set('2026-03-18T02:00:00.000Z');
    const late = await actOnCase(deps, mediator, c.caseId, {
      action: 'REQUEST_ARBITRAL_REVIEW',
      arbitrationId: ARBITRATION,
    }).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(IllegalTransitionError);
    expect(reasonOf(late)).toMatch(/2026-03-17.*2026-03-02.*art\. 74/);
  });

  it('an agreement stored before `effectiveOn` counts the review window from its signing', async () => {
    const { deps, repo } = setup();
    const c = await settled(deps, '2026-03-02');
    const { effectiveOn: _gone, ...agreement } = c.agreement as NonNullable<Case['agreement']>;
    repo.cases.set(c.caseId, { ...c, agreement: { ...agreement, signedAt: '2026-02-10T02:00:00.000Z' } });
    const late = await actOnCase(deps, mediator, c.caseId, {
      action: 'REQUEST_ARBITRAL_REVIEW',
      arbitrationId: ARBITRATION,
    }).catch((e: unknown) => e);
    expect(reasonOf(late)).toMatch(/2026-02-25.*2026-02-10/);
  });
});
