import type { HolidayCalendar } from '../clocks/calendar.ts';
import { workingDaysDeadline } from '../clocks/legal-time.ts';
import type { Actor } from '../shared/actor.ts';
import { ForbiddenError, IllegalTransitionError } from '../shared/errors.ts';
import { message } from '../shared/messages.ts';
import type { Evaluation } from './evaluate.ts';
import type { Disposition, FiredRule, Level, Warning, WarningStatus } from './model.ts';
import type { RuleSet } from './rules.ts';

/**
 * The warning's lifecycle as data: RAISED → DISPATCHED (to the post covering the district) → ACKNOWLEDGED
 * → VERIFYING (the on-site check) → DISPOSED (with its disposition) → CLOSED; SUPPRESSED from any open
 * status by a supervisor, with a reason and an expiry. Who may take each action: the post's people and
 * admins; suppressing and closing are a supervisor's.
 */
export const WARNING_ACTIONS = {
  ACKNOWLEDGE: { from: ['DISPATCHED'], to: 'ACKNOWLEDGED', roles: ['mediator', 'supervisor', 'admin'] },
  START_VERIFICATION: { from: ['ACKNOWLEDGED'], to: 'VERIFYING', roles: ['mediator', 'supervisor', 'admin'] },
  DISPOSE: { from: ['VERIFYING'], to: 'DISPOSED', roles: ['mediator', 'supervisor', 'admin'] },
  CLOSE: { from: ['DISPOSED'], to: 'CLOSED', roles: ['supervisor', 'admin'] },
  SUPPRESS: {
    from: ['RAISED', 'DISPATCHED', 'ACKNOWLEDGED', 'VERIFYING'],
    to: 'SUPPRESSED',
    roles: ['supervisor', 'admin'],
  },
} as const satisfies Record<
  string,
  { from: readonly WarningStatus[]; to: WarningStatus; roles: readonly Actor['role'][] }
>;
export type WarningAction = keyof typeof WARNING_ACTIONS;
export const WARNING_ACTION_NAMES = Object.keys(WARNING_ACTIONS) as WarningAction[];

export type WarningCommand =
  | { readonly action: 'ACKNOWLEDGE' | 'START_VERIFICATION' | 'CLOSE' }
  | { readonly action: 'DISPOSE'; readonly disposition: Disposition }
  | { readonly action: 'SUPPRESS'; readonly reason: string; readonly until: string };

/** Deadlines from the moment a warning is dispatched at its level, in working days (domain/clocks). */
export function deadlinesFor(level: Level, from: string, ruleSet: RuleSet, calendar: HolidayCalendar) {
  const days = ruleSet.deadlines[`${level}`];
  return {
    acknowledgeBy: workingDaysDeadline(from, days.acknowledgeDays, calendar).at,
    disposeBy: workingDaysDeadline(from, days.disposeDays, calendar).at,
  };
}

/** Fired rules merged by rule id, the newer evaluation winning: a reason once given stays in the record. */
function merge(old: readonly FiredRule[], now: readonly FiredRule[]): FiredRule[] {
  const byId = new Map(old.map((f) => [f.ruleId, f]));
  for (const f of now) byId.set(f.ruleId, f);
  return [...byId.values()].sort((a, b) => a.level - b.level || a.ruleId.localeCompare(b.ruleId));
}

const sourcesOf = (fired: readonly FiredRule[]) =>
  [...new Set(fired.flatMap((f) => f.signals.map((s) => s.source)).filter((s) => s !== 'SYSTEM'))].sort();

export interface Placement {
  readonly district: string;
  readonly postId: string | null;
  readonly employerName: string | null;
}

/** A new warning from an evaluation that fired: dispatched at once when a post covers the district. */
export function raiseWarning(
  input: { warningId: string; evaluation: Evaluation & { level: Level }; placement: Placement },
  ruleSet: RuleSet,
  calendar: HolidayCalendar,
  now: string,
): Warning {
  const { evaluation, placement } = input;
  const dispatched = placement.postId !== null;
  const deadlines = dispatched
    ? deadlinesFor(evaluation.level, now, ruleSet, calendar)
    : { acknowledgeBy: null, disposeBy: null };
  return {
    warningId: input.warningId,
    creditCode: input.warningId.slice(0, 18),
    employerName: placement.employerName,
    district: placement.district,
    postId: placement.postId,
    level: evaluation.level,
    status: dispatched ? 'DISPATCHED' : 'RAISED',
    ruleVersion: ruleSet.version,
    fired: merge([], evaluation.fired),
    sources: sourcesOf(evaluation.fired),
    ...deadlines,
    disposition: null,
    suppression: null,
    history: [
      { at: now, action: 'RAISE', by: 'system', level: evaluation.level },
      ...(dispatched ? [{ at: now, action: 'DISPATCH', by: 'system', level: evaluation.level }] : []),
    ],
    raisedAt: now,
    updatedAt: now,
    version: 1,
  };
}

/**
 * An open warning updated by a new evaluation under its own rule version: its reasons merged; a more
 * severe level re-dispatches it (back to DISPATCHED, with the new level's deadlines from now). A warning
 * never loses severity while open. Returns null when nothing changed.
 */
export function updateWarning(
  warning: Warning,
  evaluation: Evaluation,
  ruleSet: RuleSet,
  calendar: HolidayCalendar,
  now: string,
): Warning | null {
  const fired = merge(warning.fired, evaluation.fired);
  if (JSON.stringify(fired) === JSON.stringify(warning.fired)) return null;
  const level = Math.min(warning.level, ...fired.map((f) => f.level)) as Level;
  const raised = level < warning.level;
  const redispatch = raised && warning.postId !== null && warning.status !== 'SUPPRESSED';
  return {
    ...warning,
    level,
    fired,
    sources: sourcesOf(fired),
    ...(redispatch ? { status: 'DISPATCHED', ...deadlinesFor(level, now, ruleSet, calendar) } : {}),
    history: [
      ...warning.history,
      ...(raised ? [{ at: now, action: 'RAISE_LEVEL', by: 'system', level }] : []),
      ...(redispatch ? [{ at: now, action: 'DISPATCH', by: 'system', level }] : []),
    ],
    updatedAt: now,
    version: warning.version + 1,
  };
}

/** Whether the actor may see and act on the warning: its post's people, supervisors of it, admins. */
export const mayHandle = (actor: Actor, warning: Pick<Warning, 'postId'>): boolean =>
  actor.role === 'admin' || (warning.postId !== null && actor.postId === warning.postId);

/** One action by a person on a warning, checked against the table; the warning as it becomes. */
export function actOnWarning(warning: Warning, command: WarningCommand, actor: Actor, now: string): Warning {
  const row = WARNING_ACTIONS[command.action];
  if (!(row.roles as readonly string[]).includes(actor.role)) {
    throw new ForbiddenError(message('warning.roleMayNot', { role: actor.role, action: command.action }));
  }
  if (!(row.from as readonly string[]).includes(warning.status)) {
    const allowed = WARNING_ACTION_NAMES.filter((a) =>
      (WARNING_ACTIONS[a].from as readonly string[]).includes(warning.status),
    );
    throw new IllegalTransitionError(warning.status, command.action, allowed);
  }
  return {
    ...warning,
    status: row.to,
    ...(command.action === 'DISPOSE' ? { disposition: command.disposition } : {}),
    ...(command.action === 'SUPPRESS'
      ? { suppression: { reason: command.reason, until: command.until, supervisor: actor.sub } }
      : {}),
    history: [...warning.history, { at: now, action: command.action, by: actor.sub }],
    updatedAt: now,
    version: warning.version + 1,
  };
}
