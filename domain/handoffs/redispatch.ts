import type { HandoffDeps } from './ports.ts';

/** The longest a handoff waits between two re-dispatches by the sweeper. */
const MAX_BACKOFF_MS = 24 * 60 * 60 * 1000;

/**
 * Dispatches again, through the outbox, every handoff still PENDING that has waited `staleMs` since its
 * request — or since the end of its back-off, once the sweeper dispatched it again — with no attempt in that
 * time: its stream record was lost (the relay was down longer than the stream keeps records) or its message
 * never arrived. A consumer that still holds the old dispatch treats it as stale, so this cannot produce a
 * second effect. Each re-dispatch doubles the wait before the next (at most a day) and moves the handoff
 * behind the others, so one sweep after another pages past the oldest. It writes the handoff only: nothing a
 * mediator sees changes, so the case keeps its version. A handoff with a recent attempt (its consumer is on
 * it) is only moved back. Returns how many it dispatched again.
 */
export async function redispatchStale(
  deps: HandoffDeps,
  now: string,
  staleMs: number,
  limit: number,
): Promise<number> {
  const nowMs = Date.parse(now);
  const before = new Date(nowMs - staleMs).toISOString();
  let redispatched = 0;
  for (const ref of await deps.handoffs.pendingHandoffs(before, limit)) {
    const busy = ref.lastAttemptAt && ref.lastAttemptAt >= before;
    if (busy) {
      await deps.handoffs.sweepHandoff(ref, {
        dispatch: ref.dispatch,
        sweepFrom: ref.lastAttemptAt as string,
      });
      continue;
    }
    // After the n-th re-dispatch the next one waits staleMs · 2^n (the stale clock restarts at sweepFrom).
    const backoff = Math.min(staleMs * (2 ** ref.dispatch - 1), MAX_BACKOFF_MS);
    const sweepFrom = new Date(nowMs + backoff).toISOString();
    if (await deps.handoffs.sweepHandoff(ref, { dispatch: ref.dispatch + 1, sweepFrom })) redispatched++;
  }
  return redispatched;
}
