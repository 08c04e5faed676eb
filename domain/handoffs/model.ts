import type { Actor } from '../shared/actor.ts';
import type { Destination } from '../shared/destinations.ts';

/**
 * Handoffs out of a post: to another union post, to a labour arbitration institute or to a court. The
 * action that requests one stores it as an outbox record in the same transaction as the state change;
 * the pipeline (stream relay → FIFO queue → consumer) delivers it, and a use case settles it. Every
 * settlement is guarded by the handoff's status, so a redelivered message has no second effect.
 */

export const HANDOFF_STATUSES = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export type HandoffStatus = (typeof HANDOFF_STATUSES)[number];

export interface HandoffRecord {
  readonly handoffId: string;
  readonly caseId: string;
  /** The case version whose action requested the handoff; orders a case's handoffs. */
  readonly requestedVersion: number;
  readonly destination: Destination;
  readonly purpose: string;
  readonly fromPostId: string;
  readonly requestedAt: string;
  readonly requestedBy: string;
  readonly status: HandoffStatus;
  /** Delivery attempts made so far (HTTP calls to a partner, takeovers by a post). */
  readonly attempts: number;
  /** 1 when requested; each retry by an admin dispatches it again. */
  readonly dispatch: number;
  readonly lastAttemptAt: string | null;
  readonly lastError: string | null;
  readonly deliveredAt: string | null;
  /** The receiving partner's reference for the handoff (a court or arbitration docket number). */
  readonly partnerReference: string | null;
  readonly failedAt: string | null;
  /**
   * Where the sweeper's stale clock starts: the request, or after a re-dispatch the end of its back-off, so
   * a handoff it already dispatched again moves behind the others (absent: `requestedAt`).
   */
  readonly sweepFrom?: string;
}

/** What a queue message carries: a pointer to the outbox record, never the case's personal data. */
export interface HandoffRef {
  readonly caseId: string;
  readonly handoffId: string;
  readonly requestedVersion: number;
  readonly dispatch: number;
}

export const refOf = (h: HandoffRef): HandoffRef => ({
  caseId: h.caseId,
  handoffId: h.handoffId,
  requestedVersion: h.requestedVersion,
  dispatch: h.dispatch,
});

/** The settlement's guard failed: the handoff is no longer in a status this change may leave. */
export class HandoffStatusConflict extends Error {
  readonly status: HandoffStatus | null;
  constructor(handoffId: string, status: HandoffStatus | null) {
    super(`handoff ${handoffId} is ${status ?? 'missing'}`);
    this.name = 'HandoffStatusConflict';
    this.status = status;
  }
}

/** The pipeline acts as this system actor on the case. */
export const PIPELINE_ACTOR: Actor = { sub: 'handoff-pipeline', role: 'system', postId: 'SYSTEM' };

/** Whether a settlement took effect now, or had taken effect before. */
export type Settlement = 'settled' | 'duplicate';

/**
 * How one delivery of a handoff message ended, for the queue consumer to answer the trigger:
 * - `settled`: the effect happened now; `duplicate`: it had happened before (or the message is stale);
 * - `failed`: it can never succeed as it stands — record the handoff FAILED and park the message;
 * - `retry`: a transient failure — the message comes back later.
 */
export type HandoffOutcome =
  | { readonly kind: 'settled' }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'failed'; readonly reason: string }
  | { readonly kind: 'retry'; readonly reason: string };
