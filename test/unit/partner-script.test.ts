import { describe, expect, it } from 'vitest';
import { ACTION_EVENTS, PARTNER_EVENT_TYPES } from '../../domain/callbacks/events.ts';
import type { CaseStatus } from '../../domain/case/model.ts';
import { ACTION_PAYLOADS, TRANSITIONS } from '../../domain/lifecycle/table.ts';
import { PARTNER_SCRIPT, type StepContext } from '../../infra/local/partner-script.ts';

/** Where each scripted handoff leaves the case, and where the script must take it. */
const EXPECTED: Record<string, { kind: 'court' | 'arbitration'; from: CaseStatus; to: CaseStatus }> = {
  ARBITRATION_APPLICATION: { kind: 'arbitration', from: 'ARBITRATION_PENDING', to: 'AWARD_EFFECTIVE' },
  ARBITRAL_REVIEW: { kind: 'arbitration', from: 'ARBITRAL_REVIEW_REQUESTED', to: 'REVIEW_CONFIRMED' },
  JUDICIAL_CONFIRMATION: { kind: 'court', from: 'CONFIRMATION_REQUESTED', to: 'CONFIRMED' },
  PAYMENT_ORDER: { kind: 'court', from: 'PAYMENT_ORDER_REQUESTED', to: 'PAYMENT_ORDER_ISSUED' },
  LITIGATION_FILING: { kind: 'court', from: 'LITIGATION_PENDING', to: 'JUDGMENT_GIVEN' },
  AWARD_SET_ASIDE: { kind: 'court', from: 'LITIGATION_PENDING', to: 'AWARD_SET_ASIDE' },
  ENFORCEMENT: { kind: 'court', from: 'ENFORCEMENT_REQUESTED', to: 'CLOSED' },
};

const ctx: StepContext = { today: '2026-03-02', year: '2026', docket: 17, claimedFen: 1_250_000 };

describe('the scripted partners', () => {
  it('has a flow for every partner handoff purpose, and only those', () => {
    expect(Object.keys(PARTNER_SCRIPT).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))(
    '%s: known events, valid data, a path through the lifecycle table',
    (purpose, expected) => {
      const steps = PARTNER_SCRIPT[purpose] ?? [];
      expect(steps.length).toBeGreaterThan(0);
      let status = expected.from;
      for (const step of steps) {
        expect(PARTNER_EVENT_TYPES).toContain(step.type);
        expect(step.type.startsWith(`${expected.kind}.`)).toBe(true);
        const action = ACTION_EVENTS[step.type]?.action;
        if (!action) throw new Error(`${step.type} takes no action`);
        const data = step.data(ctx);
        expect(ACTION_PAYLOADS[action].safeParse(data).error).toBeUndefined();
        const row = TRANSITIONS.find((t) => t.action === action && t.from.includes(status));
        if (!row) throw new Error(`${step.type} is not allowed from ${status}`);
        status = row.to;
      }
      expect(status).toBe(expected.to);
    },
  );

  it('words its decisions as dockets of the year, dated today, with the claimed amount', () => {
    const [accepted, award] = PARTNER_SCRIPT.ARBITRATION_APPLICATION ?? [];
    expect(accepted?.data(ctx)).toEqual({ reference: '青劳人仲案字〔2026〕第17号', decidedOn: '2026-03-02' });
    expect(award?.data(ctx)).toMatchObject({ final: false, awardFen: 1_250_000, servedOn: '2026-03-02' });
    expect(PARTNER_SCRIPT.JUDICIAL_CONFIRMATION?.[0]?.data(ctx)).toEqual({
      reference: '(2026)鲁0202民特17号',
      decidedOn: '2026-03-02',
    });
    expect(PARTNER_SCRIPT.ENFORCEMENT?.[0]?.data(ctx)).toMatchObject({ outcome: 'ENFORCED' });
  });
});
