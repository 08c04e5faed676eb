import type { CaseEvent } from '../case/model.ts';
import type { HandoffRecord } from './model.ts';

/**
 * The outbox record that a HANDOFF_REQUESTED event requests. The decision that emits the event carries the
 * record, and the repository stores both in one transaction, so a handoff exists exactly when the action
 * that requested it does.
 */
export function outboxRecord(event: CaseEvent): HandoffRecord | null {
  if (event.type !== 'HANDOFF_REQUESTED' || !event.handoff) return null;
  return {
    handoffId: event.handoff.handoffId,
    caseId: event.caseId,
    requestedVersion: event.version,
    destination: event.handoff.destination,
    purpose: event.handoff.purpose,
    fromPostId: String(event.payload.fromPostId ?? event.actor.postId),
    requestedAt: event.at,
    requestedBy: event.actor.sub,
    status: 'PENDING',
    attempts: 0,
    dispatch: 1,
    lastAttemptAt: null,
    lastError: null,
    deliveredAt: null,
    partnerReference: null,
    failedAt: null,
  };
}
