import { describe, expect, it } from 'vitest';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import { maskedCase } from '../../domain/case/masked.ts';
import type { Case } from '../../domain/case/model.ts';
import { currentClock, startClock } from '../../domain/clocks/clock.ts';
import { expireClock } from '../../domain/clocks/expire-clock.ts';
import type { CaseClock } from '../../domain/clocks/model.ts';
import { STATUTORY_PERIODS } from '../../domain/clocks/periods.ts';
import { decide } from '../../domain/lifecycle/decide.ts';
import { IllegalTransitionError, ValidationError } from '../../domain/shared/errors.ts';
import { agreement, DAY, depsWith, intake, mediator, residentId, settle } from '../support/fixtures.ts';
import { MemoryCaseRepository } from '../support/memory-repository.ts';

/**
 * The mediation agreement, article by article: its formalities (LDMAL art. 14), performance per instalment
 * (art. 15), the confirmation window from the day it took effect (CPL art. 205), the mediation period
 * extended by consent (enterprise mediation rules 2011), and guards that read the current agreement's or
 * referral's clock, not an earlier one's.
 */

const setup = () => {
  const repo = new MemoryCaseRepository();
  return { repo, deps: depsWith(repo) };
};
type Deps = ReturnType<typeof setup>['deps'];

/** The test clock starts 2026-03-02 10:00 in Shanghai; the case is received that day. */
const TODAY = '2026-03-02';

/** A case with two claims and two workers, mediating, one session held. */
async function mediating(deps: Deps) {
  const c = await fileCase(
    deps,
    mediator,
    intake({
      workers: [
        { name: 'Wang Fang', idNumber: residentId(), phone: '13812345678' },
        { name: 'Li Lei', idNumber: residentId('37020219880101123'), phone: '13912345678' },
      ],
      claims: [
        { category: 'WAGE_ARREARS', amountFen: 1_000_000, description: 'wages' },
        { category: 'OVERTIME', amountFen: 500_000, description: 'overtime' },
      ],
    }),
  );
  await actOnCase(deps, mediator, c.caseId, { action: 'ASSIGN_MEDIATOR', mediatorId: 'm' });
  deps.clock.advance(1000);
  await actOnCase(deps, mediator, c.caseId, {
    action: 'RECORD_SESSION',
    heldAt: deps.clock.now(),
    notes: 'n',
  });
  return c.caseId;
}

/** A full agreement for the two-claim, two-worker case: 1,200,000 fen in two instalments. */
const signed = (overrides: Record<string, unknown> = {}) => ({
  action: 'SIGN_AGREEMENT',
  terms: 'The employer pays 12,000 yuan in two instalments.',
  amountFen: 1_200_000,
  items: [
    { claim: 0, amountFen: 900_000 },
    { claim: 1, amountFen: 300_000 },
  ],
  performBy: '2026-04-30',
  instalments: [
    { dueOn: '2026-03-31', amountFen: 600_000 },
    { dueOn: '2026-04-30', amountFen: 600_000 },
  ],
  signatures: {
    workers: [0, 1],
    employer: { representative: 'Zhou Min', sealed: true },
    mediator: 'm',
    organisationSeal: true,
  },
  effectiveOn: TODAY,
  ...overrides,
});

/** The field a refused command names (a 400), or the refusal itself when it is not a ValidationError. */
async function refusedField(deps: Deps, caseId: string, command: Record<string, unknown>) {
  const error = await actOnCase(deps, mediator, caseId, command).catch((e: unknown) => e);
  if (!(error instanceof ValidationError))
    throw new Error(`expected a ValidationError, got ${String(error)}`);
  return error.issues[0]?.field;
}

