import { describe, expect, it } from 'vitest';
import { ruleTest, tw, valueWithUnit, warningLabel } from '../../web/src/i18n-warnings.ts';
import {
  boardOrder,
  dueOf,
  filtered,
  isOverdue,
  type Level,
  tally,
  type WarningView,
} from '../../web/src/warnings.ts';

/** The warnings board's logic (web/src/warnings.ts), without a browser. */

const NOW = new Date('2026-12-07T04:00:00Z');
const HOUR = 3600_000;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR).toISOString();

let n = 0;
const warning = (over: Partial<WarningView> & { level: Level }): WarningView => {
  n++;
  return {
    warningId: `W-${String(n).padStart(3, '0')}`,
    creditCode: '91370200MA3C8G1X2R',
    district: '市南区',
    status: 'DISPATCHED',
    ruleVersion: 1,
    raisedAt: at(-48 + n),
    acknowledgeBy: at(24),
    disposeBy: at(72),
    ...over,
  };
};

describe('which warnings are overdue', () => {
  it('waits on acknowledgement while raised or dispatched, on disposal while acknowledged or verifying', () => {
    const w = warning({ level: 2, acknowledgeBy: at(-1), disposeBy: at(10) });
    expect(dueOf(w)).toBe(at(-1));
    expect(isOverdue(w, NOW)).toBe(true);
    expect(dueOf({ ...w, status: 'RAISED' })).toBe(at(-1));
    expect(dueOf({ ...w, status: 'ACKNOWLEDGED' })).toBe(at(10));
    expect(isOverdue({ ...w, status: 'ACKNOWLEDGED' }, NOW)).toBe(false);
    expect(isOverdue({ ...w, status: 'VERIFYING', disposeBy: at(-0.01) }, NOW)).toBe(true);
  });

  it('is never overdue once disposed, closed or suppressed, nor without a deadline', () => {
    for (const status of ['DISPOSED', 'CLOSED', 'SUPPRESSED']) {
      const w = warning({ level: 1, status, acknowledgeBy: at(-100), disposeBy: at(-50) });
      expect(dueOf(w), status).toBeNull();
      expect(isOverdue(w, NOW), status).toBe(false);
    }
    expect(isOverdue(warning({ level: 1, acknowledgeBy: null }), NOW)).toBe(false);
  });

  it("takes the API's word when it gives one", () => {
    expect(isOverdue(warning({ level: 3, acknowledgeBy: at(5), overdue: true }), NOW)).toBe(true);
    expect(isOverdue(warning({ level: 3, acknowledgeBy: at(-5), overdue: false }), NOW)).toBe(false);
  });

  it("takes the API's next deadline when it gives one, and none once the warning is closed", () => {
    const w = warning({ level: 2, acknowledgeBy: at(-1), nextDueAt: at(8) });
    expect(dueOf(w)).toBe(at(8));
    expect(isOverdue(w, NOW)).toBe(false);
    expect(dueOf({ ...w, status: 'CLOSED' })).toBeNull();
  });

  it('a deadline exactly now is not yet overdue', () => {
    expect(isOverdue(warning({ level: 1, acknowledgeBy: at(0) }), NOW)).toBe(false);
  });
});

describe('the board order', () => {
  it('lists overdue first, then level 1 to 4, then the earliest deadline, then the oldest', () => {
    const blueLate = warning({ level: 4, acknowledgeBy: at(-2) });
    const redLate = warning({ level: 1, acknowledgeBy: at(-1) });
    const red = warning({ level: 1, acknowledgeBy: at(30) });
    const redSooner = warning({ level: 1, acknowledgeBy: at(3) });
    const orange = warning({ level: 2, acknowledgeBy: at(1) });
    const yellowOld = warning({ level: 3, acknowledgeBy: at(5), raisedAt: at(-200) });
    const yellowNew = warning({ level: 3, acknowledgeBy: at(5), raisedAt: at(-100) });
    const shuffled = [yellowNew, red, orange, blueLate, yellowOld, redSooner, redLate];
    expect(boardOrder(shuffled, NOW)).toEqual([
      redLate,
      blueLate,
      redSooner,
      red,
      orange,
      yellowOld,
      yellowNew,
    ]);
  });

  it('is a total order: any arrangement of the same warnings lists the same way', () => {
    const ws = [1, 2, 3, 4, 1, 2].map((level, i) =>
      warning({ level: level as Level, acknowledgeBy: at(i % 2 ? -1 : 1), raisedAt: at(-10) }),
    );
    const once = boardOrder(ws, NOW).map((w) => w.warningId);
    expect(boardOrder([...ws].reverse(), NOW).map((w) => w.warningId)).toEqual(once);
    expect(boardOrder([...ws.slice(3), ...ws.slice(0, 3)], NOW).map((w) => w.warningId)).toEqual(once);
  });
});

