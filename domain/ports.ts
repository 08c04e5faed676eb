import type { Case, CaseEvent, CaseStatus } from './case.ts';
import type { HandoffRecord, HandoffRef, HandoffSettlement } from './handoffs.ts';
import type { HolidayCalendar } from './legal-time.ts';
import type { LifecyclePolicy } from './lifecycle.ts';

/** A page of results and an opaque cursor for the next one (null on the last page). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** What a list shows: no worker names, ID numbers or phones. */
export type CaseSummary = Pick<
  Case,
  | 'caseId'
  | 'caseNumber'
  | 'postId'
  | 'origin'
  | 'status'
  | 'version'
  | 'createdAt'
  | 'updatedAt'
  | 'mediationDueAt'
  | 'mediatorId'
  | 'collective'
  | 'newEmploymentForm'
  | 'claimedFen'
> & { readonly employerName: string; readonly workerCount: number };

/** A page of a case's events or handoffs, optionally cut off after a case version. */
export interface PartitionPage {
  readonly limit: number;
  readonly cursor?: string;
  readonly untilVersion?: number;
}

export interface ListQuery {
  readonly postId: string;
  readonly status?: CaseStatus;
  readonly limit: number;
  readonly cursor?: string;
}

/** Persistence of cases and their event history. Implementations must make `save` atomic. */
export interface CaseRepository {
  /** The next number in a post's yearly sequence; atomic, gaps allowed, never reused. */
  allocateCaseSequence(postId: string, year: number): Promise<number>;
  /** Stores a new case and its first events; fails if the id exists. */
  create(c: Case, events: readonly CaseEvent[]): Promise<void>;
  get(caseId: string): Promise<Case | null>;
  /**
   * Stores the next state and its events if, and only if, the stored version is still `expectedVersion`;
   * otherwise throws VersionConflictError and stores nothing.
   */
  save(next: Case, expectedVersion: number, events: readonly CaseEvent[]): Promise<void>;
  /** A post's cases, newest first. An invalid or tampered cursor is a ValidationError on `cursor`. */
  listByPost(query: ListQuery): Promise<Page<CaseSummary>>;
  /** A case's events, oldest first; only those of versions up to `untilVersion` when it is given. */
  history(caseId: string, page: PartitionPage): Promise<Page<CaseEvent>>;

  // Handoffs. `create` and `save` store the outbox record of every HANDOFF_REQUESTED event they write,
  // in the same transaction.

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
  /** Handoffs still PENDING that were requested before the instant, oldest first (through an index). */
  pendingHandoffs(requestedBefore: string, limit: number): Promise<HandoffRef[]>;
  /** Counts a delivery attempt on the handoff, with its error (null when it succeeded). */
  recordAttempt(ref: HandoffRef, at: string, error: string | null): Promise<void>;
}

export interface Clock {
  /** The current instant as a UTC ISO-8601 string. */
  now(): string;
}

export interface IdGenerator {
  caseId(): string;
  handoffId(): string;
}

export interface CaseDeps {
  readonly repo: CaseRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly policy: LifecyclePolicy;
  readonly calendar: HolidayCalendar;
}
