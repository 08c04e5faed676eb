import { describe, expect, it } from 'vitest';
import type { DuplicateMarking } from '../../domain/sealing/duplicate-model.ts';
import { planDuplicates } from '../../functions/adapters/dynamodb/duplicate-store.ts';

/**
 * Where a new case's duplicate items go (case-repository.ts `create`): in the case's transaction while there
 * is room, the review pairs first; markers that do not fit are written ahead (inert until the case exists),
 * pairs that do not fit after.
 */

const filed = { caseId: 'c-new', caseNumber: 'QD-SN-01-2026-000009', postId: 'QD-SN-01' };
const marking = (hashes: number, pairs: number): DuplicateMarking => ({
  filed,
  hashes: Array.from({ length: hashes }, (_, i) => `h${i}`),
  found: [],
  pairs: Array.from({ length: pairs }, (_, i) => ({
    pairId: `p${i}`,
    postId: 'QD-SN-01',
    filed,
    earlier: { caseId: `c${i}`, caseNumber: `N${i}`, postId: 'QD-LS-02' },
    foundAt: '2026-03-02T02:00:00.000Z',
    status: 'PENDING' as const,
  })),
});
const keysOf = (items: readonly Record<string, unknown>[]) =>
  items.map((i) => (i as { Put: { Item: { PK: string } } }).Put.Item.PK);

describe('planDuplicates', () => {
  it('puts everything in the transaction when it fits', () => {
    const plan = planDuplicates('t', marking(2, 1));
    expect(keysOf(plan.fit(94))).toEqual(['DUPLICATES#QD-SN-01', 'DUPKEY#h0', 'DUPKEY#h1']);
    expect(plan.ahead()).toEqual([]);
    expect(plan.after()).toEqual([]);
  });

  it('writes the markers that do not fit ahead, pairs first in the transaction', () => {
    const plan = planDuplicates('t', marking(120, 2));
    const fit = keysOf(plan.fit(94));
    expect(fit).toHaveLength(94);
    expect(fit.slice(0, 2)).toEqual(['DUPLICATES#QD-SN-01', 'DUPLICATES#QD-SN-01']);
    expect(keysOf(plan.ahead())).toEqual(Array.from({ length: 28 }, (_, i) => `DUPKEY#h${92 + i}`));
    expect(plan.after()).toEqual([]);
  });

  it('writes the pairs that do not fit after, and every marker ahead', () => {
    const plan = planDuplicates('t', marking(3, 100));
    expect(plan.fit(94)).toHaveLength(94);
    expect(plan.ahead()).toHaveLength(3);
    expect(keysOf(plan.after())).toHaveLength(6);
  });

  it('marks nothing without a marking, and stores no personal data in a marker', () => {
    expect(planDuplicates('t', undefined).fit(90)).toEqual([]);
    const [marker] = planDuplicates('t', marking(1, 0)).fit(90);
    expect((marker as { Put: { Item: unknown } }).Put.Item).toEqual({
      PK: 'DUPKEY#h0',
      SK: 'CASE#c-new',
      itemType: 'DUPKEY',
      ...filed,
    });
  });
});
