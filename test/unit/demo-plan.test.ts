import { describe, expect, it } from 'vitest';
import { residentIdProblem } from '../../domain/shared/identifiers.ts';
import { planYear } from '../../infra/local/demo-plan.ts';
import { LOCAL_POSTS } from '../../infra/local/seed.ts';

/** The demo year `npm start -- --demo` loads: realistic in shape, lawful step by step, repeatable. */
const TODAY = '2026-12-07';
const plan = planYear(TODAY);

describe('the demo year', () => {
  it('covers every post in every month of the year before today, with about three consultations a case', () => {
    for (const { postId } of LOCAL_POSTS) {
      const months = new Set(
        plan.cases.filter((c) => c.postId === postId).map((c) => c.receivedOn.slice(0, 7)),
      );
      expect(months.size, postId).toBeGreaterThanOrEqual(11);
    }
    expect(plan.cases.length).toBeGreaterThan(300);
    expect(plan.cases.every((c) => c.receivedOn >= '2025-12-08' && c.receivedOn < TODAY)).toBe(true);
    expect(plan.consultations.length / plan.cases.length).toBeGreaterThan(2);
    expect(plan.consultations.every((k) => k.day < TODAY)).toBe(true);
  });

  it('takes each case through its steps in order, after its receipt and never on or after today', () => {
    for (const c of plan.cases) {
      const days = c.steps.map((s) => s.day);
      expect([...days].sort()).toEqual(days);
      expect(days.every((d) => d >= c.receivedOn && d < TODAY)).toBe(true);
    }
    const ends = plan.cases.map((c) => c.steps.at(-1)?.body.action);
    expect(ends.filter((a) => a === 'CLOSE').length / plan.cases.length).toBeGreaterThan(0.5);
    expect(ends).toContain('WITHDRAW');
    expect(ends).toContain('REFER_TO_ARBITRATION');
    // A court-delegated case is handed back to its court, never withdrawn or referred by the post.
    const delegated = plan.cases.filter((c) => c.intake.origin === 'COURT_DELEGATED');
    expect(delegated.length).toBeGreaterThan(0);
    for (const c of delegated) {
      expect(c.steps.map((s) => s.body.action)).not.toContain('WITHDRAW');
      expect(c.steps.map((s) => s.body.action)).not.toContain('REFER_TO_ARBITRATION');
    }
  });

  it('files what the intake accepts: valid ID numbers, itemised agreements that add up, collective cases with representatives', () => {
    for (const c of plan.cases) {
      const intake = c.intake as { workers: { idNumber: string }[]; representatives?: number[] };
      for (const w of intake.workers) expect(residentIdProblem(w.idNumber, c.receivedOn)).toBeNull();
      if (intake.workers.length >= 10) expect(intake.representatives).toEqual([0, 1, 2]);
      const sign = c.steps.find((s) => s.body.action === 'SIGN_AGREEMENT')?.body as
        | { amountFen: number; items: { amountFen: number }[] }
        | undefined;
      if (sign) expect(sign.items.reduce((s, i) => s + i.amountFen, 0)).toBe(sign.amountFen);
    }
    expect(plan.cases.some((c) => (c.intake as { workers: unknown[] }).workers.length >= 10)).toBe(true);
  });

  it('claims what wage disputes come to: a few thousand to tens of thousands of yuan, about 20,000 a case', () => {
    const claims = plan.cases.flatMap((c) =>
      (c.intake as { claims: { amountFen: number }[]; workers: unknown[] }).workers.length >= 10
        ? []
        : (c.intake as { claims: { amountFen: number }[] }).claims.map((k) => k.amountFen / 100),
    );
    const sorted = [...claims].sort((a, b) => a - b);
    expect(sorted[0]).toBeGreaterThanOrEqual(2_000);
    expect(sorted.at(-1)).toBeLessThanOrEqual(50_000);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeGreaterThan(5_000);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(20_000);
    const perCase =
      plan.cases.reduce(
        (sum, c) =>
          sum + (c.intake as { claims: { amountFen: number }[] }).claims.reduce((s, k) => s + k.amountFen, 0),
        0,
      ) /
      100 /
      plan.cases.length;
    // Qingdao: RMB 380 million recovered over 22,000 cases, about 17,000 yuan a case; claims run above it.
    expect(perCase).toBeGreaterThan(12_000);
    expect(perCase).toBeLessThan(40_000);
    // Every employer has its industry section.
    expect(
      plan.cases.every((c) =>
        /^[A-T]$/.test((c.intake as { employer: { industry: string } }).employer.industry),
      ),
    ).toBe(true);
  });

  it('is the same year every time for the same day', () => {
    expect(planYear(TODAY)).toEqual(plan);
    expect(planYear(TODAY, { seed: 7 })).not.toEqual(plan);
    expect(planYear(TODAY, { days: 7 }).cases.every((c) => c.receivedOn >= '2026-11-30')).toBe(true);
  });
});
