import type { Actor, Case, CaseEvent, CaseEventType, Handoff, PartnerKind } from './case.ts';
import { readRecord } from './cases.ts';
import { decide } from './decide.ts';
import { ForbiddenError, IllegalTransitionError, NotFoundError, VersionConflictError } from './errors.ts';
import type { CaseDeps, Page } from './ports.ts';

/**
 * Handoffs out of a post: to another union post, to a labour arbitration institute or to a court. The
 * action that requests one stores it as an outbox record in the same transaction as the state change;
 * the pipeline (stream relay → FIFO queue → consumer) delivers it, and the consumer settles it here.
 * Every settlement is guarded by the handoff's status, so a redelivered message has no second effect.
 */

export const HANDOFF_STATUSES = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export type HandoffStatus = (typeof HANDOFF_STATUSES)[number];

export interface HandoffRecord {
  readonly handoffId: string;
  readonly caseId: string;
  /** The case version whose action requested the handoff; orders a case's handoffs. */
  readonly requestedVersion: number;
  readonly destination: Handoff['destination'];
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
}

/** What a queue message carries: a pointer to the outbox record, never the case's personal data. */
export interface HandoffRef {
  readonly caseId: string;
  readonly handoffId: string;
  readonly requestedVersion: number;
  readonly dispatch: number;
}

/** The settlement's guard failed: the handoff is no longer in a status this change may leave. */
export class HandoffStatusConflict extends Error {
  readonly status: HandoffStatus | null;
  constructor(handoffId: string, status: HandoffStatus | null) {
    super(`handoff ${handoffId} is ${status ?? 'missing'}`);
    this.name = 'HandoffStatusConflict';
    this.status = status;
  }
}

/** The outbox record that a HANDOFF_REQUESTED event implies; stored with the event, atomically. */
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

export const refOf = (h: HandoffRecord): HandoffRef => ({
  caseId: h.caseId,
  handoffId: h.handoffId,
  requestedVersion: h.requestedVersion,
  dispatch: h.dispatch,
});

/** The pipeline acts as this system actor on the case. */
export const PIPELINE_ACTOR: Actor = { sub: 'handoff-pipeline', role: 'system', postId: 'SYSTEM' };

export type Settlement = 'settled' | 'duplicate';

/** A case change, its events and the handoff's new state, stored in one transaction. */
export interface HandoffSettlement {
  readonly next: Case;
  readonly expectedVersion: number;
  readonly events: readonly CaseEvent[];
  readonly handoff: HandoffRecord;
  /** The statuses the stored handoff may have for the change to apply. */
  readonly from: readonly HandoffStatus[];
}

const CONFLICT_RETRIES = 5;

/**
 * Runs a settlement against the latest case, again when a concurrent action moved the case on. Returns
 * 'duplicate' when the handoff had already left the statuses `from` — the effect happened before.
 */
async function settle(
  deps: CaseDeps,
  ref: Pick<HandoffRef, 'caseId' | 'handoffId' | 'requestedVersion'>,
  from: readonly HandoffStatus[],
  build: (c: Case, h: HandoffRecord, now: string) => Omit<HandoffSettlement, 'expectedVersion' | 'from'>,
): Promise<Settlement> {
  for (let attempt = 1; ; attempt++) {
    const h = await deps.repo.getHandoff(ref);
    if (!h) throw new NotFoundError('handoff', ref.handoffId);
    if (!from.includes(h.status)) return 'duplicate';
    const c = await deps.repo.get(ref.caseId);
    if (!c) throw new NotFoundError('case', ref.caseId);
    try {
      await deps.repo.settleHandoff({ ...build(c, h, deps.clock.now()), expectedVersion: c.version, from });
      return 'settled';
    } catch (error) {
      if (error instanceof HandoffStatusConflict) return 'duplicate';
      if (!(error instanceof VersionConflictError) || attempt >= CONFLICT_RETRIES) throw error;
    }
  }
}

