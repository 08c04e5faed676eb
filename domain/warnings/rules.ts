import * as z from 'zod/mini';
import { ValidationError } from '../shared/errors.ts';
import { parseOrThrow, TEXT } from '../shared/validation.ts';
import {
  INDICATOR_NAMES,
  INDICATORS,
  type Indicator,
  LEVELS,
  type Level,
  UNITS,
  type Unit,
} from './model.ts';

/**
 * The warning rules as data: each names its indicator and unit, how the signals of its window add up,
 * the threshold, the window and the level it raises, and the published practice it comes from
 * (docs/warnings.md lists them, derived from this table). Admins load a new version with
 * `PUT /warning-rules`; a warning keeps the version that raised it.
 */
export interface WarningRule {
  readonly id: string;
  readonly indicator: Indicator;
  readonly unit: Unit;
  /**
   * SUM: the window's total (complaints, workers laid off); MAX: its largest value (months in arrears, the
   * worst seen in the window). Both only grow as signals arrive, so the order signals arrive in never
   * changes a warning.
   */
  readonly aggregate: 'SUM' | 'MAX';
  readonly comparison: 'GTE' | 'GT';
  readonly threshold: number;
  readonly windowDays: number;
  readonly level: Level;
  readonly source: string;
}

/** Working days to acknowledge and to dispose of a warning of each level. */
export type LevelDeadlines = Readonly<Record<`${Level}`, { acknowledgeDays: number; disposeDays: number }>>;

export interface RuleSet {
  readonly version: number;
  readonly rules: readonly WarningRule[];
  readonly deadlines: LevelDeadlines;
  readonly loadedAt: string;
  readonly loadedBy: string;
}

const BAOAN =
  "Shenzhen Bao'an four colours (red: wages two months or more late, or three valid complaints in a month; yellow: more than a month late)";
const BAOYING =
  'Baoying, Jiangsu: arrears under a month yellow, one to two months orange, over two months red';
const ART41 = 'Labour Contract Law art. 41: a layoff of 20 or more, or fewer but 10 % of the workforce';
const SHANDONG = 'Shandong unemployment warning (2016), level I: one employer laying off 200 or more';
const HAISHU = 'Ningbo Haishu: group arrears are 10 workers or more; tax data among the grading sources';
const OWN = 'Project default (the federation may tune it): the system’s own cases';
const BUREAU_DEFAULT = 'Project default (the federation may tune it): the bureau’s listings and the hotline';

const rule = (
  id: string,
  indicator: Indicator,
  unit: Unit,
  aggregate: WarningRule['aggregate'],
  comparison: WarningRule['comparison'],
  threshold: number,
  windowDays: number,
  level: Level,
  source: string,
): WarningRule => ({ id, indicator, unit, aggregate, comparison, threshold, windowDays, level, source });

/** The defaults (version 1), most severe first. Levels: 1 red, 2 orange, 3 yellow, 4 blue. */
export const DEFAULT_RULES: readonly WarningRule[] = [
  rule('WAGE-ARREARS-2M', 'WAGE_ARREARS', 'MONTHS', 'MAX', 'GTE', 2, 90, 1, BAOAN),
  rule('WAGE-COMPLAINTS-3', 'WAGE_ARREARS_COMPLAINTS', 'COMPLAINTS', 'SUM', 'GTE', 3, 30, 1, BAOAN),
  rule('SI-ARREARS-OVER-2M', 'SOCIAL_INSURANCE_ARREARS', 'MONTHS', 'MAX', 'GT', 2, 90, 1, BAOYING),
  rule('LAYOFF-200', 'LAYOFF_REPORT', 'WORKERS', 'SUM', 'GTE', 200, 90, 1, SHANDONG),
  rule('SI-ARREARS-1M', 'SOCIAL_INSURANCE_ARREARS', 'MONTHS', 'MAX', 'GTE', 1, 90, 2, BAOYING),
  rule('LAYOFF-20', 'LAYOFF_REPORT', 'WORKERS', 'SUM', 'GTE', 20, 90, 2, ART41),
  rule('LAYOFF-10PCT', 'LAYOFF_REPORT', 'PERCENT', 'SUM', 'GTE', 10, 90, 2, ART41),
  rule('SI-ARREARS-GROUP', 'SOCIAL_INSURANCE_ARREARS', 'WORKERS', 'MAX', 'GTE', 10, 90, 2, HAISHU),
  rule('WAGE-ARREARS-GROUP', 'WAGE_ARREARS', 'WORKERS', 'MAX', 'GTE', 10, 90, 2, HAISHU),
  rule('ABNORMAL-CLOSURE', 'ABNORMAL_OPERATION', 'CLOSURE', 'MAX', 'GTE', 1, 90, 2, BUREAU_DEFAULT),
  rule('ABNORMAL-RELOCATION', 'ABNORMAL_OPERATION', 'RELOCATION', 'MAX', 'GTE', 1, 90, 3, BUREAU_DEFAULT),
  rule('ABNORMAL-SUSPENSION', 'ABNORMAL_OPERATION', 'SUSPENSION', 'MAX', 'GTE', 1, 90, 2, BUREAU_DEFAULT),
  rule('COLLECTIVE-DISPUTE', 'COLLECTIVE_DISPUTES', 'CASES', 'SUM', 'GTE', 1, 90, 2, OWN),
  rule('WAGE-ARREARS-1M', 'WAGE_ARREARS', 'MONTHS', 'MAX', 'GT', 1, 90, 3, BAOAN),
  rule('SI-ARREARS-ANY', 'SOCIAL_INSURANCE_ARREARS', 'MONTHS', 'MAX', 'GT', 0, 90, 3, BAOYING),
  rule('HOTLINE-3', 'HOTLINE_COMPLAINTS', 'COMPLAINTS', 'SUM', 'GTE', 3, 30, 3, BUREAU_DEFAULT),
  rule('UNEMPLOYMENT-20', 'UNEMPLOYMENT_REGISTRATIONS', 'WORKERS', 'SUM', 'GTE', 20, 30, 3, ART41),
  rule('CASES-90D-3', 'CASES_FILED', 'CASES', 'SUM', 'GTE', 3, 90, 3, OWN),
  rule('FAILED-AGREEMENTS-2', 'FAILED_AGREEMENTS', 'CASES', 'SUM', 'GTE', 2, 90, 3, OWN),
  rule('PAYMENT-ORDER', 'PAYMENT_ORDERS', 'CASES', 'SUM', 'GTE', 1, 90, 3, OWN),
  rule('TAX-ARREARS', 'TAX_ARREARS', 'MONTHS', 'MAX', 'GTE', 1, 90, 4, HAISHU),
];

