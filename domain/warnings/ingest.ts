import type { CommandReceipt } from '../case/ports.ts';
import { addDays, shanghaiDate } from '../clocks/legal-time.ts';
import { ValidationError, VersionConflictError } from '../shared/errors.ts';
import { parseOrThrow } from '../shared/validation.ts';
import { evaluateEmployer, lookbackDays } from './evaluate.ts';
import { signalDataSchema, signalUnitProblem } from './inputs.ts';
import { type Placement, raiseWarning, updateWarning } from './lifecycle.ts';
import { isOpen, type Signal, signalIdentity, type Warning } from './model.ts';
import type { DistrictStore, WarningDeps } from './ports.ts';
import { DEFAULT_RULE_SET, type RuleSet } from './rules.ts';

/** What one signal did: the warning it raised or updated (null when no rule fired), and the signal. */
export interface Ingested {
  readonly signal: Signal;
  readonly warning: Warning | null;
  /** True when the warning was raised, or its level raised, by this signal. */
  readonly dispatched: boolean;
}

/** A receipt for what the signal did (the callback's `webhook-id`), computed before the write. */
export type IngestReceipt = (result: Ingested) => CommandReceipt;

/** A warning lives at the employer's partition and carries its sequence there: `91370200…-3`. */
export const warningIdOf = (creditCode: string, sequence: number) => `${creditCode}-${sequence}`;
export const creditCodeOfWarning = (warningId: string) => warningId.slice(0, 18);

/**
 * Where the employer's warnings go: the district the source gave, else the registration authority's
 * division in the credit code (GB 32100-2015, characters 3–8), to the post covering it — or, when none
 * does, the post covering its city (4 digits + 00) or province (2 digits + 0000).
 */
export async function placeEmployer(
  districts: DistrictStore,
  creditCode: string,
  hint: { district?: string | undefined; employerName?: string | undefined },
): Promise<Placement> {
  const district = hint.district ?? creditCode.slice(2, 8);
  const candidates = [district, `${district.slice(0, 4)}00`, `${district.slice(0, 2)}0000`];
  for (const code of [...new Set(candidates)]) {
    const found = await districts.get(code);
    if (found) return { district, postId: found.postId, employerName: hint.employerName ?? null };
  }
  return { district, postId: null, employerName: hint.employerName ?? null };
}

/** The rule set a warning keeps (the version that raised it), else the one in force. */
async function ruleSetFor(deps: WarningDeps, inForce: RuleSet, open: Warning | null): Promise<RuleSet> {
  if (!open || open.ruleVersion === inForce.version) return inForce;
  const kept = await deps.rules.version(open.ruleVersion);
  if (kept) return kept;
  return open.ruleVersion === DEFAULT_RULE_SET.version ? DEFAULT_RULE_SET : inForce;
}

/** An open warning, or a suppressed one whose expiry has not passed: the one a signal updates. */
const stillOpen = (w: Warning | null, today: string): w is Warning =>
  w !== null && (isOpen(w) || (w.status === 'SUPPRESSED' && (w.suppression?.until ?? '') >= today));

const MAX_ATTEMPTS = 5;

/**
 * Stores one signal and evaluates its employer — only that employer — in one transaction with the
 * employer's state and its warning: a new signal updates the open warning (and may raise its level, which
 * re-dispatches it), never opens a second one; with none open, a rule firing raises a warning, dispatched
 * to the post covering the employer's district. Concurrent signals for one employer are serialised by the
 * state's version (the loser reads again and re-evaluates). Reads: one Query of the employer's partition
 * (its signals within the longest window, its state, its warnings); the rule table, cached by the store.
 */