function handoffEvent(
  c: Case,
  h: HandoffRecord,
  now: string,
  type: CaseEventType,
  payload: Record<string, unknown>,
): { next: Case; event: CaseEvent } {
  const next: Case = { ...c, version: c.version + 1, updatedAt: now };
  const event: CaseEvent = {
    caseId: c.caseId,
    version: next.version,
    seq: 0,
    type,
    action: type,
    actor: PIPELINE_ACTOR,
    at: now,
    from: c.status,
    to: c.status,
    payload,
    handoff: { handoffId: h.handoffId, destination: h.destination, purpose: h.purpose },
  };
  return { next, event };
}

/**
 * A union post takes over a transferred case: the case moves to the receiving post's inbox (FILED there,
 * unassigned), the sending post keeps read access to the history, and HANDOFF_RECEIVED is recorded.
 * Refused (IllegalTransitionError) when the case no longer awaits this transfer.
 */
export async function receiveTransfer(deps: CaseDeps, ref: HandoffRef): Promise<Settlement> {
  return settle(deps, ref, ['PENDING', 'FAILED'], (c, h, now) => {
    if (c.status !== 'TRANSFER_PENDING' || c.lastHandoff?.handoffId !== h.handoffId) {
      throw new IllegalTransitionError(
        c.status,
        'ACCEPT_TRANSFER',
        [],
        'the case no longer awaits this transfer',
      );
    }
    const decision = decide(
      c,
      { action: 'ACCEPT_TRANSFER' },
      {
        now,
        actor: PIPELINE_ACTOR,
        policy: deps.policy,
        calendar: deps.calendar,
        newHandoffId: () => deps.ids.handoffId(),
      },
    );
    const base = decision.events[0] as CaseEvent;
    const received: CaseEvent = {
      ...base,
      seq: 1,
      type: 'HANDOFF_RECEIVED',
      payload: { fromPostId: h.fromPostId, toPostId: decision.next.postId },
      handoff: { handoffId: h.handoffId, destination: h.destination, purpose: h.purpose },
    };
    return {
      next: decision.next,
      events: [...decision.events, received],
      handoff: { ...h, status: 'DELIVERED', deliveredAt: now, lastError: null },
    };
  });
}

/** A partner acknowledged the handoff: HANDOFF_DELIVERED with its reference, once. */
export async function recordDelivery(
  deps: CaseDeps,
  ref: HandoffRef,
  partnerReference: string | null,
): Promise<Settlement> {
  return settle(deps, ref, ['PENDING', 'FAILED'], (c, h, now) => {
    const { next, event } = handoffEvent(c, h, now, 'HANDOFF_DELIVERED', {
      partnerReference,
      destination: h.destination,
    });
    return {
      next,
      events: [event],
      handoff: { ...h, status: 'DELIVERED', deliveredAt: now, partnerReference, lastError: null },
    };
  });
}

/** The handoff could not be delivered (the partner refused it, or retries ran out): FAILED, visible. */
export async function recordFailure(deps: CaseDeps, ref: HandoffRef, reason: string): Promise<Settlement> {
  return settle(deps, ref, ['PENDING'], (c, h, now) => {
    const { next, event } = handoffEvent(c, h, now, 'HANDOFF_FAILED', { reason, attempts: h.attempts });
    return { next, events: [event], handoff: { ...h, status: 'FAILED', failedAt: now, lastError: reason } };
  });
}

/**
 * Why a handoff may no longer be delivered: a later handoff of the same case to the same destination has
 * already arrived, so delivering this one now would break the case's order. Null when it may go.
 */
export async function overtakenBy(deps: CaseDeps, h: HandoffRecord): Promise<string | null> {
  const { items } = await deps.repo.listHandoffs(h.caseId, { limit: 100 });
  const later = items.find(
    (x) =>
      x.requestedVersion > h.requestedVersion &&
      x.status === 'DELIVERED' &&
      x.destination.kind === h.destination.kind &&
      x.destination.id === h.destination.id,
  );
  return later
    ? `overtaken: the case's later handoff ${later.handoffId} to ${h.destination.id} was delivered first`
    : null;
}