/** Level 1: one working day to acknowledge, three to dispose (the 12351 hotline's tiers by difficulty). */
export const DEFAULT_DEADLINES: LevelDeadlines = {
  '1': { acknowledgeDays: 1, disposeDays: 3 },
  '2': { acknowledgeDays: 2, disposeDays: 5 },
  '3': { acknowledgeDays: 3, disposeDays: 10 },
  '4': { acknowledgeDays: 5, disposeDays: 15 },
};

export const DEFAULT_RULE_SET: RuleSet = {
  version: 1,
  rules: DEFAULT_RULES,
  deadlines: DEFAULT_DEADLINES,
  loadedAt: '2026-01-01T00:00:00.000Z',
  loadedBy: 'defaults',
};

const DAYS = z.number().check(z.int('must be a whole number of days'), z.gte(1), z.lte(365));
const deadlinesSchema = z.strictObject({
  '1': z.strictObject({ acknowledgeDays: DAYS, disposeDays: DAYS }),
  '2': z.strictObject({ acknowledgeDays: DAYS, disposeDays: DAYS }),
  '3': z.strictObject({ acknowledgeDays: DAYS, disposeDays: DAYS }),
  '4': z.strictObject({ acknowledgeDays: DAYS, disposeDays: DAYS }),
});

/** `PUT /warning-rules`: the whole table and, optionally, the deadlines (the current ones stay otherwise). */
export const ruleTableSchema = z.strictObject({
  rules: z
    .array(
      z.strictObject({
        id: z
          .string()
          .check(z.regex(/^[A-Z0-9][A-Z0-9-]{0,39}$/, 'must be 1–40 upper-case letters, digits, -')),
        indicator: z.enum(INDICATOR_NAMES as [Indicator, ...Indicator[]], 'must be a known indicator'),
        unit: z.enum(UNITS, 'must be a known unit'),
        aggregate: z.enum(['MAX', 'SUM', 'MAX']),
        comparison: z.enum(['GTE', 'GT']),
        threshold: z.number().check(z.nonnegative(), z.lte(1e15)),
        windowDays: DAYS,
        level: z.union(
          LEVELS.map((l) => z.literal(l)) as [z.ZodMiniLiteral<Level>, ...z.ZodMiniLiteral<Level>[]],
        ),
        source: TEXT(300),
      }),
    )
    .check(z.minLength(1, 'must hold at least one rule'), z.maxLength(200)),
  deadlines: z.optional(deadlinesSchema),
});
export type RuleTableInput = z.output<typeof ruleTableSchema>;

/** Parses a rule table; each rule's unit must be one its indicator is measured in, and ids unique. */
export function parseRuleTable(body: unknown): RuleTableInput {
  const table = parseOrThrow(ruleTableSchema, body);
  const seen = new Set<string>();
  table.rules.forEach((r, i) => {
    if (!(INDICATORS[r.indicator] as readonly string[]).includes(r.unit)) {
      throw validationAt(`rules[${i}].unit`, `must be one of ${INDICATORS[r.indicator].join(', ')}`);
    }
    if (seen.has(r.id)) throw validationAt(`rules[${i}].id`, 'must be unique in the table');
    seen.add(r.id);
  });
  return table;
}

const validationAt = (field: string, text: string) => ValidationError.field(field, text);
