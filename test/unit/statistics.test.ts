import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Post } from '../../domain/directory/model.ts';
import type { PostDirectory } from '../../domain/directory/ports.ts';
import type { Actor } from '../../domain/shared/actor.ts';
import { ForbiddenError, ValidationError } from '../../domain/shared/errors.ts';
import { contributionOf, deltas, mannerOf } from '../../domain/statistics/contribution.ts';
import { statsCsv } from '../../domain/statistics/csv.ts';
import { figuresOf } from '../../domain/statistics/figures.ts';
import { METRICS } from '../../domain/statistics/metrics.ts';
import { parseStatsQuery, statsOf } from '../../domain/statistics/query.ts';
import { recordCase, recordConsultation } from '../../domain/statistics/record-case.ts';
import { canonicalJson, freezeReport, readReport } from '../../domain/statistics/report.ts';
import { admin, mediator, OTHER_POST, POST } from '../support/fixtures.ts';
import { MemoryStatsStore } from '../support/memory-stats.ts';
import { caseImage } from '../support/stats-cases.ts';

const posts: PostDirectory = {
  async get(postId) {
    return {
      postId,
      name: postId,
      district: postId === POST ? '市南区' : '崂山区',
      updatedAt: '',
      updatedBy: '',
    };
  },
  async list() {
    const all: Post[] = [POST, OTHER_POST].map((postId) => ({
      postId,
      name: postId,
      district: 'd',
      updatedAt: '',
      updatedBy: '',
    }));
    return { items: all, nextCursor: null };
  },
  async put() {},
};

const supervisor: Actor = { sub: 'sup-1', role: 'supervisor', postId: POST };

/** Three cases: one received in February and closed in March by a performed agreement, two received in March. */
async function seeded() {
  const store = new MemoryStatsStore();
  await recordCase(
    store,
    caseImage({
      caseId: 'a',
      receivedOn: '2026-02-20',
      status: 'CLOSED',
      version: 6,
      updatedAt: '2026-03-03T03:00:00.000Z',
      claimedFen: 500_000,
      agreement: { terms: 't', amountFen: 400_000, performBy: '2026-03-01', signedAt: 's', paidFen: 400_000 },
    }),
  );
  await recordCase(
    store,
    caseImage({
      caseId: 'b',
      receivedOn: '2026-03-05',
      claims: [
        { category: 'OVERTIME', amountFen: 1, description: 'd' },
        { category: 'WAGE_ARREARS', amountFen: 1, description: 'd' },
      ],
    }),
  );
  await recordCase(
    store,
    caseImage({
      caseId: 'c',
      receivedOn: '2026-03-09',
      status: 'WITHDRAWN',
      version: 3,
      updatedAt: '2026-03-30T17:00:00.000Z',
    }),
  );
  await recordCase(store, caseImage({ caseId: 'd', postId: OTHER_POST, receivedOn: '2026-03-09' }));
  return store;
}

