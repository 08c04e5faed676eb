import type { Actor } from '../shared/actor.ts';
import { ForbiddenError, IllegalTransitionError, NotFoundError } from '../shared/errors.ts';
import type { HandoffRecord } from './model.ts';
import { overtakenBy } from './overtaken.ts';
import type { HandoffDeps } from './ports.ts';
import { handoffEvent, settle } from './settle.ts';

/**
 * An admin sends a FAILED handoff again. The retry goes through the outbox like the first dispatch: the
 * record returns to PENDING with the next dispatch number, and the relay publishes it. Refused when the
 * handoff is not FAILED, or when a later handoff of the case to the same destination was delivered first.
 */
export async function retryHandoff(
  deps: HandoffDeps,
  actor: Actor,
  handoffId: string,
): Promise<HandoffRecord> {
  if (actor.role !== 'admin') throw new ForbiddenError('only an admin retries a handoff');
  const found = await deps.handoffs.findHandoff(handoffId);
  if (!found) throw new NotFoundError('handoff', handoffId);
  if (found.status !== 'FAILED') {
    throw new IllegalTransitionError(
      found.status,
      'RETRY_HANDOFF',
      [],
      `handoff is ${found.status}, not FAILED`,
    );
  }
  const overtaken = await overtakenBy(deps.handoffs, found);
  if (overtaken) throw new IllegalTransitionError(found.status, 'RETRY_HANDOFF', [], overtaken);
  let retried: HandoffRecord | undefined;
  const outcome = await settle(deps, found, ['FAILED'], (c, h, now) => {
    const { next, event } = handoffEvent(c, h, now, 'HANDOFF_RETRIED', { dispatch: h.dispatch + 1 });
    // The sweeper's stale clock restarts now: a retried handoff is not stale the moment it is retried.
    retried = { ...h, status: 'PENDING', dispatch: h.dispatch + 1, failedAt: null, sweepFrom: now };
    return { next, events: [{ ...event, actor }], handoff: retried };
  });
  if (outcome === 'duplicate' || !retried) {
    throw new IllegalTransitionError('PENDING', 'RETRY_HANDOFF', [], 'the handoff is no longer FAILED');
  }
  return retried;
}
