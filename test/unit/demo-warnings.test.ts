import { describe, expect, it } from 'vitest';
import { addDays } from '../../domain/clocks/legal-time.ts';
import { creditCodeProblem } from '../../domain/shared/identifiers.ts';
import { evaluateEmployer } from '../../domain/warnings/evaluate.ts';
import { signalDataSchema, signalUnitProblem, warningCommandSchema } from '../../domain/warnings/inputs.ts';
import { WARNING_ACTIONS } from '../../domain/warnings/lifecycle.ts';
import type { Signal, WarningStatus } from '../../domain/warnings/model.ts';
import { DEFAULT_RULE_SET } from '../../domain/warnings/rules.ts';
import { BUREAU_ID, completeSignal } from '../../infra/local/bureau.ts';
import { demoCreditCode, QINGDAO_DISTRICTS, warningPlan } from '../../infra/local/demo-warnings.ts';
import { LOCAL_POSTS } from '../../infra/local/seed.ts';

/** The demo's warnings (infra/local/demo-warnings.ts) against the rules they are meant to show. */

const TODAY = '2026-12-07';
const plan = warningPlan(TODAY);

describe('the demo warnings', () => {
  it('names valid credit codes registered in the district, each employer once', () => {
    expect(demoCreditCode('370202', 1)).toMatch(/^91370202MA0000001[0-9A-HJ-NPQRTUWXY]$/);
    for (const e of plan) {
      expect(creditCodeProblem(e.creditCode), e.creditCode).toBeNull();
      expect(e.creditCode.slice(2, 8)).toBe(e.district);
    }
    expect(new Set(plan.map((e) => e.creditCode)).size).toBe(plan.length);
  });

  it('sends each district to a post the local stack has, in that district', () => {
    for (const { name, postId } of QINGDAO_DISTRICTS) {
      expect(LOCAL_POSTS.find((p) => p.postId === postId)?.district).toBe(name);
    }
  });

  it('sends signals the callback accepts: a known indicator in one of its units, observed on its day', () => {
    for (const e of plan) {
      for (const { daysAgo, draft } of e.signals) {
        const data = signalDataSchema().parse(completeSignal(draft, TODAY));
        expect(signalUnitProblem(data), `${e.employerName} ${draft.indicator}`).toBeNull();
        expect(data.observedOn).toBe(addDays(TODAY, -daysAgo));
      }
    }
  });

  it('raises the level each employer is meant to show under the default rules, every level shown', () => {
    for (const e of plan) {
      const last = Math.min(...e.signals.map((s) => s.daysAgo));
      const signals: Signal[] = e.signals.map(({ draft }) => {
        const d = completeSignal(draft, TODAY);
        return {
          creditCode: d.creditCode,
          indicator: d.indicator,
          unit: d.unit,
          value: d.value,
          periodFrom: d.period.from,
          periodTo: d.period.to,
          observedOn: d.observedOn,
          source: BUREAU_ID,
          reference: d.reference,
          receivedAt: `${d.observedOn}T02:00:00.000Z`,
        };
      });
      const at = `${addDays(TODAY, -last)}T02:00:00.000Z`;
      expect(evaluateEmployer(signals, DEFAULT_RULE_SET, at).level, e.employerName).toBe(e.expectedLevel);
    }
    expect(new Set(plan.map((e) => e.expectedLevel))).toEqual(new Set([1, 2, 3, 4]));
  });

  it('takes each warning along the lifecycle table, by a role allowed to, after its last signal', () => {
    for (const e of plan) {
      let status: WarningStatus = 'DISPATCHED';
      const lastSignal = Math.min(...e.signals.map((s) => s.daysAgo));
      for (const step of e.steps) {
        const command = warningCommandSchema().parse(step.body);
        const row = WARNING_ACTIONS[command.action];
        expect(row.from as readonly string[], `${e.employerName} ${command.action}`).toContain(status);
        expect(row.roles as readonly string[]).toContain(step.role);
        expect(step.daysAgo).toBeLessThanOrEqual(lastSignal);
        status = row.to;
      }
    }
    const ends = plan.map((e) => e.steps.at(-1)?.body.action ?? 'NONE');
    expect(ends).toContain('CLOSE');
    expect(ends).toContain('NONE');
  });
});
