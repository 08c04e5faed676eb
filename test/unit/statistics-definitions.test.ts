import { describe, expect, it } from 'vitest';
import { handlePartnerEvent, type VerifiedPartner } from '../../domain/callbacks/handle-event.ts';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import type { CaseClock } from '../../domain/clocks/model.ts';
import type { PostDirectory } from '../../domain/directory/ports.ts';
import { ValidationError } from '../../domain/shared/errors.ts';
import {
  consultationContribution,
  contributionOf,
  deltas,
  mannerOf,
} from '../../domain/statistics/contribution.ts';
import { statsOf } from '../../domain/statistics/query.ts';
import { type CountedSource, rebuildStats } from '../../domain/statistics/rebuild.ts';
import { recordCase } from '../../domain/statistics/record-case.ts';
import { deliverFirst } from '../support/deliver-first.ts';
import { admin, DAY, depsWith, intake, mediator, POST, settle } from '../support/fixtures.ts';
import { MemoryCaseRepository } from '../support/memory-repository.ts';
import { MemoryStatsStore } from '../support/memory-stats.ts';
import { caseImage } from '../support/stats-cases.ts';

/**
 * The definitions of docs/statistics.md against the code: money recovered as a recorded number, the
 * employer's industry, a referral as the union's closure, closed late, and the years' roll-ups that
 * carried-over reads.
 */

const ARBITRATION: VerifiedPartner = { kind: 'ARBITRATION', id: 'qd-arbitration', posts: [POST] };
const COURT: VerifiedPartner = { kind: 'COURT', id: 'qd-shinan-court', posts: [POST] };

const setup = () => depsWith(new MemoryCaseRepository());
type Deps = ReturnType<typeof setup>;
/** A partner reports once the handoff to it arrived (delivered first, as the pipeline would). */
const report = async (deps: Deps, partner: VerifiedPartner, type: string, caseId: string, data: object) => {
  await deliverFirst(deps, partner, caseId);
  return handlePartnerEvent(deps, partner, { type, caseId, data });
};
const closing = (c: Contribution) =>
  Object.entries(c.buckets).find(([bucket, counters]) => /-\d\d$/.test(bucket) && counters['all|closed']);
type Contribution = ReturnType<typeof contributionOf>;

/** Mediation failed on 2 March, referred to arbitration, a final award served the same day. */
async function awarded(deps: Deps) {
  const c = await fileCase(deps, mediator, intake());
  await actOnCase(deps, mediator, c.caseId, { action: 'FAIL_MEDIATION', reason: 'employer refused' });
  const referred = await actOnCase(deps, mediator, c.caseId, {
    action: 'REFER_TO_ARBITRATION',
    arbitrationId: ARBITRATION.id,
  });
  const on = deps.clock.now().slice(0, 10);
  await report(deps, ARBITRATION, 'arbitration.accepted', c.caseId, { reference: 'ARB-1', decidedOn: on });
  const award = await report(deps, ARBITRATION, 'arbitration.award_issued', c.caseId, {
    reference: '青劳人仲裁字〔2026〕第7号',
    final: true,
    awardFen: 800_000,
    servedOn: on,
  });
  return { referred, award, on };
}

describe('money recovered, recorded as a number', () => {
  it('counts the recoveredFen a court recorded on concluding an enforcement, not the wording', async () => {
    const deps = setup();
    const { award, on } = await awarded(deps);
    await actOnCase(deps, mediator, award.caseId, { action: 'REQUEST_ENFORCEMENT', courtId: COURT.id });
    const closed = await report(deps, COURT, 'court.concluded', award.caseId, {
      outcome: 'PARTLY_ENFORCED',
      decidedOn: on,
      recoveredFen: 300_000,
    });
    expect(closed).toMatchObject({ status: 'CLOSED', recoveredFen: 300_000 });
    // The field counts; a changed wording would not change the figure.
    const reworded = { ...closed, outcome: 'partly enforced: 999 fen recovered' };
    expect(closing(contributionOf(reworded))?.[1]).toMatchObject({ 'all|recoveredFen': 300_000 });
  });

  it('records what was paid under an effective award when the case is closed on it, and refuses it on an agreement', async () => {
    const deps = setup();
    const { award, on } = await awarded(deps);
    await report(deps, ARBITRATION, 'arbitration.award_effective', award.caseId, { decidedOn: on });
    const closed = await actOnCase(deps, mediator, award.caseId, {
      action: 'CLOSE',
      resolution: 'the employer paid the award',
      recoveredFen: 800_000,
    });
    expect(closed).toMatchObject({ status: 'CLOSED', recoveredFen: 800_000 });
    const c = await fileCase(deps, mediator, intake());
    await settle(deps, mediator, c.caseId, { amountFen: 100 });
    await actOnCase(deps, mediator, c.caseId, { action: 'RECORD_PERFORMANCE', paidFen: 100 });
    const refused = await actOnCase(deps, mediator, c.caseId, {
      action: 'CLOSE',
      resolution: 'paid',
      recoveredFen: 100,
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).issues[0]?.field).toContain('recoveredFen');
  });

  it('reads the amount from the outcome only for cases stored before the field', () => {
    const old = caseImage({
      caseId: 'old',
      status: 'CLOSED',
      version: 9,
      outcome: 'enforced by the court: 800000 fen recovered',
    });
    expect(closing(contributionOf(old))?.[1]).toMatchObject({ 'all|recoveredFen': 800_000 });
    const recorded = { ...old, recoveredFen: 0 };
    expect(closing(contributionOf(recorded))?.[1]?.['all|recoveredFen']).toBeUndefined();
  });
});