/**
 * An admin sends a FAILED handoff again. The retry goes through the outbox like the first dispatch: the
 * record returns to PENDING with the next dispatch number, and the relay publishes it.
 */
export async function retryHandoff(deps: CaseDeps, actor: Actor, handoffId: string): Promise<HandoffRecord> {
  if (actor.role !== 'admin') throw new ForbiddenError('only an admin retries a handoff');
  const found = await deps.repo.findHandoff(handoffId);
  if (!found) throw new NotFoundError('handoff', handoffId);
  if (found.status !== 'FAILED') {
    throw new IllegalTransitionError(
      found.status,
      'RETRY_HANDOFF',
      [],
      `handoff is ${found.status}, not FAILED`,
    );
  }
  const overtaken = await overtakenBy(deps, found);
  if (overtaken) throw new IllegalTransitionError(found.status, 'RETRY_HANDOFF', [], overtaken);
  let retried: HandoffRecord | undefined;
  const outcome = await settle(deps, found, ['FAILED'], (c, h, now) => {
    const { next, event } = handoffEvent(c, h, now, 'HANDOFF_RETRIED', { dispatch: h.dispatch + 1 });
    retried = { ...h, status: 'PENDING', dispatch: h.dispatch + 1, failedAt: null };
    return { next, events: [{ ...event, actor }], handoff: retried };
  });
  if (outcome === 'duplicate' || !retried) {
    throw new IllegalTransitionError('PENDING', 'RETRY_HANDOFF', [], 'the handoff is no longer FAILED');
  }
  return retried;
}

/**
 * A case's handoffs, oldest first, with status and attempts. The owning post sees them all, a post that
 * handed the case on those up to its handover (as with the history); anyone else gets NotFoundError.
 */
export async function listHandoffs(
  deps: CaseDeps,
  actor: Actor,
  caseId: string,
  page: { limit?: number; cursor?: string },
): Promise<Page<HandoffRecord>> {
  return readRecord(deps, actor, caseId, page, (p) => deps.repo.listHandoffs(caseId, p));
}

/** The destination kinds that are partners outside the union, reached by signed webhook. */
export const PARTNER_KINDS: readonly PartnerKind[] = ['ARBITRATION', 'COURT'];

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

/**
 * Dispatches again, through the outbox, every handoff still PENDING that was requested before `before`
 * and has seen no attempt since then: its stream record was lost (the relay was down longer than the
 * stream keeps records) or its message never arrived. A consumer that still holds the old dispatch
 * treats it as stale, so this cannot produce a second effect. Returns how many it dispatched again.
 */
export async function redispatchStale(deps: CaseDeps, before: string, limit: number): Promise<number> {
  let redispatched = 0;
  for (const ref of await deps.repo.pendingHandoffs(before, limit)) {
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

/** The dead-letter queues of the handoff pipeline, as the admin's redrive sees them. */
export interface DeadLetters {
  /** Moves up to `limit` parked messages back to their queue; returns how many moved. */
  redrive(kind: PartnerKind, limit: number): Promise<number>;
}

/**
 * An admin sends the messages parked in a dead-letter queue back through the pipeline, after fixing what
 * made them fail (a partner's endpoint, a registry entry). Handoffs delivered meanwhile are skipped by
 * the consumer's guard.
 */
export async function redriveDeadLetters(
  actor: Actor,
  deadLetters: DeadLetters,
  kind: PartnerKind,
  limit: number,
): Promise<{ kind: PartnerKind; moved: number }> {
  if (actor.role !== 'admin') throw new ForbiddenError('only an admin redrives a dead-letter queue');
  return { kind, moved: await deadLetters.redrive(kind, limit) };
}
