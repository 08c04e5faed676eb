import type { Case, CaseEvent, CaseEventType, Handoff, PartnerDecision } from '../case/model.ts';
import { isTerminal } from '../case/model.ts';
import type { CaseChange } from '../case/ports.ts';
import { shanghaiDate } from '../clocks/legal-time.ts';
import { outboxRecord } from '../handoffs/outbox.ts';
import type { Destination } from '../shared/destinations.ts';
import { IllegalTransitionError, ValidationError } from '../shared/errors.ts';
import { redactPersonalData } from '../shared/identifiers.ts';
import { message } from '../shared/messages.ts';
import { actionNameOf, parseCommand } from './command.ts';
import { clocksAfter, type Refusal, type TransitionContext } from './definition.ts';

import { ACTIONS, allowedActions } from './table.ts';

/** The periods whose end is shown as the case's `mediationDueAt`. */
const MEDIATION_PERIODS = new Set(['MEDIATION', 'COURT_DELEGATED_MEDIATION']);

/** A post or partner an accepted command names, which must exist before the change is stored. */
export interface Reference {
  readonly destination: Destination;
  /** The payload field that named it (the 422 names it). */
  readonly field: string;
}

/**
 * What an accepted command produces: the next case, its events and the outbox records they request, and
 * the destinations it names (the use case checks them against the directory before storing).
 */
export type Decision = CaseChange & { readonly references: readonly Reference[] };

/** A decision a partner reports is dated; a date in the future is a mistake, not a decision. */
function checkDecisionDate(payload: Record<string, unknown>, now: string): string | null {
  const date = payload.decidedOn ?? payload.servedOn;
  if (typeof date !== 'string') return null;
  if (date > shanghaiDate(now)) {
    throw ValidationError.field(payload.decidedOn ? 'decidedOn' : 'servedOn', message('field.notInFuture'));
  }
  return date;
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

/**
 * Applies one command to a case, purely: checks the table, the actor's role, the payload and the guard,
 * then returns the next case (version + 1), the events the action emits and the outbox record of the
 * handoff it requests. Throws a named DomainError and changes nothing when the command is refused.
 */
export function decide(current: Case, command: Record<string, unknown>, ctx: TransitionContext): Decision {
  const checked = actionNameOf(command.action);
  const definition = ACTIONS[checked];
  const role = ctx.actor.role;
  // Who may take the action comes first: a mediator trying a court's action learns that, whatever the
  // state (the state would be the wrong reason). The 409 lists what this caller's role may do now.
  if (!definition.roles.includes(role)) {
    throw new IllegalTransitionError(
      current.status,
      checked,
      allowedActions(current.status, role),
      message('action.roleMayNot', { role, action: checked, roles: definition.roles }),
      { role, roles: definition.roles },
    );
  }
  const rows = definition.rows.filter((row) => row.from.includes(current.status));
  if (rows.length === 0 || isTerminal(current.status)) {
    throw new IllegalTransitionError(current.status, checked, allowedActions(current.status, role));
  }

  const { payload } = parseCommand(command);
  const decidedOn = checkDecisionDate(payload, ctx.now);
  let firstRefusal: Refusal | null = null;
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
    fromStatus: current.status,
    status: 'PENDING',
  };
  const version = current.version + 1;
  const decision: PartnerDecision | undefined =
    definition.callback && decidedOn
      ? {
          type: definition.callback,
          partnerId: ctx.actor.postId,
          reference: typeof payload.reference === 'string' ? payload.reference : null,
          decidedOn,
          version,
        }
      : undefined;
  const moved = patch.postId !== undefined && patch.postId !== current.postId;
  // A case that changes post takes its running clocks along: their items (which name the post) are rewritten.
  // A row that changes a clock itself (pauses, resumes, extends it: clocks/clock.ts) returns the clocks in
  // its patch; the table's starts and stops then apply to those.
  const counted = patch.clocks ? { ...current, clocks: patch.clocks } : current;
  const clocks = clocksAfter(definition, counted, payload, isTerminal(chosen.to), version, ctx).map((k) =>
    moved && k.status === 'RUNNING' && k.updatedVersion !== version ? { ...k, updatedVersion: version } : k,
  );
  const mediation = clocks.find(
    (c) => c.updatedVersion === version && c.status === 'RUNNING' && MEDIATION_PERIODS.has(c.clock),
  );
  const next: Case = {
    ...current,
    ...patch,
    ...(handoff ? { lastHandoff: handoff } : {}),
    ...(decision ? { decisions: [...(current.decisions ?? []), decision] } : {}),
    ...(mediation
      ? { mediationDueAt: mediation.dueAt, mediationDueAtProvisional: mediation.provisional }
      : {}),
    clocks,
    status: chosen.to,
    version,
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
        // An action may record what it decided instead of its bare payload (a warning; no agent's name).
        return {
          payload: redacted(definition.recorded ? definition.recorded(payload as never, next) : payload),
        };
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
  const references = handoff && spec ? [{ destination: handoff.destination, field: spec.field }] : [];
  return { next, events, outbox, references };
}