describe('employer.industry', () => {
  it('takes a GB/T 4754-2017 section letter at filing, shows it and counts the case by it', async () => {
    const deps = setup();
    const without = await fileCase(deps, mediator, intake());
    const withSection = await fileCase(
      deps,
      mediator,
      intake({ employer: { ...(intake().employer as object), industry: 'G' } }),
    );
    expect(withSection.employer.industry).toBe('G');
    const counted = contributionOf(withSection);
    expect(Object.values(counted.buckets)[0]).toMatchObject({ 'industry:G|received': 1 });
    expect(without.employer.industry).toBeUndefined();
    expect(Object.values(contributionOf(without).buckets)[0]).toMatchObject({
      'industry:UNKNOWN|received': 1,
    });
  });

  it.each(['Z', 'g', 'GG', 7])('refuses %s with a 400 naming employer.industry', async (industry) => {
    const deps = setup();
    const refused = await fileCase(
      deps,
      mediator,
      intake({ employer: { ...(intake().employer as object), industry } }),
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).issues.map((i) => i.field)).toContain('employer.industry');
  });
});

describe('a referral closes the union’s part', () => {
  it('counts a case referred to arbitration closed on the referral day, frozen, with money recovered later', async () => {
    const deps = setup();
    const { referred, award, on } = await awarded(deps);
    expect(referred.referral).toEqual({ kind: 'ARBITRATION', on: referred.updatedAt.slice(0, 10) });
    const atReferral = contributionOf(referred);
    expect(atReferral.closed).toBe(true);
    expect(mannerOf(referred)).toBe('REFERRED_TO_ARBITRATION');
    expect(closing(atReferral)?.[1]).toMatchObject({
      'all|closed': 1,
      'all|manner:REFERRED_TO_ARBITRATION': 1,
    });
    expect(closing(atReferral)?.[1]?.['all|settled']).toBeUndefined();
    // The award and the court's enforcement change nothing but the money recovered.
    expect(deltas(atReferral, contributionOf(award, atReferral))).toEqual({});
    await actOnCase(deps, mediator, award.caseId, { action: 'REQUEST_ENFORCEMENT', courtId: COURT.id });
    const enforced = await report(deps, COURT, 'court.concluded', award.caseId, {
      outcome: 'ENFORCED',
      decidedOn: on,
      recoveredFen: 800_000,
    });
    const later = contributionOf(enforced, atReferral);
    const [bucket] = closing(atReferral) ?? [''];
    expect(deltas(atReferral, later)).toEqual({
      [bucket]: {
        'all|recoveredFen': 800_000,
        'category:WAGE_ARREARS|recoveredFen': 800_000,
        'origin:WALK_IN|recoveredFen': 800_000,
        'industry:UNKNOWN|recoveredFen': 800_000,
      },
    });
    // Counting the final case directly gives the same: the referral's date and manner are on the case.
    expect(contributionOf(enforced).buckets).toEqual(later.buckets);
  });
});

