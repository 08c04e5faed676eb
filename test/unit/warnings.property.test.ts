import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../domain/clocks/legal-time.ts';
import { evaluateEmployer } from '../../domain/warnings/evaluate.ts';
import { recordSignal } from '../../domain/warnings/ingest.ts';
import { PARTNER_INDICATORS, type PartnerIndicator, type Signal } from '../../domain/warnings/model.ts';
import { DEFAULT_RULE_SET } from '../../domain/warnings/rules.ts';
import { creditCode } from '../support/fixtures.ts';
import { memoryWarningDeps } from '../support/memory-warnings.ts';

/**
 * Any order and any duplication of an employer's signals yields the same warning: the same level, the
 * same fired rules with the same values and cited signals (a bureau resends, a hotline batches late).
 */

const NOW = '2026-03-04T02:00:00.000Z';
const EMPLOYER = creditCode('91370202MA3C4R2K1');
const pairs = Object.entries(PARTNER_INDICATORS).flatMap(([indicator, units]) =>
  units.map((unit) => ({ indicator: indicator as PartnerIndicator, unit })),
);

const signalArb: fc.Arbitrary<Signal> = fc
  .record({
    pair: fc.constantFrom(...pairs),
    value: fc.integer({ min: 0, max: 300 }),
    daysAgo: fc.integer({ min: 0, max: 120 }),
    reference: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
    source: fc.constantFrom('qd-hrss-bureau', 'qd-hotline'),
  })
  .map(({ pair, value, daysAgo, reference, source }) => ({
    creditCode: EMPLOYER,
    indicator: pair.indicator,
    unit: pair.unit as Signal['unit'],
    value,
    periodFrom: '2025-10-01',
    periodTo: '2026-03-01',
    observedOn: addDays('2026-03-04', -daysAgo),
    source,
    // The identity decides what a signal is: one reference per indicator, unit and source, one value.
    reference: `${reference}-${pair.indicator}-${pair.unit}-${value}-${daysAgo}`,
    receivedAt: NOW,
  }));

const shuffledWithDuplicates = (signals: Signal[]) =>
  fc.array(fc.nat({ max: Math.max(0, signals.length - 1) }), { maxLength: 6 }).chain((dups) =>
    fc.shuffledSubarray([...signals, ...dups.flatMap((i) => signals.slice(i, i + 1))], {
      minLength: signals.length + dups.filter((i) => i < signals.length).length,
    }),
  );

describe('warnings are independent of order and duplication', () => {
  it('the evaluation of a set of signals', () => {
    fc.assert(
      fc.property(
        fc
          .array(signalArb, { maxLength: 12 })
          .chain((s) => fc.tuple(fc.constant(s), shuffledWithDuplicates(s))),
        ([signals, reordered]) => {
          expect(evaluateEmployer(reordered, DEFAULT_RULE_SET, NOW)).toEqual(
            evaluateEmployer(signals, DEFAULT_RULE_SET, NOW),
          );
        },
      ),
    );
  });

  it('the warning the store ends with, signals recorded one by one', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(signalArb, { minLength: 1, maxLength: 10 })
          .chain((s) => fc.tuple(fc.constant(s), shuffledWithDuplicates(s))),
        async ([signals, reordered]) => {
          const final = async (input: Signal[]) => {
            const { deps, store } = memoryWarningDeps(() => NOW, { '370202': 'QD-SN-01' });
            for (const s of input) await recordSignal(deps, s);
            const w = [...store.warnings.values()][0];
            return w ? { level: w.level, fired: w.fired, status: w.status, id: w.warningId } : null;
          };
          expect(await final(reordered)).toEqual(await final(signals));
        },
      ),
      { numRuns: 60 },
    );
  });
});
