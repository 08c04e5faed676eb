import { describe, expect, it } from 'vitest';
import type { Case } from '../../domain/case/model.ts';
import { addDays, shanghaiDate } from '../../domain/clocks/legal-time.ts';
import { caseSignals } from '../../domain/warnings/case-signals.ts';
import { evaluateEmployer } from '../../domain/warnings/evaluate.ts';
import { recordSignal } from '../../domain/warnings/ingest.ts';
import { actOnWarning, deadlinesFor } from '../../domain/warnings/lifecycle.ts';
import type { Signal } from '../../domain/warnings/model.ts';
import { DEFAULT_RULE_SET, DEFAULT_RULES, parseRuleTable } from '../../domain/warnings/rules.ts';
import { actOnWarningById, listWarnings, readWarning } from '../../domain/warnings/use-cases.ts';
import { admin, creditCode, mediator, outsider } from '../support/fixtures.ts';
import { memoryWarningDeps, WEEKDAYS } from '../support/memory-warnings.ts';

/**
 * The default warning rules, each at, below and above its threshold and at the edge of its window; the
 * warning's lifecycle; deadlines in working days; a new signal that raises the level re-dispatches the
 * same warning.
 */

const NOW = '2026-03-04T02:00:00.000Z'; // a Wednesday
const TODAY = shanghaiDate(NOW);
const EMPLOYER = creditCode('91370202MA3C4R2K1');

const signal = (over: Partial<Signal>): Signal => ({
  creditCode: EMPLOYER,
  indicator: 'SOCIAL_INSURANCE_ARREARS',
  unit: 'MONTHS',
  value: 1,
  periodFrom: '2026-01-01',
  periodTo: TODAY,
  observedOn: TODAY,
  source: 'qd-hrss-bureau',
  reference: 'ref-1',
  receivedAt: NOW,
  ...over,
});

const firedIds = (signals: Signal[]) =>
  evaluateEmployer(signals, DEFAULT_RULE_SET, NOW).fired.map((f) => f.ruleId);

describe('every default rule at, below and above its threshold', () => {
  for (const rule of DEFAULT_RULES) {
    const at = rule.threshold;
    const below = Math.max(0, rule.threshold - 1);
    const above = rule.threshold + 1;
    const one = (value: number, observedOn = TODAY) =>
      firedIds([signal({ indicator: rule.indicator, unit: rule.unit, value, observedOn })]).includes(rule.id);
    it(`${rule.id}: ${rule.indicator} ${rule.comparison} ${rule.threshold} ${rule.unit} → level ${rule.level}`, () => {
      expect(one(at)).toBe(rule.comparison === 'GTE');
      if (below < at) expect(one(below)).toBe(false);
      expect(one(above)).toBe(true);
      // The window: the last windowDays days, today included.
      expect(one(above, addDays(TODAY, 1 - rule.windowDays))).toBe(true);
      expect(one(above, addDays(TODAY, -rule.windowDays))).toBe(false);
    });
  }

  it('cites its source for every rule, and the most severe level wins', () => {
    for (const rule of DEFAULT_RULES) expect(rule.source.length).toBeGreaterThan(10);
    const evaluation = evaluateEmployer(
      [
        signal({ value: 2 }),
        signal({ indicator: 'LAYOFF_REPORT', unit: 'WORKERS', value: 250, reference: 'l' }),
      ],
      DEFAULT_RULE_SET,
      NOW,
    );
    expect(evaluation.level).toBe(1);
    expect(evaluation.fired.map((f) => f.level)).toEqual([...evaluation.fired.map((f) => f.level)].sort());
  });

  it('adds up complaints over the window (SUM) and takes the worst arrears (MAX)', () => {
    const complaints = [1, 1, 1].map((value, i) =>
      signal({ indicator: 'WAGE_ARREARS_COMPLAINTS', unit: 'COMPLAINTS', value, reference: `c${i}` }),
    );
    expect(firedIds(complaints)).toContain('WAGE-COMPLAINTS-3');
    expect(firedIds(complaints.slice(0, 2))).not.toContain('WAGE-COMPLAINTS-3');
    // The same reference twice is one signal.
    expect(
      firedIds([complaints[0] as Signal, complaints[0] as Signal, complaints[1] as Signal]),
    ).not.toContain('WAGE-COMPLAINTS-3');
  });
});

describe('the rule table as admins load it', () => {
  it('refuses a unit the indicator is not measured in, naming the rule', () => {
    const rules = DEFAULT_RULES.map((r) => ({ ...r }));
    expect(() => parseRuleTable({ rules: [{ ...rules[0], unit: 'CASES' }] })).toThrow(/rules\[0\]\.unit/);
    expect(() => parseRuleTable({ rules: [rules[0], rules[0]] })).toThrow(/rules\[1\]\.id/);
    expect(() => parseRuleTable({ rules: [{ ...rules[0], indicator: 'WEATHER' }] })).toThrow(
      /rules\[0\]\.indicator/,
    );
    expect(parseRuleTable({ rules }).rules).toHaveLength(DEFAULT_RULES.length);
  });
});

