import type { Case, CaseEvent, CaseEventType } from '../case/model.ts';
import type { HandoffRecord } from './model.ts';

/** The pipeline's own bookkeeping events, which are not part of the mediation record a partner gets. */
const PIPELINE_EVENTS: readonly CaseEventType[] = [
  'HANDOFF_RECEIVED',
  'HANDOFF_DELIVERED',
  'HANDOFF_FAILED',
  'HANDOFF_RETRIED',
];

/** What a handoff of one purpose carries besides the case facts and claims, and the law that says so. */
export interface HandoffContents {
  /** The workers and the employer in full (names, ID numbers, phones). */
  readonly parties: boolean;
  /** The mediation record (events, redacted) up to the requesting action. */
  readonly record: boolean;
  readonly basis: string;
}

/**
 * Each purpose carries the parties' personal data only where the law routes the matter to that partner
 * with them (PIPL arts. 6, 13: no more than the purpose needs), and the mediation record only where the
 * partner goes on from the mediation. A purpose not listed (a stored handoff of a purpose since retired)
 * carries neither.
 */
export const HANDOFF_CONTENTS: Readonly<Record<string, HandoffContents>> = {
  TRANSFER: {
    parties: true,
    record: true,
    basis: 'the receiving union post takes the case over and mediates it on (LDMAL arts. 10, 12)',
  },
  ARBITRATION_APPLICATION: {
    parties: true,
    record: true,
    basis:
      'LDMAL art. 28: the application names the parties; the institute goes on from the failed mediation',
  },
  LITIGATION_FILING: {
    parties: true,
    record: true,
    basis:
      "CPL art. 124: the complaint names the parties; a delegated case goes back to its court with the mediation's record",
  },
  JUDICIAL_CONFIRMATION: {
    parties: true,
    record: true,
    basis:
      'CPL arts. 205–206: the parties apply jointly; the court checks the agreement was reached freely and lawfully',
  },
  ARBITRAL_REVIEW: {
    parties: true,
    record: true,
    basis:
      'MOHRSS Rules 2017 arts. 74–77: the parties apply jointly; the institute checks the agreement was reached freely and lawfully',
  },
  PAYMENT_ORDER: {
    parties: true,
    record: false,
    basis:
      'CPL art. 225: the application states the creditor, the debtor and the debt with its basis (the agreement); the court does not hear the mediation',
  },
  ENFORCEMENT: {
    parties: true,
    record: false,
    basis:
      'CPL arts. 235, 247: the application names the applicant and the person subject to enforcement and rests on the enforceable title (its reference in `decisions`), not on the mediation',
  },
};

const NOTHING: HandoffContents = { parties: false, record: false, basis: 'no purpose in force' };

/**
 * What a court or arbitration institute receives: the case facts, the claims, the partner decisions so far
 * (the enforceable titles an enforcement rests on), and — as HANDOFF_CONTENTS says for the purpose — the
 * parties in full and the mediation record (events, already redacted) up to the action that requested the
 * handoff, so a retry sends the same record. `parties` is null and `mediationRecord` empty where the
 * purpose carries none.
 */
export function handoffPackage(c: Case, h: HandoffRecord, history: readonly CaseEvent[]) {
  const contents = HANDOFF_CONTENTS[h.purpose] ?? NOTHING;
  const record = contents.record
    ? history.filter((e) => e.version <= h.requestedVersion && !PIPELINE_EVENTS.includes(e.type))
    : [];
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
      award: c.award,
      decisions: (c.decisions ?? []).filter((d) => d.version <= h.requestedVersion),
      // For the institute to weigh: the limitation seemed to have ended at referral (LDMAL art. 27).
      limitationWarning: c.limitationWarning ?? null,
    },
    // Who acts for whom goes with the parties (LDMAL arts. 7, 24–25); older cases recorded none.
    parties: contents.parties
      ? {
          workers: c.workers,
          employer: c.employer,
          ...(c.representatives ? { representatives: c.representatives } : {}),
          ...(c.agents?.length ? { agents: c.agents } : {}),
        }
      : null,
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