describe('the agreement’s formalities (LDMAL art. 14)', () => {
  it('LDMAL art. 14: SIGN_AGREEMENT records who signed for each side, the mediator, the seal, effectiveOn, the amount per claim and the instalments', async () => {
    const { deps } = setup();
    const caseId = await mediating(deps);
    const settled = await actOnCase(deps, mediator, caseId, signed());
    expect(settled.status).toBe('SETTLED');
    expect(settled.agreement).toMatchObject({
      amountFen: 1_200_000,
      paidFen: 0,
      effectiveOn: TODAY,
      items: [
        { claim: 0, amountFen: 900_000 },
        { claim: 1, amountFen: 300_000 },
      ],
      instalments: [
        { dueOn: '2026-03-31', amountFen: 600_000, paidFen: 0 },
        { dueOn: '2026-04-30', amountFen: 600_000, paidFen: 0 },
      ],
      signatures: {
        workers: [0, 1],
        employer: { representative: 'Zhou Min', sealed: true },
        mediator: 'm',
        organisationSeal: true,
      },
    });
  });

  it('LDMAL art. 14: amounts that do not add up, unknown claims or workers, a missing signature or seal are a 400 naming the field', async () => {
    const { deps, repo } = setup();
    const caseId = await mediating(deps);
    const cases: [Record<string, unknown>, string][] = [
      [{ items: [{ claim: 0, amountFen: 900_000 }] }, 'items'],
      [
        {
          items: [
            { claim: 0, amountFen: 900_000 },
            { claim: 2, amountFen: 300_000 },
          ],
        },
        'items[1].claim',
      ],
      [
        {
          items: [
            { claim: 0, amountFen: 600_000 },
            { claim: 0, amountFen: 600_000 },
          ],
        },
        'items[1].claim',
      ],
      [{ instalments: [{ dueOn: '2026-03-31', amountFen: 600_000 }] }, 'instalments'],
      [
        {
          instalments: [
            { dueOn: '2026-03-31', amountFen: 600_000 },
            { dueOn: '2026-05-01', amountFen: 600_000 },
          ],
        },
        'instalments[1].dueOn',
      ],
      [
        {
          instalments: [
            { dueOn: '2026-04-30', amountFen: 600_000 },
            { dueOn: '2026-03-31', amountFen: 600_000 },
          ],
        },
        'instalments[1].dueOn',
      ],
      // Each worker of a dispute that is not collective is a party and signs.
      [{ signatures: { ...signed().signatures, workers: [0] } }, 'signatures.workers'],
      [{ signatures: { ...signed().signatures, workers: [0, 5] } }, 'signatures.workers[1]'],
      [{ signatures: { ...signed().signatures, organisationSeal: false } }, 'signatures.organisationSeal'],
      [{ effectiveOn: '2026-03-03' }, 'effectiveOn'],
      [{ effectiveOn: '2026-03-01' }, 'effectiveOn'],
    ];
    for (const [overrides, field] of cases) {
      expect(await refusedField(deps, caseId, signed(overrides)), JSON.stringify(overrides)).toBe(field);
    }
    expect((await repo.get(caseId))?.status).toBe('MEDIATING');
  });

  it('CPL art. 205; MOHRSS Rules 2017 art. 74: the 30-day confirmation and 15-day review windows count from effectiveOn, not the day it is recorded', async () => {
    const { deps } = setup();
    const caseId = await mediating(deps);
    deps.clock.advance(4 * DAY); // recorded on 6 March, effective since 2 March
    const settled = await actOnCase(deps, mediator, caseId, signed());
    expect(currentClock(settled.clocks, 'JUDICIAL_CONFIRMATION')).toMatchObject({
      startedOn: TODAY,
      dueOn: '2026-04-01',
      status: 'RUNNING',
    });
    expect(currentClock(settled.clocks, 'ARBITRAL_REVIEW_OF_AGREEMENT')).toMatchObject({
      startedOn: TODAY,
      dueOn: '2026-03-17',
    });
    // 2 April: 30 days after effectiveOn have passed, though not 30 days after the signing was recorded.
    deps.clock.set('2026-04-02T02:00:00.000Z');
    const late = await actOnCase(deps, mediator, caseId, {
      action: 'REQUEST_JUDICIAL_CONFIRMATION',
      courtId: 'qd-shinan-court',
    }).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(IllegalTransitionError);
    expect((late as IllegalTransitionError).message).toContain('CPL art. 205');
    expect((late as IllegalTransitionError).message).toContain('2026-04-01');
  });

  it('LDMAL art. 14; Civil Code art. 560: a payment goes to the instalment named, else to the earliest owed; the case is PERFORMED when every instalment is paid', async () => {
    const { deps } = setup();
    const caseId = await mediating(deps);
    await actOnCase(deps, mediator, caseId, signed());
    const first = await actOnCase(deps, mediator, caseId, { action: 'RECORD_PERFORMANCE', paidFen: 400_000 });
    expect(first.status).toBe('SETTLED');
    expect(first.agreement?.instalments?.map((i) => i.paidFen)).toEqual([400_000, 0]);
    const named = await actOnCase(deps, mediator, caseId, {
      action: 'RECORD_PERFORMANCE',
      paidFen: 600_000,
      instalment: 2,
    });
    expect(named.agreement?.instalments?.map((i) => i.paidFen)).toEqual([400_000, 600_000]);
    expect(named.agreement?.paidFen).toBe(1_000_000);
    // More than the instalment still owes, or an instalment the schedule lacks: a 400 naming the field.
    expect(
      await refusedField(deps, caseId, { action: 'RECORD_PERFORMANCE', paidFen: 200_001, instalment: 1 }),
    ).toBe('paidFen');
    expect(
      await refusedField(deps, caseId, { action: 'RECORD_PERFORMANCE', paidFen: 1, instalment: 3 }),
    ).toBe('instalment');
    const last = await actOnCase(deps, mediator, caseId, { action: 'RECORD_PERFORMANCE', paidFen: 200_000 });
    expect(last.status).toBe('PERFORMED');
    expect(last.agreement?.instalments?.every((i) => i.paidFen === i.amountFen)).toBe(true);
  });

  it('LDMAL art. 15: an instalment whose date passed unpaid lets the agreement fail before its last date', async () => {
    const { deps } = setup();
    const caseId = await mediating(deps);
    await actOnCase(deps, mediator, caseId, signed());
    await actOnCase(deps, mediator, caseId, { action: 'RECORD_PERFORMANCE', paidFen: 500_000 });
    deps.clock.set('2026-03-31T02:00:00.000Z');
    const early = await actOnCase(deps, mediator, caseId, {
      action: 'FAIL_PERFORMANCE',
      reason: 'unpaid',
    }).catch((e: unknown) => e);
    expect((early as IllegalTransitionError).message).toContain('2026-03-31');
    deps.clock.set('2026-04-01T02:00:00.000Z');
    const failed = await actOnCase(deps, mediator, caseId, { action: 'FAIL_PERFORMANCE', reason: 'unpaid' });
    expect(failed.status).toBe('MEDIATION_FAILED');
  });

  it('PIPL art. 6: the employer signatory’s name is masked like any free text where the case is masked', async () => {
    const { deps } = setup();
    const caseId = await mediating(deps);
    const settled = await actOnCase(deps, mediator, caseId, {
      ...signed(),
      signatures: { ...signed().signatures, employer: { representative: 'Zhou 13812345678', sealed: false } },
    });
    expect(maskedCase(settled).agreement?.signatures?.employer.representative).toBe('Zhou 138****5678');
  });
});