describe('what a case counts for', () => {
  it('counts the receipt in the month received and the closure in the Shanghai month it ended', () => {
    const c = contributionOf(
      caseImage({
        caseId: 'x',
        receivedOn: '2026-03-31',
        status: 'WITHDRAWN',
        version: 2,
        updatedAt: '2026-03-31T16:30:00.000Z',
      }),
    );
    expect(c.buckets[`${POST}#2026-03`]).toMatchObject({
      'all|received': 1,
      'category:WAGE_ARREARS|received': 1,
    });
    // 16:30 UTC on the 31st is 00:30 on 1 April in Shanghai: the closure is April's.
    expect(c.buckets[`${POST}#2026-04`]).toMatchObject({
      'all|closed': 1,
      'all|manner:WITHDRAWN': 1,
      'all|days:1': 1,
    });
  });

  it('freezes a closed case: a later image with other facts changes nothing but the version', () => {
    const closed = contributionOf(caseImage({ caseId: 'x', status: 'CLOSED', version: 4 }));
    const later = contributionOf(
      caseImage({ caseId: 'x', status: 'CLOSED', version: 5, postId: OTHER_POST }),
      closed,
    );
    expect(later).toEqual({ ...closed, version: 5 });
    expect(deltas(closed, later)).toEqual({});
  });

  it('names the manner of closing from the record', () => {
    const decision = (type: string) => [
      { type, partnerId: 'p', reference: null, decidedOn: '2026-03-01', version: 3 },
    ];
    expect(
      mannerOf(
        caseImage({ caseId: 'x', status: 'CLOSED', decisions: decision('court.confirmation_granted') }),
      ),
    ).toBe('CONFIRMED');
    expect(
      mannerOf(
        caseImage({ caseId: 'x', status: 'CLOSED', decisions: decision('court.payment_order_issued') }),
      ),
    ).toBe('PAYMENT_ORDER');
    expect(
      mannerOf(caseImage({ caseId: 'x', status: 'CLOSED', decisions: decision('arbitration.award_issued') })),
    ).toBe('REFERRED_TO_ARBITRATION');
    expect(
      mannerOf(caseImage({ caseId: 'x', status: 'CLOSED', decisions: decision('court.judgment') })),
    ).toBe('REFERRED_TO_COURT');
    expect(mannerOf(caseImage({ caseId: 'x', status: 'CLOSED', outcome: 'withdrawn at arbitration' }))).toBe(
      'WITHDRAWN',
    );
    expect(mannerOf(caseImage({ caseId: 'x', status: 'CLOSED' }))).toBe('OTHER');
  });

  it('gives the median as the lower middle and the rates as shares, null when nothing closed', () => {
    const f = figuresOf(
      {
        'all|closed': 4,
        'all|days:3': 1,
        'all|days:10': 2,
        'all|days:40': 1,
        'all|daysSum': 63,
        'all|settled': 3,
        'all|onTime': 4,
      },
      'all',
      0,
    );
    expect(f).toMatchObject({
      daysToCloseMedian: 10,
      daysToCloseMean: 15.8,
      mediationSuccessRate: 0.75,
      closedOnTimeRate: 1,
    });
    expect(figuresOf({}, 'all', 0)).toMatchObject({
      mediationSuccessRate: null,
      daysToCloseMean: null,
      daysToCloseMedian: null,
    });
  });

  it('has a dictionary entry for every figure, each on docs/statistics.md with its definition', () => {
    expect(METRICS.map((m) => m.id).sort()).toEqual(Object.keys(figuresOf({}, 'all', 0)).sort());
    const page = readFileSync('docs/statistics.md', 'utf8');
    for (const m of METRICS) expect(page, m.id).toContain(`| \`${m.id}\` | ${m.definition} |`);
  });
});