describe('closed on time', () => {
  const clock = (status: CaseClock['status'], dueOn: string): CaseClock =>
    ({
      clockId: `MEDIATION-${dueOn}`,
      clock: 'MEDIATION',
      status,
      dueOn,
      dueAt: `${dueOn}T15:59:59.999Z`,
    }) as CaseClock;
  const closedOn = (clocks: CaseClock[]) =>
    closing(
      contributionOf(
        caseImage({
          caseId: 'x',
          status: 'CLOSED',
          version: 4,
          updatedAt: '2026-03-20T02:00:00.000Z',
          clocks,
        }),
      ),
    )?.[1];

  it('is late when a body’s period was stopped past its last day, even if the sweep never marked it', () => {
    expect(closedOn([clock('MET', '2026-03-17')])).toMatchObject({ 'all|onTime': 1 });
    expect(closedOn([clock('STOPPED', '2026-03-25')])).toMatchObject({ 'all|onTime': 1 });
    expect(closedOn([clock('STOPPED', '2026-03-17')])?.['all|onTime']).toBeUndefined();
    expect(closedOn([clock('EXPIRED', '2026-03-17')])?.['all|onTime']).toBeUndefined();
    // The parties' window to seek judicial confirmation lapsing unused is not the union being late.
    const window = { ...clock('STOPPED', '2026-03-10'), clock: 'JUDICIAL_CONFIRMATION' } as CaseClock;
    expect(closedOn([clock('MET', '2026-03-17'), window])).toMatchObject({ 'all|onTime': 1 });
  });
});

describe('cases carried over, from the years’ roll-ups', () => {
  const posts: PostDirectory = {
    get: async (postId) => ({ postId, name: postId, district: 'd', updatedAt: '', updatedBy: '' }),
    list: async () => ({ items: [], nextCursor: null }),
    put: async () => {},
  };

  it('reads the years before the period as one bucket each, never their months', async () => {
    const store = new MemoryStatsStore();
    // Two years of cases, one received a month; every other one closed the month after.
    for (let i = 0; i < 24; i++) {
      const month = `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
      const closed = i % 2 === 0;
      await recordCase(
        store,
        caseImage({
          caseId: `c${i}`,
          postId: POST,
          receivedOn: `${month}-10`,
          status: closed ? 'CLOSED' : 'MEDIATING',
          version: 3,
          updatedAt: new Date(Date.parse(`${month}-10T02:00:00Z`) + 31 * DAY).toISOString(),
        }),
      );
    }
    store.itemsRead = 0;
    const year = await statsOf({ counters: store, posts }, admin, {
      from: '2026-01',
      to: '2026-12',
      groupBy: 'month',
      postId: POST,
    });
    expect(year.totals.carriedOver).toBe(12);
    // Only the two years' roll-ups (one item per shard a case wrote): no month of 2024 or 2025.
    const yearItems = [...store.shards.keys()].filter((k) => /#\d{4}#\d+$/.test(k) && !k.includes('#2026#'));
    expect(store.itemsRead).toBe(yearItems.length);
    expect(store.itemsRead).toBeLessThan(24);
    // Mid-year: the months of the year before `from` and the earlier year's roll-up.
    const march = await statsOf({ counters: store, posts }, admin, {
      from: '2025-03',
      to: '2025-03',
      groupBy: 'month',
      postId: POST,
    });
    expect(march.totals.carriedOver).toBe(6 + 1);
  });
});

describe('consultations counted before they were counted by industry', () => {
  it('are found stale by the rebuild and, with --fix, counted in their industry', async () => {
    const store = new MemoryStatsStore();
    const k = {
      consultationId: 'old-1',
      postId: POST,
      channel: 'WALK_IN',
      categories: ['OVERTIME'],
      consultedOn: '2026-02-03',
      version: 1,
      industry: 'C',
    };
    // What the consumer stored before: no industry dimension.
    const counted = consultationContribution(k);
    const before = {
      ...counted,
      buckets: Object.fromEntries(
        Object.entries(counted.buckets).map(([b, c]) => [
          b,
          Object.fromEntries(Object.entries(c).filter(([n]) => !n.startsWith('industry:'))),
        ]),
      ),
    };
    expect(await store.replace(null, before)).toBe(true);
    const source: CountedSource = {
      postIds: async () => [POST],
      cases: async function* () {},
      consultations: async function* () {
        yield k;
      },
    };
    const found = await rebuildStats({ source, store }, { fix: true });
    expect(found.staleContributions).toBe(1);
    expect(found.differences).toContainEqual(
      expect.objectContaining({ counter: 'industry:C|consultations', expected: 1, live: 0 }),
    );
    expect(found.remaining).toEqual([]);
    expect(store.totals()[`${POST}#2026-02`]?.['industry:C|consultations']).toBe(1);
    expect((await rebuildStats({ source, store }, { fix: false })).staleContributions).toBe(0);
  });
});
