import { describe, expect, it } from 'vitest';
import { overrideVariable, PERIOD_IDS, withOverrides } from '../../domain/clocks/periods.ts';
import { loadStoreConfig } from '../../functions/shared/config.ts';

/** `PERIOD_<ID>_DAYS` (or `_YEARS` for a period in years) overrides a statutory length, for every period. */
const base = { TABLE_NAME: 'ldm-test-cases' };

describe('period overrides from the environment', () => {
  it('names a variable for every period, in the period’s unit', () => {
    expect(PERIOD_IDS.map(overrideVariable)).toEqual(
      expect.arrayContaining([
        'PERIOD_MEDIATION_DAYS',
        'PERIOD_COURT_DELEGATED_MEDIATION_DAYS',
        'PERIOD_JUDICIAL_CONFIRMATION_DAYS',
        'PERIOD_ARBITRATION_ACCEPTANCE_DAYS',
        'PERIOD_ARBITRATION_AWARD_DAYS',
        'PERIOD_PAYMENT_ORDER_OBJECTION_DAYS',
        'PERIOD_LIMITATION_YEARS',
      ]),
    );
  });

  it('reads each one, and leaves the others statutory', () => {
    const lengthOf = (i: number) => (i % 5) + 1;
    const env = Object.fromEntries(PERIOD_IDS.map((id, i) => [overrideVariable(id), String(lengthOf(i))]));
    const { periods } = loadStoreConfig({ ...base, ...env });
    expect(periods).toEqual(Object.fromEntries(PERIOD_IDS.map((id, i) => [id, lengthOf(i)])));
    expect(loadStoreConfig({ ...base, PERIOD_COURT_DELEGATED_MEDIATION_DAYS: '45' }).periods).toEqual({
      COURT_DELEGATED_MEDIATION: 45,
    });
    expect(withOverrides(loadStoreConfig(base).periods).ARBITRATION_AWARD.length).toBe(45);
  });

  it.each([
    ['PERIOD_MEDIATION_DAYS', '0'],
    ['PERIOD_MEDIATION_DAYS', '366'],
    ['PERIOD_MEDIATION_DAYS', 'fifteen'],
    ['PERIOD_LIMITATION_YEARS', '6'],
  ])('stops the function on %s=%s, naming it', (name, value) => {
    expect(() => loadStoreConfig({ ...base, [name]: value })).toThrow(name);
  });

  it('stops on an override with no period, or in the wrong unit', () => {
    expect(() => loadStoreConfig({ ...base, PERIOD_LIMITATION_DAYS: '365' })).toThrow(
      'PERIOD_LIMITATION_DAYS',
    );
    expect(() => loadStoreConfig({ ...base, PERIOD_MEDIATON_DAYS: '20' })).toThrow('PERIOD_MEDIATON_DAYS');
  });
});