describe('the count by level and district', () => {
  const ws = [
    warning({ level: 1, district: '市北区', acknowledgeBy: at(-1) }),
    warning({ level: 2, district: '市南区' }),
    warning({ level: 2, district: '市南区', status: 'VERIFYING', disposeBy: at(-3) }),
    warning({ level: 4, district: '崂山区' }),
    warning({ level: 1, district: '崂山区', status: 'CLOSED' }),
    warning({ level: 3, district: '黄岛区', status: 'SUPPRESSED' }),
  ];

  it('counts open warnings only, per level and district, with the overdue among them', () => {
    const t = tally(ws, NOW);
    expect(t.total).toBe(4);
    expect(t.levels).toEqual([1, 2, 0, 1]);
    expect(t.overdue).toBe(2);
    expect(t.byDistrict.get('市南区')).toEqual({ levels: [0, 2, 0, 0], overdue: 1 });
    expect(t.byDistrict.get('市北区')).toEqual({ levels: [1, 0, 0, 0], overdue: 1 });
    expect(t.byDistrict.has('黄岛区')).toBe(false);
  });

  it('puts the district with the most severe load first', () => {
    expect(tally(ws, NOW).districts).toEqual(['市北区', '市南区', '崂山区']);
  });

  it('narrows the list to a level and a district, open warnings only', () => {
    expect(filtered(ws, { level: 2, district: '市南区' })).toHaveLength(2);
    expect(filtered(ws, { level: 1, district: null })).toHaveLength(1);
    expect(filtered(ws, { level: null, district: '崂山区' })).toHaveLength(1);
    expect(filtered(ws, { level: null, district: null })).toHaveLength(4);
  });
});

describe('the words of the board', () => {
  it('says values with their units in both languages', () => {
    expect(valueWithUnit('zh-CN', 2, 'MONTHS')).toBe('2个月');
    expect(valueWithUnit('en', 2, 'MONTHS')).toBe('2 months');
    expect(valueWithUnit('en', 1_234_500, 'FEN')).toBe('¥12,345');
    expect(valueWithUnit('zh-CN', 12.5, 'PERCENT')).toBe('12.5%');
    expect(valueWithUnit('zh-CN', 1, 'CLOSURE')).toBe('关停');
    expect(valueWithUnit('en', 3, 'UNKNOWN_UNIT')).toBe('3 UNKNOWN_UNIT');
  });

  it("words a rule's test with its comparison and window", () => {
    const rule = { comparison: 'GTE' as const, threshold: 20, unit: 'WORKERS', windowDays: 90 };
    expect(ruleTest('en', rule)).toBe('≥ 20 workers within 90 days');
    expect(ruleTest('zh-CN', { ...rule, comparison: 'GT' })).toBe('90 日内 > 20人');
  });

  it('labels levels, statuses and indicators, and falls back to the value', () => {
    expect(warningLabel('zh-CN', 'level.1')).toBe('一级（红色）');
    expect(warningLabel('en', 'level.4')).toBe('Level 4 (blue)');
    expect(warningLabel('zh-CN', 'VERIFYING')).toBe('核查中');
    expect(warningLabel('en', 'LAYOFF_REPORT')).toBe('Layoff report');
    expect(warningLabel('en', 'SOMETHING_NEW')).toBe('SOMETHING_NEW');
    expect(tw('en', 'warningsOpen', { total: '5', overdue: '2' })).toBe(
      'Open warnings: 5, of which overdue: 2',
    );
  });
});

describe("the board's reads", () => {
  /** Answers GET /posts, /warnings?… and /partners from tables, recording each path asked for. */
  function stubFetch(pages: Record<string, { items: unknown[]; nextCursor: string | null }>) {
    const asked: string[] = [];
    const fetch = async (url: string) => {
      const path = url.replace('http://api', '');
      asked.push(path);
      const body = pages[path];
      return body
        ? new Response(JSON.stringify(body), { status: 200 })
        : new Response(JSON.stringify({ error: { message: `no ${path}` } }), { status: 404 });
    };
    return { asked, fetch: fetch as unknown as typeof globalThis.fetch };
  }
  const session = (role: string) => ({ token: 't', role, postId: 'QD-SN-01' });

  it("a post's board: its own warnings page by page, the open ones", async () => {
    const a = warning({ level: 1 });
    const b = warning({ level: 2, status: 'CLOSED' });
    const c = warning({ level: 3 });
    const stub = stubFetch({
      '/warnings?limit=100': { items: [a, b], nextCursor: 'k' },
      '/warnings?limit=100&cursor=k': { items: [c], nextCursor: null },
    });
    const original = globalThis.fetch;
    globalThis.fetch = stub.fetch;
    try {
      const { warningsSource } = await import('../../web/src/api-warnings.ts');
      const list = await warningsSource('http://api', session('supervisor'), 'zh-CN').list();
      expect(list).toEqual([a, c]);
    } finally {
      globalThis.fetch = original;
    }
  });

  it("an admin's board: each post's and each known district's, every warning once", async () => {
    const a = warning({ level: 1 });
    const unplaced = warning({ level: 2, postId: null });
    const stub = stubFetch({
      '/posts?limit=100': { items: [{ postId: 'QD-SN-01' }, { postId: 'QD-LS-02' }], nextCursor: null },
      '/warnings?postId=QD-SN-01&limit=100': { items: [a], nextCursor: null },
      '/warnings?postId=QD-LS-02&limit=100': { items: [], nextCursor: null },
      '/warnings?district=370202&limit=100': { items: [a, unplaced], nextCursor: null },
    });
    const original = globalThis.fetch;
    globalThis.fetch = stub.fetch;
    try {
      const { warningsSource } = await import('../../web/src/api-warnings.ts');
      const list = await warningsSource('http://api', session('admin'), 'en', ['370202']).list();
      expect(list).toEqual([a, unplaced]);
      expect(stub.asked).toHaveLength(4);
    } finally {
      globalThis.fetch = original;
    }
  });
});