describe('agreements stored before the formalities were recorded', () => {
  it('LDMAL arts. 14–15: read and act as before — one sum by performBy, the confirmation window from the signing day', async () => {
    const { deps, repo } = setup();
    const filed = await fileCase(deps, mediator, intake());
    await settle(deps, mediator, filed.caseId, { amountFen: 1_000, performBy: '2026-03-10' });
    const stored = (await repo.get(filed.caseId)) as Case;
    const { terms, amountFen, performBy, signedAt, paidFen } = stored.agreement as NonNullable<
      Case['agreement']
    >;
    // As an older version stored it: no items, instalments, signatures or effectiveOn, and no clocks.
    const old: Case = {
      ...stored,
      agreement: { terms, amountFen, performBy, signedAt, paidFen },
      clocks: [],
    };
    await repo.save(
      { next: { ...old, version: stored.version + 1 }, events: [], outbox: [] },
      stored.version,
    );

    expect(
      await refusedField(deps, filed.caseId, { action: 'RECORD_PERFORMANCE', paidFen: 1, instalment: 1 }),
    ).toBe('instalment');
    const partial = await actOnCase(deps, mediator, filed.caseId, {
      action: 'RECORD_PERFORMANCE',
      paidFen: 400,
    });
    expect(partial).toMatchObject({ status: 'SETTLED', agreement: { paidFen: 400 } });
    expect(partial.agreement?.instalments).toBeUndefined();
    expect(maskedCase(partial).agreement).toMatchObject({ amountFen: 1_000, paidFen: 400 });
    // Not performed by performBy: it fails (art. 15); before that day it may not.
    const early = await actOnCase(deps, mediator, filed.caseId, {
      action: 'FAIL_PERFORMANCE',
      reason: 'x',
    }).catch((e: unknown) => e);
    expect((early as IllegalTransitionError).message).toContain('2026-03-10');
    // The confirmation window counts from the signing day (2 March): open on 1 April, closed on 2 April.
    deps.clock.set('2026-04-01T02:00:00.000Z');
    await expect(
      actOnCase(deps, mediator, filed.caseId, {
        action: 'REQUEST_JUDICIAL_CONFIRMATION',
        courtId: 'qd-shinan-court',
      }),
    ).resolves.toMatchObject({ status: 'CONFIRMATION_REQUESTED' });
  });
});

