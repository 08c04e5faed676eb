import type { Case, CaseEvent, CaseEventType } from '../case/model.ts';
import type { HandoffRecord } from './model.ts';

/** The pipeline's own bookkeeping events, which are not part of the mediation record a partner gets. */
const PIPELINE_EVENTS: readonly CaseEventType[] = [
  'HANDOFF_RECEIVED',
  'HANDOFF_DELIVERED',
  'HANDOFF_FAILED',
  'HANDOFF_RETRIED',
];

/**
 * What a court or arbitration institute receives: the case facts, the parties (in full — the partner
 * needs them to docket the case), the claims and the mediation record (events, already redacted) up to
 * the action that requested the handoff, so a retry sends the same record.
 */
export function handoffPackage(c: Case, h: HandoffRecord, history: readonly CaseEvent[]) {
  const record = history.filter((e) => e.version <= h.requestedVersion && !PIPELINE_EVENTS.includes(e.type));
  return {
    type: 'labour-dispute.handoff',
    handoffId: h.handoffId,
    /** Orders one case's handoffs: the case version that requested this one. */
    sequence: h.requestedVersion,
    purpose: h.purpose,
    requestedAt: h.requestedAt,
    from: { postId: h.fromPostId },
    destination: h.destination,
    case: {
      caseId: c.caseId,
      caseNumber: c.caseNumber,
      origin: c.origin,
      status: c.status,
      summary: c.summary,
      collective: c.collective,
      newEmploymentForm: c.newEmploymentForm,
      platform: c.platform,
      createdAt: c.createdAt,
      mediationDueAt: c.mediationDueAt,
      agreement: c.agreement,
      outcome: c.outcome,
    },
    parties: { workers: c.workers, employer: c.employer },
    claims: c.claims,
    claimedFen: c.claimedFen,
    mediationRecord: record.map((e) => ({
      version: e.version,
      seq: e.seq,
      type: e.type,
      action: e.action,
      at: e.at,
      by: { role: e.actor.role, postId: e.actor.postId },
      from: e.from,
      to: e.to,
      payload: e.payload,
    })),
  };
}
