import { addDays, shanghaiDate } from '../clocks/legal-time.ts';
import { type CitedSignal, type FiredRule, type Level, type Signal, signalIdentity } from './model.ts';
import type { RuleSet, WarningRule } from './rules.ts';

/** What an employer's signals amount to under one rule set: the most severe level fired and every reason. */
export interface Evaluation {
  readonly level: Level | null;
  readonly fired: readonly FiredRule[];
}

/** Newest observation last; ties broken by identity, so the order signals arrived in never matters. */
const chronological = (a: Signal, b: Signal): number =>
  a.observedOn.localeCompare(b.observedOn) ||
  a.periodTo.localeCompare(b.periodTo) ||
  signalIdentity(a).localeCompare(signalIdentity(b));

const cite = (s: Signal): CitedSignal => ({
  source: s.source,
  reference: s.reference,
  observedOn: s.observedOn,
  value: s.value,
});

/** The value a rule sees in its window and the signals that give it, or null when none is in the window. */
function measure(rule: WarningRule, signals: readonly Signal[]): { value: number; cited: Signal[] } | null {
  if (signals.length === 0) return null;
  if (rule.aggregate === 'SUM') {
    return { value: signals.reduce((sum, s) => sum + s.value, 0), cited: [...signals] };
  }
  const top = signals.reduce((best, s) => (s.value > best.value ? s : best));
  return { value: top.value, cited: [top] };
}

const passes = (rule: WarningRule, value: number) =>
  rule.comparison === 'GTE' ? value >= rule.threshold : value > rule.threshold;

/**
 * Evaluates ONE employer from its signals on the Shanghai day of `now`: each rule sees its indicator's
 * signals observed within its window (the last `windowDays` days, today included), a signal reported twice
 * counted once. Output: every rule that fired, most severe first, with its value and the signals behind
 * it, and the most severe level among them (null when none fired). Order and duplication of the input
 * never change the result.
 */
export function evaluateEmployer(signals: readonly Signal[], ruleSet: RuleSet, now: string): Evaluation {
  const today = shanghaiDate(now);
  const unique = new Map<string, Signal>();
  for (const s of [...signals].sort(chronological)) {
    if (!unique.has(signalIdentity(s))) unique.set(signalIdentity(s), s);
  }
  const ordered = [...unique.values()].sort(chronological);
  const fired: FiredRule[] = [];
  for (const rule of ruleSet.rules) {
    const from = addDays(today, 1 - rule.windowDays);
    const inWindow = ordered.filter(
      (s) =>
        s.indicator === rule.indicator &&
        s.unit === rule.unit &&
        s.observedOn >= from &&
        s.observedOn <= today,
    );
    const seen = measure(rule, inWindow);
    if (!seen || !passes(rule, seen.value)) continue;
    fired.push({
      ruleId: rule.id,
      indicator: rule.indicator,
      unit: rule.unit,
      comparison: rule.comparison,
      threshold: rule.threshold,
      windowDays: rule.windowDays,
      level: rule.level,
      value: seen.value,
      signals: seen.cited.map(cite),
    });
  }
  fired.sort((a, b) => a.level - b.level || a.ruleId.localeCompare(b.ruleId));
  return { level: fired[0]?.level ?? null, fired };
}

/** The longest window of a rule set: how far back an evaluation reads the employer's signals. */
export const lookbackDays = (ruleSet: RuleSet): number => Math.max(...ruleSet.rules.map((r) => r.windowDays));
