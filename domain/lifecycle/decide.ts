import type { Case, CaseEvent, CaseEventType, Handoff } from '../case/model.ts';
import { isTerminal } from '../case/model.ts';
import type { CaseChange } from '../case/ports.ts';
import { outboxRecord } from '../handoffs/outbox.ts';
import { ForbiddenError, IllegalTransitionError } from '../shared/errors.ts';
import { redactPersonalData } from '../shared/identifiers.ts';
import { actionNameOf, parseCommand } from './command.ts';
import type { TransitionContext } from './definition.ts';
import { ACTIONS, allowedActions } from './table.ts';

/** What an accepted command produces: the next case, its events and the outbox records they request. */
export type Decision = CaseChange;

/** The payload as events record it: free text with ID and mobile numbers masked. */
function redacted(payload: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(payload).map(([key, value]) => [
      key,
      typeof value === 'string' ? redactPersonalData(value) : value,
    ]),
  );
}

/**
 * Applies one command to a case, purely: checks the table, the actor's role, the payload and the guard,
 * then returns the next case (version + 1), the events the action emits and the outbox record of the
 * handoff it requests. Throws a named DomainError and changes nothing when the command is refused.
 */
export function decide(current: Case, command: Record<string, unknown>, ctx: TransitionContext): Decision {
  const checked = actionNameOf(command.action);
  const definition = ACTIONS[checked];
  const role = ctx.actor.role;
  const rows = definition.rows.filter((row) => row.from.includes(current.status));
  if (rows.length === 0 || isTerminal(current.status)) {
    throw new IllegalTransitionError(current.status, checked, allowedActions(current.status, role));
  }
  if (!definition.roles.includes(role)) throw new ForbiddenError(`role ${role} may not ${checked}`);

  const { payload } = parseCommand(command);
  let firstRefusal: string | null = null;
  const chosen = rows.find((row) => {
    const refusal = row.guard?.(current, payload, ctx) ?? null;
    firstRefusal ??= refusal;
    return refusal === null;
  });
  if (!chosen) {
    throw new IllegalTransitionError(
      current.status,
      checked,
      allowedActions(current.status, role),
      firstRefusal ?? undefined,
    );
  }

  const patch = chosen.apply?.(current, payload, ctx) ?? {};
  const spec = definition.handoff?.(current, payload);
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
  const base = {
    caseId: current.caseId,
    version: next.version,
    actor: ctx.actor,
    at: ctx.now,
    action: checked,
    from: current.status,
    to: next.status,
  };
  const eventOf = (type: CaseEventType): Pick<CaseEvent, 'payload' | 'handoff'> => {
    switch (type) {
      case 'ACTION_APPLIED':
        return { payload: redacted(payload) };
      case 'HANDOFF_REQUESTED':
        if (!handoff) throw new Error(`${checked} emits HANDOFF_REQUESTED but requested no handoff`);
        return { payload: { fromPostId: current.postId }, handoff };
      case 'HANDOFF_RECEIVED':
        if (!current.lastHandoff) throw new Error(`${checked} emits HANDOFF_RECEIVED without a handoff`);
        return {
          payload: { fromPostId: current.postId, toPostId: next.postId },
          handoff: current.lastHandoff,
        };
      default:
        throw new Error(`${checked} emits ${type}, which decide() does not build`);
    }
  };
  const events: CaseEvent[] = definition.emits.map((type, seq) => ({
    ...base,
    seq,
    type,
    ...eventOf(type),
  }));
  const outbox = events.flatMap((e) => outboxRecord(e) ?? []);
  return { next, events, outbox };
}
