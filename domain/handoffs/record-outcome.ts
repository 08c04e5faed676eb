import type { HandoffRef, Settlement } from './model.ts';
import type { HandoffDeps } from './ports.ts';
import { handoffEvent, type KnownState, settle } from './settle.ts';

/** A partner acknowledged the handoff: HANDOFF_DELIVERED with its reference, once. */
export async function recordDelivery(
  deps: HandoffDeps,
  ref: HandoffRef,
  partnerReference: string | null,
  known?: KnownState,
): Promise<Settlement> {
  return settle(
    deps,
    ref,
    ['PENDING', 'FAILED'],
    (c, h, now) => {
      const { next, event } = handoffEvent(c, h, now, 'HANDOFF_DELIVERED', {
        partnerReference,
        destination: h.destination,
      });
      return {
        next,
        events: [event],
        handoff: { ...h, status: 'DELIVERED', deliveredAt: now, partnerReference, lastError: null },
      };
    },
    known,
  );
}

/** The handoff could not be delivered (the partner refused it, or retries ran out): FAILED, visible. */
export async function recordFailure(deps: HandoffDeps, ref: HandoffRef, reason: string): Promise<Settlement> {
  return settle(deps, ref, ['PENDING'], (c, h, now) => {
    const { next, event } = handoffEvent(c, h, now, 'HANDOFF_FAILED', { reason, attempts: h.attempts });
    return { next, events: [event], handoff: { ...h, status: 'FAILED', failedAt: now, lastError: reason } };
  });
}