describe('stale clocks decide nothing', () => {
  it('CPL art. 205: an earlier agreement’s lapsed confirmation window does not refuse the new agreement’s confirmation', async () => {
    const { deps } = setup();
    const filed = await fileCase(deps, mediator, intake());
    await settle(deps, mediator, filed.caseId, { amountFen: 1_000, performBy: '2026-03-10' });
    // The first agreement is not performed and its 30 days run out (the sweep records the expiry).
    deps.clock.set('2026-04-10T02:00:00.000Z');
    const first = (await deps.cases.get(filed.caseId)) as Case;
    const stale = currentClock(first.clocks, 'JUDICIAL_CONFIRMATION') as CaseClock;
    expect(await expireClock(deps, filed.caseId, stale.clockId)).toBe('expired');
    await actOnCase(deps, mediator, filed.caseId, { action: 'FAIL_PERFORMANCE', reason: 'not paid' });
    await actOnCase(deps, mediator, filed.caseId, {
      action: 'RESUME_MEDIATION',
      bothPartiesConsent: true,
      note: 'both try again',
    });
    const second = await actOnCase(deps, mediator, filed.caseId, {
      action: 'SIGN_AGREEMENT',
      ...agreement({ amountFen: 1_000, performBy: '2026-05-10', effectiveOn: '2026-04-10' }),
    });
    expect(second.clocks.find((k) => k.clockId === stale.clockId)?.status).toBe('EXPIRED');
    const requested = await actOnCase(deps, mediator, filed.caseId, {
      action: 'REQUEST_JUDICIAL_CONFIRMATION',
      courtId: 'qd-shinan-court',
    });
    expect(requested.status).toBe('CONFIRMATION_REQUESTED');
  });

  /** A case in `status` with the clocks given, for the guards alone. */
  const caseWith = async (status: Case['status'], clocks: CaseClock[]) => {
    const { deps } = setup();
    const filed = await fileCase(deps, mediator, intake({ origin: 'ARBITRATION_PRE_MEDIATION' }));
    return { ...filed, status, clocks };
  };
  const clock = (
    period: keyof typeof STATUTORY_PERIODS,
    startedOn: string,
    version: number,
    status: CaseClock['status'],
  ) => ({
    ...startClock(STATUTORY_PERIODS[period], startedOn, version, { isRestDay: () => false }),
    status,
  });
  const ctx = (now: string) => ({
    now,
    actor: mediator,
    periods: STATUTORY_PERIODS,
    calendar: { isRestDay: () => false },
    newHandoffId: () => 'h-1',
  });

  it('LDMAL art. 29: an earlier referral’s lapsed acceptance clock does not open a suit the day of a new referral', async () => {
    const c = await caseWith('ARBITRATION_PENDING', [
      clock('ARBITRATION_ACCEPTANCE', '2026-03-02', 3, 'EXPIRED'),
      clock('ARBITRATION_ACCEPTANCE', '2026-03-20', 7, 'RUNNING'),
    ]);
    const suit = { action: 'REFER_TO_COURT', courtId: 'qd-shinan-court', application: 'LITIGATION' };
    expect(() => decide(c, suit, ctx('2026-03-20T03:00:00.000Z'))).toThrow(IllegalTransitionError);
    // Once the new referral's own five working days have passed, the suit is open.
    expect(decide(c, suit, ctx('2026-03-28T03:00:00.000Z')).next.status).toBe('LITIGATION_PENDING');
  });

  it('LDMAL art. 14: an earlier mediation period that lapsed does not open arbitration during a resumed mediation', async () => {
    const c = await caseWith('MEDIATING', [
      clock('MEDIATION', '2026-03-02', 1, 'EXPIRED'),
      clock('MEDIATION', '2026-03-20', 6, 'RUNNING'),
    ]);
    const referral = { action: 'REFER_TO_ARBITRATION', arbitrationId: 'qd-arbitration' };
    expect(() => decide(c, referral, ctx('2026-03-21T03:00:00.000Z'))).toThrow(IllegalTransitionError);
  });
});

