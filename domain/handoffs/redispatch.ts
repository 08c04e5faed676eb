import { HandoffStatusConflict } from './model.ts';
import type { HandoffDeps } from './ports.ts';
import { handoffEvent, settle } from './settle.ts';

/**
 * Dispatches again, through the outbox, every handoff still PENDING that was requested before `before`
 * and has seen no attempt since then: its stream record was lost (the relay was down longer than the
 * stream keeps records) or its message never arrived. A consumer that still holds the old dispatch
 * treats it as stale, so this cannot produce a second effect. Returns how many it dispatched again.
 */
export async function redispatchStale(deps: HandoffDeps, before: string, limit: number): Promise<number> {
  let redispatched = 0;
  for (const ref of await deps.handoffs.pendingHandoffs(before, limit)) {
    const outcome = await settle(deps, ref, ['PENDING'], (c, h, now) => {
      if (h.lastAttemptAt && h.lastAttemptAt >= before)
        throw new HandoffStatusConflict(h.handoffId, h.status);
      const { next, event } = handoffEvent(c, h, now, 'HANDOFF_RETRIED', {
        dispatch: h.dispatch + 1,
        reason: `still pending, requested ${h.requestedAt}`,
      });
      return { next, events: [event], handoff: { ...h, dispatch: h.dispatch + 1 } };
    });
    if (outcome === 'settled') redispatched++;
  }
  return redispatched;
}
