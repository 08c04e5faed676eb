import { decide } from '../lifecycle/decide.ts';
import type { Actor } from '../shared/actor.ts';
import { VersionConflictError } from '../shared/errors.ts';
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
  options: { readonly receipt?: ReceiptFor } = {},
): Promise<Case> {
  const current = await loadVisible(deps.cases, actor, caseId);
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
  try {
    const receipt = options.receipt?.(decision.next);
    await deps.cases.save(receipt ? { ...decision, receipt } : decision, current.version);
  } catch (error) {
    if (error instanceof VersionConflictError) {
      throw new VersionConflictError(current.version, undefined, expectedVersion !== undefined);
    }
    throw error;
  }
  return decision.next;
}
