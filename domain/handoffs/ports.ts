import type { Case, CaseEvent } from '../case/model.ts';
import type { CaseDeps } from '../case/ports.ts';
import type { DestinationKind, PartnerKind } from '../shared/destinations.ts';
import type { Page, PartitionPage } from '../shared/page.ts';
import type { HandoffRecord, HandoffRef, HandoffStatus } from './model.ts';

/** A case change, its events and the handoff's new state, stored in one transaction. */
export interface HandoffSettlement {
  readonly next: Case;
  readonly expectedVersion: number;
  readonly events: readonly CaseEvent[];
  readonly handoff: HandoffRecord;
  /** The statuses the stored handoff may have for the change to apply. */
  readonly from: readonly HandoffStatus[];
}

/** The outbox records. They are created with the action that requests them (CaseRepository). */
export interface HandoffRepository {
  /** One handoff, read consistently. */
  getHandoff(
    ref: Pick<HandoffRef, 'caseId' | 'handoffId' | 'requestedVersion'>,
  ): Promise<HandoffRecord | null>;
  /** One handoff by id alone (through an index, then read consistently). */
  findHandoff(handoffId: string): Promise<HandoffRecord | null>;
  /** A case's handoffs, oldest first; only those requested up to `untilVersion` when it is given. */
  listHandoffs(caseId: string, page: PartitionPage): Promise<Page<HandoffRecord>>;
  /**
   * Stores the case change, its events and the handoff's new state atomically. Throws
   * VersionConflictError when the case moved on, HandoffStatusConflict when the handoff left `from`.
   */
  settleHandoff(settlement: HandoffSettlement): Promise<void>;
  /**
   * Handoffs still PENDING whose sweep instant (`sweepFrom`, else `requestedAt`) is before `before`, the
   * earliest first (through an index), with their last attempt.
   */
  pendingHandoffs(
    before: string,
    limit: number,
  ): Promise<(HandoffRef & { readonly lastAttemptAt?: string | null })[]>;
  /**
   * The sweeper's own write, on the handoff alone (no case change, no event): sets `sweepFrom` and, when
   * `dispatch` is higher, dispatches it again (the stream publishes a new dispatch). Only while the handoff
   * is PENDING at `ref.dispatch`; false when it moved on.
   */
  sweepHandoff(
    ref: HandoffRef,
    change: { readonly dispatch: number; readonly sweepFrom: string },
  ): Promise<boolean>;
  /** Counts a delivery attempt on the handoff, with its error (null when it succeeded). */
  recordAttempt(ref: HandoffRef, at: string, error: string | null): Promise<void>;
}

/** What the handoff use cases are given. */
export interface HandoffDeps extends CaseDeps {
  readonly handoffs: HandoffRepository;
}

/** A court or arbitration institute that receives handoffs as signed webhooks. */
export interface Partner {
  readonly kind: PartnerKind;
  readonly id: string;
  readonly name: string;
  readonly endpoint: string;
  /** Outbound Standard Webhooks secrets, newest first; every one signs each delivery, so rotation works. */
  readonly secrets: readonly string[];
  /** Inbound: what the partner signs its callbacks with, newest first; never one of `secrets`. */
  readonly callbackSecrets: readonly string[];
  /** The union posts it may open cases at (the post–partner links); none when absent. */
  readonly posts?: readonly string[];
}

/** The registered partners. */
export interface PartnerDirectory {
  find(kind: PartnerKind, id: string): Promise<Partner | null>;
}

/** How one delivery to a partner ended. */
export type DeliveryOutcome =
  | { readonly kind: 'delivered'; readonly reference: string | null; readonly attempts: number }
  /** The partner refused the handoff (4xx, or a redirect): sending it again cannot help. */
  | { readonly kind: 'rejected'; readonly reason: string; readonly attempts: number }
  /** 5xx, timeouts, network errors, after every attempt this invocation could afford. */
  | { readonly kind: 'unavailable'; readonly reason: string; readonly attempts: number };

/** Sends a signed message to a partner; `webhook-id` = `messageId`, so the partner can discard repeats. */
export interface WebhookSender {
  send(
    partner: Partner,
    messageId: string,
    body: string,
    /** Told of each attempt's result (null when it succeeded). */
    onAttempt: (error: string | null) => Promise<void>,
  ): Promise<DeliveryOutcome>;
}

/** Puts a handoff on its destination's queue (the stream relay). */
export interface HandoffPublisher {
  publish(kind: DestinationKind, ref: HandoffRef): Promise<void>;
}

/** The dead-letter queues of the handoff pipeline, as the admin's redrive sees them. */
export interface DeadLetters {
  /** Moves up to `limit` parked messages back to their queue; returns how many moved. */
  redrive(kind: DestinationKind, limit: number): Promise<number>;
}