describe('deadlines in working days', () => {
  it('gives level 1 one working day to acknowledge and three to dispose, over a weekend', () => {
    const friday = '2026-03-06T02:00:00.000Z';
    const d = deadlinesFor(1, friday, DEFAULT_RULE_SET, WEEKDAYS);
    expect(d.acknowledgeBy).toBe('2026-03-09T15:59:59.999Z'); // Monday, end of the Shanghai day
    expect(d.disposeBy).toBe('2026-03-11T15:59:59.999Z');
  });
});

describe('one warning from raised to closed', () => {
  it('raises, re-dispatches on a higher level, and walks the lifecycle', async () => {
    const { deps, dispatched } = memoryWarningDeps(() => NOW, { '370202': 'QD-SN-01' });
    const first = await recordSignal(deps, signal({ value: 1 }));
    expect(first.warning).toMatchObject({
      level: 2,
      status: 'DISPATCHED',
      postId: 'QD-SN-01',
      district: '370202',
    });
    const again = await recordSignal(deps, signal({ value: 1 }));
    expect(again.warning?.version).toBe(1);
    const id = first.warning?.warningId as string;
    const w1 = await actOnWarningById(deps, mediator, id, { action: 'ACKNOWLEDGE' });
    expect(w1.status).toBe('ACKNOWLEDGED');
    const raised = await recordSignal(
      deps,
      signal({ indicator: 'LAYOFF_REPORT', unit: 'WORKERS', value: 200, reference: 'l-1' }),
    );
    expect(raised.warning).toMatchObject({ warningId: id, level: 1, status: 'DISPATCHED' });
    expect(dispatched.map((w) => w.level)).toEqual([2, 1]);
    await expect(readWarning(deps, outsider, id)).rejects.toThrow(/not found/i);
    expect((await listWarnings(deps, admin, { district: '370202' })).items).toHaveLength(1);
    await actOnWarningById(deps, mediator, id, { action: 'ACKNOWLEDGE' });
    await actOnWarningById(deps, mediator, id, { action: 'START_VERIFICATION' });
    await expect(actOnWarningById(deps, mediator, id, { action: 'CLOSE' })).rejects.toThrow();
    const disposed = await actOnWarningById(deps, mediator, id, {
      action: 'DISPOSE',
      disposition: { kind: 'REFERRAL', to: 'PROCURATORATE', reference: '青检〔2026〕1号' },
    });
    expect(disposed.status).toBe('DISPOSED');
    // A new signal after disposal opens the employer's next warning.
    const next = await recordSignal(deps, signal({ value: 3, reference: 'ref-2' }));
    expect(next.warning?.warningId).toBe(`${EMPLOYER}-2`);
  });

  it('stays RAISED while no post covers the district, and a supervisor may suppress it', async () => {
    const { deps } = memoryWarningDeps(() => NOW);
    const { warning } = await recordSignal(deps, signal({ value: 1 }));
    expect(warning).toMatchObject({ status: 'RAISED', postId: null, acknowledgeBy: null });
    const suppressed = actOnWarning(
      warning as NonNullable<typeof warning>,
      { action: 'SUPPRESS', reason: '企业已整改', until: '2026-04-01' },
      { sub: 'sup-1', role: 'supervisor', postId: 'QD-SN-01' },
      NOW,
    );
    expect(suppressed.suppression).toEqual({
      reason: '企业已整改',
      until: '2026-04-01',
      supervisor: 'sup-1',
    });
    expect(() =>
      actOnWarning(
        warning as NonNullable<typeof warning>,
        { action: 'SUPPRESS', reason: 'x', until: '2026-04-01' },
        mediator,
        NOW,
      ),
    ).toThrow();
  });
});

describe("the cases' own signals", () => {
  const base = {
    caseId: '6a0d4b2e-9c3f-4e18-8f71-2b5c9d0e3a64',
    caseNumber: 'QD-SN-01-2026-000042',
    postId: 'QD-SN-01',
    status: 'FILED',
    collective: true,
    employer: { name: '青岛港湾物流有限公司', creditCode: EMPLOYER },
    createdAt: NOW,
    updatedAt: NOW,
  } as unknown as Case;

  it('gives filed and collective when a case appears, a failed mediation and a payment order when entered', () => {
    expect(caseSignals(null, base).map((s) => s.indicator)).toEqual(['CASES_FILED', 'COLLECTIVE_DISPUTES']);
    expect(caseSignals(base, { ...base, version: 2 } as Case)).toEqual([]);
    const failed = { ...base, status: 'MEDIATION_FAILED', updatedAt: '2026-03-10T02:00:00.000Z' } as Case;
    expect(caseSignals(base, failed)).toMatchObject([
      { indicator: 'FAILED_AGREEMENTS', observedOn: '2026-03-10', source: 'SYSTEM', reference: base.caseId },
    ]);
    expect(caseSignals(failed, failed)).toEqual([]);
    const order = { ...base, status: 'PAYMENT_ORDER_REQUESTED' } as Case;
    expect(caseSignals(base, order).map((s) => s.indicator)).toEqual(['PAYMENT_ORDERS']);
  });

  it('never makes a signal of an employer without a credit code (a natural person’s ID number)', () => {
    const person = {
      ...base,
      employer: { name: '张三', kind: 'NATURAL_PERSON', idNumber: 'x' },
    } as unknown as Case;
    expect(caseSignals(null, person)).toEqual([]);
  });
});
