import { describe, expect, it } from 'vitest';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import { IllegalTransitionError, ValidationError } from '../../domain/shared/errors.ts';
import { depsWith, intake, mediator, settle } from '../support/fixtures.ts';
import { MemoryCaseRepository } from '../support/memory-repository.ts';

/**
 * The payment order's scope (LDMAL art. 16): agreed wages, work-injury medical costs, economic compensation
 * or damages. A work-injury claim qualifies only as medical costs (its `subKind`); social insurance never.
 * The refusal names the claim. The test clock starts at 2026-03-02 10:00 in Shanghai.
 */

const COURT = 'qd-shinan-court';

async function settledWith(claim: Record<string, unknown>) {
  const deps = depsWith(new MemoryCaseRepository());
  const c = await fileCase(
    deps,
    mediator,
    intake({ claims: [{ amountFen: 800_000, description: 'd', ...claim }] }),
  );
  await settle(deps, mediator, c.caseId, { amountFen: 800_000, performBy: '2026-03-03' });
  deps.clock.set('2026-03-04T02:00:00.000Z');
  const request = () =>
    actOnCase(deps, mediator, c.caseId, { action: 'REQUEST_PAYMENT_ORDER', courtId: COURT });
  return request().then(
    (after) => ({ status: after.status, refusal: null }),
    (e: unknown) => ({ status: null, refusal: e as Error }),
  );
}

describe('LDMAL art. 16: what a payment order may cover', () => {
  it.each([
    ['WAGE_ARREARS', {}],
    ['OVERTIME', {}],
    ['DISMISSAL_COMPENSATION', {}],
    ['WORK_INJURY', { subKind: 'MEDICAL_COSTS' }],
  ])('LDMAL art. 16: an agreement on %s %o may go to a payment order', async (category, extra) => {
    const { status, refusal } = await settledWith({ category, ...extra });
    expect(refusal).toBeNull();
    expect(status).toBe('PAYMENT_ORDER_REQUESTED');
  });

  it.each([
    ['SOCIAL_INSURANCE', {}],
    ['WORK_INJURY', {}],
    ['WORK_INJURY', { subKind: 'BENEFITS' }],
    ['LABOUR_CONTRACT', {}],
  ])('LDMAL art. 16: an agreement on %s %o is refused, naming the claim', async (category, extra) => {
    const { refusal } = await settledWith({ category, ...extra });
    expect(refusal).toBeInstanceOf(IllegalTransitionError);
    expect(refusal?.message).toContain('claims[0]');
    expect(refusal?.message).toContain(category);
    expect(refusal?.message).toContain('LDMAL art. 16');
  });

  it('LDMAL art. 16: a work-injury head is only for a work-injury claim (400 naming the field)', async () => {
    const deps = depsWith(new MemoryCaseRepository());
    const filing = intake({
      claims: [{ category: 'WAGE_ARREARS', amountFen: 1, description: 'd', subKind: 'MEDICAL_COSTS' }],
    });
    const error = await fileCase(deps, mediator, filing).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.field).toBe('claims[0].subKind');
  });
});
