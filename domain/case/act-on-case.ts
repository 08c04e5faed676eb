import type { Reference } from '../lifecycle/decide.ts';
import { decide } from '../lifecycle/decide.ts';
import type { Actor } from '../shared/actor.ts';
import { UnknownReferenceError, VersionConflictError } from '../shared/errors.ts';
import { loadVisible } from './access.ts';
import type { Case } from './model.ts';
import type { CaseDeps, ReceiptFor } from './ports.ts';

/**
 * Applies a lifecycle action (lifecycle/table.ts) to a case the actor can see. `expectedVersion` is the
 * caller's If-Match: when it is stale nothing happens and VersionConflictError says so. Two concurrent
 * actions on one version cannot both win: the store accepts only the first. The case, its events and the
 * outbox record of any handoff the action requests are stored together or not at all.
 */
export async function actOnCase(
  deps: CaseDeps,
  actor: Actor,
  caseId: string,
  command: Record<string, unknown>,
  expectedVersion?: number,
  options: {
    readonly receipt?: ReceiptFor;
    readonly admit?: (c: Case) => boolean;
    /** Throws when the case, as read, refuses this actor now (a partner whose handoff has not arrived). */
    readonly check?: (c: Case) => void;
  } = {},
): Promise<Case> {
  for (let attempt = 1; ; attempt++) {
    const current = await loadVisible(deps.cases, actor, caseId, options.admit);
    options.check?.(current);
    if (expectedVersion !== undefined && expectedVersion !== current.version) {
      throw new VersionConflictError(expectedVersion, current.version, true);
    }
    const decision = decide(current, command, {
      now: deps.clock.now(),
      actor,
      periods: deps.periods,
      calendar: deps.calendar,
      newHandoffId: () => deps.ids.handoffId(),
    });
    await checkReferences(deps, decision.references);
    const { references: _checked, ...change } = decision;
    try {
      const receipt = options.receipt?.(decision.next);
      await deps.cases.save(receipt ? { ...change, receipt } : change, current.version);
      return decision.next;
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      // Without If-Match the caller named no version: a change that landed meanwhile (most often the
      // pipeline recording a delivery) is not a conflict of theirs, so decide again on the fresh case.
      if (expectedVersion === undefined && attempt < UNASSERTED_RETRIES) continue;
      throw new VersionConflictError(current.version, undefined, expectedVersion !== undefined);
    }
  }
}

const UNASSERTED_RETRIES = 4;

const NAMES = { UNION_POST: 'union post', COURT: 'court', ARBITRATION: 'arbitration institute' } as const;

/**
 * A handoff to a post or partner that does not exist would only fail later, in the pipeline: refuse it now,
 * naming the field (422).
 */
export async function checkReferences(deps: CaseDeps, references: readonly Reference[]): Promise<void> {
  for (const { destination, field } of references) {
    if (!(await deps.directory.knows(destination))) {
      throw new UnknownReferenceError(field, `no ${NAMES[destination.kind]} ${destination.id} is registered`);
    }
  }
}
