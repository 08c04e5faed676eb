import type { Case, CaseEvent } from './case.ts';
import { ForbiddenError, IllegalTransitionError, ValidationError } from './errors.ts';
import { redactPersonalData } from './identifiers.ts';
import {
  ACTION_NAMES,
  ACTION_PAYLOADS,
  type ActionName,
  allowedActions,
  type Handoff,
  isTerminal,
  TRANSITIONS,
  type TransitionContext,
} from './lifecycle.ts';
import { parseOrThrow } from './validation.ts';

export interface Decision {
  readonly next: Case;
  readonly events: readonly CaseEvent[];
}

/** The payload as events record it: free text with ID and mobile numbers masked. */
function redacted(payload: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(payload).map(([key, value]) => [
      key,
      typeof value === 'string' ? redactPersonalData(value) : value,
    ]),
  );
}

const isActionName = (value: unknown): value is ActionName =>
  typeof value === 'string' && (ACTION_NAMES as string[]).includes(value);

/**
 * Applies one command to a case, purely: checks the state table, the actor's role, the payload and the
 * guard, then returns the next case (version + 1) and the events to append. Throws a named DomainError
 * and changes nothing when the command is refused.
 */
export function decide(current: Case, command: Record<string, unknown>, ctx: TransitionContext): Decision {
  const { action, ...rest } = command;
  if (!isActionName(action)) {
    throw ValidationError.field('action', `must be one of ${ACTION_NAMES.join(', ')}`);
  }
  const role = ctx.actor.role;
  const rows = TRANSITIONS.filter((t) => t.action === action && t.from.includes(current.status));
  if (rows.length === 0 || isTerminal(current.status)) {
    throw new IllegalTransitionError(current.status, action, allowedActions(current.status, role));
  }
  const permitted = rows.filter((t) => t.roles.includes(role));
  if (permitted.length === 0) throw new ForbiddenError(`role ${role} may not ${action}`);

  const payload = parseOrThrow(ACTION_PAYLOADS[action], rest) as never;
  let firstRefusal: string | null = null;
  const chosen = permitted.find((t) => {
    const refusal = t.guard?.(current, payload, ctx) ?? null;
    firstRefusal ??= refusal;
    return refusal === null;
  });
  if (!chosen) {
    throw new IllegalTransitionError(
      current.status,
      action,
      allowedActions(current.status, role),
      firstRefusal ?? undefined,
    );
  }

  const patch = chosen.apply?.(current, payload, ctx) ?? {};
  const spec = chosen.handoff?.(current, payload);
  const handoff: Handoff | undefined = spec && {
    handoffId: ctx.newHandoffId(),
    destination: { kind: spec.kind, id: spec.id },
    purpose: spec.purpose,
  };
  const next: Case = {
    ...current,
    ...patch,
    ...(handoff ? { lastHandoff: handoff } : {}),
    status: chosen.to,
    version: current.version + 1,
    updatedAt: ctx.now,
  };
  const base = { caseId: current.caseId, version: next.version, actor: ctx.actor, at: ctx.now, action };
  const events: CaseEvent[] = [
    {
      ...base,
      seq: 0,
      type: 'ACTION_APPLIED',
      from: current.status,
      to: next.status,
      payload: redacted(payload),
    },
  ];
  if (handoff) {
    events.push({
      ...base,
      seq: 1,
      type: 'HANDOFF_REQUESTED',
      from: current.status,
      to: next.status,
      payload: { fromPostId: current.postId },
      handoff,
    });
  }
  return { next, events };
}
