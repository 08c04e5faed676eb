import type { Case } from '../case/model.ts';
import { startClock, startedVersion } from '../clocks/clock.ts';
import { shanghaiDate } from '../clocks/legal-time.ts';
import type { CaseClock } from '../clocks/model.ts';
import type { HandoffRecord, HandoffRef, Settlement } from './model.ts';
import type { HandoffDeps } from './ports.ts';
import { handoffEvent, type KnownState, settle } from './settle.ts';

/**
 * LDMAL art. 29: the institute decides acceptance within 5 days of *receiving* the application, so the
 * acceptance clock starts on the Shanghai date the referral was delivered to it, not on the referral.
 * Null when the delivery is not a pending referral's, or its clock already runs (a case referred before
 * this rule started it on the referral, and keeps it).
 */
function acceptanceClocks(
  deps: HandoffDeps,
  c: Case,
  h: HandoffRecord,
  version: number,
  now: string,
): CaseClock[] | null {
  if (h.destination.kind !== 'ARBITRATION' || h.purpose !== 'ARBITRATION_APPLICATION') return null;
  if (c.status !== 'ARBITRATION_PENDING' || c.lastHandoff?.handoffId !== h.handoffId) return null;
  const clocks = c.clocks ?? [];
  const started = clocks.some(
    (k) => k.clock === 'ARBITRATION_ACCEPTANCE' && startedVersion(k) >= h.requestedVersion,
  );
  if (started) return null;
  const period = deps.periods.ARBITRATION_ACCEPTANCE;
  return [...clocks, startClock(period, shanghaiDate(now), version, deps.calendar)];
}

/**
 * A partner acknowledged the handoff: HANDOFF_DELIVERED with its reference, once. A referral delivered to
 * the arbitration institute starts its acceptance clock (LDMAL art. 29, see acceptanceClocks).
 */
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
      const clocks = acceptanceClocks(deps, c, h, next.version, now);
      return {
        next: clocks ? { ...next, clocks } : next,
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