export async function recordSignal(
  deps: WarningDeps,
  signal: Signal,
  options: { readonly receipt?: IngestReceipt } = {},
): Promise<Ingested> {
  for (let attempt = 1; ; attempt++) {
    const now = deps.clock.now();
    const today = shanghaiDate(now);
    const inForce = (await deps.rules.current()) ?? DEFAULT_RULE_SET;
    const partition = await deps.warnings.employer(signal.creditCode, addDays(today, -lookbackDays(inForce)));
    const state = partition.state;
    const current = partition.warnings.find((w) => w.warningId === state?.openWarningId) ?? null;
    const open = stillOpen(current, today) ? current : null;
    const ruleSet = await ruleSetFor(deps, inForce, open);
    const stored =
      lookbackDays(ruleSet) > lookbackDays(inForce)
        ? await deps.warnings.signalsSince(signal.creditCode, addDays(today, -lookbackDays(ruleSet)))
        : partition.signals;
    const identity = signalIdentity(signal);
    const signals = [...stored.filter((s) => signalIdentity(s) !== identity), signal];
    const evaluation = evaluateEmployer(signals, ruleSet, now);
    let warning: Warning | null = null;
    let dispatched = false;
    let expectedWarningVersion = 0;
    if (open) {
      const updated = updateWarning(open, evaluation, ruleSet, deps.calendar, now);
      warning = updated ?? open;
      dispatched = updated !== null && updated.level < open.level && updated.status === 'DISPATCHED';
      expectedWarningVersion = open.version;
    } else if (evaluation.level !== null) {
      const sequence = (state?.warnings ?? 0) + 1;
      const placement = await placeEmployer(deps.districts, signal.creditCode, signal);
      warning = raiseWarning(
        {
          warningId: warningIdOf(signal.creditCode, sequence),
          evaluation: { ...evaluation, level: evaluation.level },
          placement,
        },
        ruleSet,
        deps.calendar,
        now,
      );
      dispatched = warning.status === 'DISPATCHED';
    }
    const result: Ingested = { signal, warning, dispatched };
    const changed = warning !== null && warning.version !== expectedWarningVersion;
    try {
      await deps.warnings.saveEvaluation({
        signal,
        ...(options.receipt ? { receipt: options.receipt(result) } : {}),
        state: {
          creditCode: signal.creditCode,
          openWarningId: warning?.warningId ?? state?.openWarningId ?? null,
          warnings:
            expectedWarningVersion === 0 && warning ? (state?.warnings ?? 0) + 1 : (state?.warnings ?? 0),
          version: (state?.version ?? 0) + 1,
        },
        expectedStateVersion: state?.version ?? 0,
        warning: changed ? warning : null,
        expectedWarningVersion,
      });
    } catch (error) {
      if (error instanceof VersionConflictError && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
    if (dispatched && warning) await deps.notifier.dispatched(warning);
    return result;
  }
}

/**
 * A `monitoring.signal` from a monitoring partner (the bureau, tax, labour inspection, the 12351 hotline):
 * its `data` validated (credit code check character, a known indicator in one of its units, dates not in
 * the future, a period in order), then recorded and its employer evaluated. Errors name `data.<field>`.
 */
export async function ingestPartnerSignal(
  deps: WarningDeps,
  partnerId: string,
  data: unknown,
  options: { readonly receipt?: IngestReceipt } = {},
): Promise<Ingested> {
  const parsed = parseOrThrow(signalDataSchema(), data, 'data');
  const unit = signalUnitProblem(parsed);
  if (unit) throw ValidationError.field('data.unit', unit);
  const today = shanghaiDate(deps.clock.now());
  if (parsed.observedOn > today) throw ValidationError.field('data.observedOn', 'must not be in the future');
  if (parsed.period.from > parsed.period.to) {
    throw ValidationError.field('data.period.to', 'must not be before period.from');
  }
  const signal: Signal = {
    creditCode: parsed.creditCode,
    indicator: parsed.indicator,
    unit: parsed.unit,
    value: parsed.value,
    periodFrom: parsed.period.from,
    periodTo: parsed.period.to,
    observedOn: parsed.observedOn,
    source: partnerId,
    reference: parsed.reference,
    ...(parsed.district ? { district: parsed.district } : {}),
    ...(parsed.employerName ? { employerName: parsed.employerName } : {}),
    receivedAt: deps.clock.now(),
  };
  return recordSignal(deps, signal, options);
}
