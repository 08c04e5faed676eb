/**
 * The statutory periods, as data: how long, in which unit, from what, and on which legal basis. A clock
 * the lifecycle starts names one of these by id; configuration may override a length by id (a local rule,
 * a court's guidance) but never the unit or the basis. See docs/legal-basis.md for every period of the
 * process; the rows below are those the code computes today.
 */

/** Civil Code art. 201: periods in days; the MOHRSS Arbitration Rules count some in working days. */
export type DayUnit = 'CALENDAR_DAYS' | 'WORKING_DAYS';

export interface StatutoryPeriod {
  readonly id: PeriodId;
  readonly length: number;
  readonly unit: DayUnit;
  /** The event the period counts from (its day is not counted, Civil Code art. 201). */
  readonly startsOn: string;
  readonly basis: string;
}

const PERIOD_ROWS = [
  {
    id: 'MEDIATION',
    length: 15,
    unit: 'CALENDAR_DAYS',
    startsOn: 'receipt of the mediation application',
    basis: 'LDMAL art. 14',
  },
  {
    id: 'COURT_DELEGATED_MEDIATION',
    length: 30,
    unit: 'CALENDAR_DAYS',
    startsOn: "the court's delegation",
    basis: "people's court guidance on delegated pre-litigation mediation (local rule, configurable)",
  },
  {
    id: 'JUDICIAL_CONFIRMATION',
    length: 30,
    unit: 'CALENDAR_DAYS',
    startsOn: 'the mediation agreement taking effect',
    basis: "People's Mediation Law art. 33; CPL arts. 205–206",
  },
] as const satisfies readonly (Omit<StatutoryPeriod, 'id'> & { id: string })[];

export type PeriodId = (typeof PERIOD_ROWS)[number]['id'];
export const PERIOD_IDS = PERIOD_ROWS.map((p) => p.id) as readonly PeriodId[];

export type StatutoryPeriods = Readonly<Record<PeriodId, StatutoryPeriod>>;

/** The periods as the law (or the named local rule) sets them. */
export const STATUTORY_PERIODS: StatutoryPeriods = Object.fromEntries(
  PERIOD_ROWS.map((p) => [p.id, p]),
) as StatutoryPeriods;

/** Lengths from configuration, by period id; anything not named keeps its statutory length. */
export type PeriodOverrides = Partial<Record<PeriodId, number>>;

export function withOverrides(overrides: PeriodOverrides): StatutoryPeriods {
  const out = { ...STATUTORY_PERIODS };
  for (const id of PERIOD_IDS) {
    const length = overrides[id];
    if (length !== undefined) out[id] = { ...STATUTORY_PERIODS[id], length };
  }
  return out;
}