describe('GET /stats', () => {
  const q = (over: Record<string, string> = {}) =>
    parseStatsQuery({ from: '2026-02', to: '2026-03', groupBy: 'month', ...over });

  it('gives months with the cases carried over from the month before', async () => {
    const answer = await statsOf({ counters: await seeded(), posts }, supervisor, q());
    expect(
      answer.rows.map((r) => [r.key, r.figures.carriedOver, r.figures.received, r.figures.closed]),
    ).toEqual([
      ['2026-02', 0, 1, 0],
      ['2026-03', 1, 2, 2],
    ]);
    expect(answer.totals).toMatchObject({
      received: 3,
      closed: 2,
      agreedFen: 400_000,
      recoveredFen: 400_000,
    });
    expect(answer.postId).toBe(POST);
  });

  it('counts consultations by their employer’s industry, UNKNOWN without one, like cases', async () => {
    const counters = await seeded();
    const consulted = (id: string, industry: string | null) =>
      recordConsultation(counters, {
        consultationId: id,
        postId: POST,
        channel: 'PHONE',
        categories: ['WAGE_ARREARS'],
        consultedOn: '2026-03-04',
        version: 1,
        industry,
      });
    await consulted('k1', 'F');
    await consulted('k2', 'F');
    await consulted('k3', null);
    await consulted('k4', 'Z'); // not a GB/T 4754 section: counted as UNKNOWN
    const answer = await statsOf({ counters, posts }, supervisor, q({ groupBy: 'industry' }));
    const of = (key: string) => answer.rows.find((r) => r.key === key)?.figures;
    expect(of('F')).toMatchObject({ consultations: 2, consultationsByChannel: { PHONE: 2 }, received: 0 });
    expect(of('UNKNOWN')?.consultations).toBe(2);
    expect(answer.rows.reduce((sum, r) => sum + r.figures.consultations, 0)).toBe(
      answer.totals.consultations,
    );
    expect(answer.totals.consultations).toBe(4);
  });

  it('counts the period from its first month: cases received before it are carried over', async () => {
    const answer = await statsOf(
      { counters: await seeded(), posts },
      supervisor,
      q({ from: '2026-03', groupBy: 'category' }),
    );
    expect(answer.totals).toMatchObject({ carriedOver: 1, received: 2 });
    const row = (key: string) => answer.rows.find((r) => r.key === key)?.figures;
    expect(row('OVERTIME')).toMatchObject({ received: 1, carriedOver: 0 });
    expect(row('WAGE_ARREARS')).toMatchObject({ received: 2, carriedOver: 1, closed: 2 });
  });

  it('lets an admin see every post, and a supervisor only their own', async () => {
    const counters = await seeded();
    const all = await statsOf({ counters, posts }, admin, q({ groupBy: 'post' }));
    expect(all.rows.map((r) => [r.key, r.figures.received])).toEqual([
      [OTHER_POST, 1],
      [POST, 3],
    ]);
    const own = await statsOf({ counters, posts }, supervisor, q({ groupBy: 'post' }));
    expect(own.rows.map((r) => r.key)).toEqual([POST]);
    await expect(statsOf({ counters, posts }, mediator, q({ postId: OTHER_POST }))).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it.each([
    [{ from: '2026-04', to: '2026-03', groupBy: 'month' }, 'from'],
    [{ from: '2026-13', to: '2026-12', groupBy: 'month' }, 'from'],
    [{ from: '2026-01', to: '26-1', groupBy: 'month' }, 'to'],
    [{ from: '2026-01', to: '2026-02', groupBy: 'week' }, 'groupBy'],
    [{ from: '2020-01', to: '2026-02', groupBy: 'month' }, 'to'],
    [{ to: '2026-02', groupBy: 'month' }, 'from'],
    [{ from: '2026-01', to: '2026-02', groupBy: 'month', postId: 'x y' }, 'postId'],
  ])('refuses %j naming %s', (input, field) => {
    try {
      parseStatsQuery(input);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.field)).toContain(field);
    }
  });

  it('gives the same table as CSV: a byte-order mark, a header, a row per key and the totals', async () => {
    const answer = await statsOf({ counters: await seeded(), posts }, supervisor, q());
    const csv = statsCsv(answer);
    expect(csv.startsWith('\uFEFFmonth,carriedOver,received,receivedByOrigin.WALK_IN')).toBe(true);
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]?.startsWith('totals,0,3,')).toBe(true);
  });
});

describe('monthly reports', () => {
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  const clock = { now: () => '2026-04-02T01:00:00.000Z' };

  it('freezes once with the digest of its canonical JSON, and reports what changed since', async () => {
    const store = await seeded();
    const deps = { counters: store, posts, reports: store, clock, digest: sha };
    const { report, created } = await freezeReport(deps, admin, '2026-03');
    expect(created).toBe(true);
    expect(report.digest).toBe(sha(canonicalJson(report.figures)));
    await recordCase(store, caseImage({ caseId: 'late', receivedOn: '2026-03-30' }));
    const again = await freezeReport(deps, admin, '2026-03');
    expect(again).toEqual({ report, created: false });
    const read = await readReport(deps, supervisor, '2026-03');
    expect(read.report).toEqual(report);
    expect(read.changedSince).toContainEqual({ row: POST, figure: 'received', frozen: 2, live: 3 });
    expect(read.changedSince).toContainEqual({ row: 'totals', figure: 'received', frozen: 3, live: 4 });
  });

  it('lets only admins freeze, and names a bad month', async () => {
    const store = new MemoryStatsStore();
    const deps = { counters: store, posts, reports: store, clock, digest: sha };
    await expect(freezeReport(deps, supervisor, '2026-03')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(freezeReport(deps, admin, '2026-3')).rejects.toMatchObject({ issues: [{ field: 'month' }] });
  });

  it('writes canonical JSON with sorted keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[2,{"e":null,"f":1}]},"b":1}',
    );
  });
});