describe('the mediation period extended by consent (enterprise mediation rules 2011, art. 26)', () => {
  it('Enterprise mediation rules 2011 art. 26: EXTEND_MEDIATION lengthens the running 15 days by the days both parties agree, recorded with its basis', async () => {
    const { deps } = setup();
    const filed = await fileCase(deps, mediator, intake());
    expect(filed.mediationDueAt).toBe('2026-03-17T15:59:59.999Z');
    const extended = await actOnCase(deps, mediator, filed.caseId, {
      action: 'EXTEND_MEDIATION',
      bothPartiesConsent: true,
      days: 10,
      basis: 'both parties agree to ten more days',
    });
    expect(extended.status).toBe('MEDIATING');
    expect(extended.mediationDueAt).toBe('2026-03-27T15:59:59.999Z');
    expect(currentClock(extended.clocks, 'MEDIATION')).toMatchObject({
      dueOn: '2026-03-27',
      status: 'RUNNING',
      adjustments: [
        { kind: 'EXTENDED', days: 10, basis: 'both parties agree to ten more days', from: TODAY },
      ],
    });
    const { items } = await deps.cases.history(filed.caseId, { limit: 10 });
    expect(items.at(-1)?.payload).toMatchObject({ bothPartiesConsent: true, days: 10 });
    // Arbitration opens only after the extended end.
    deps.clock.set('2026-03-20T02:00:00.000Z');
    await expect(
      actOnCase(deps, mediator, filed.caseId, {
        action: 'REFER_TO_ARBITRATION',
        arbitrationId: 'qd-arbitration',
      }),
    ).rejects.toBeInstanceOf(IllegalTransitionError);
  });

  it('Enterprise mediation rules 2011 art. 26: without both parties’ consent, or once the period lapsed, there is no extension', async () => {
    const { deps } = setup();
    const filed = await fileCase(deps, mediator, intake());
    expect(
      await refusedField(deps, filed.caseId, {
        action: 'EXTEND_MEDIATION',
        bothPartiesConsent: false,
        days: 10,
        basis: 'b',
      }),
    ).toBe('bothPartiesConsent');
    deps.clock.set('2026-03-18T02:00:00.000Z');
    const late = await actOnCase(deps, mediator, filed.caseId, {
      action: 'EXTEND_MEDIATION',
      bothPartiesConsent: true,
      days: 10,
      basis: 'b',
    }).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(IllegalTransitionError);
    expect((late as IllegalTransitionError).message).toContain('2026-03-17');
  });
});
