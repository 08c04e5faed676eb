import type { HolidayCalendar } from '../clocks/calendar.ts';
import type { StatutoryPeriods } from '../clocks/periods.ts';
import type { Directory } from '../directory/ports.ts';
import type { HandoffRecord } from '../handoffs/model.ts';
import type { DuplicateMarking } from '../sealing/duplicate-model.ts';
import type { Page, PartitionPage } from '../shared/page.ts';
import type { Clock, IdGenerator } from '../shared/ports.ts';
import type { Case, CaseEvent, CaseStatus, CaseSummary } from './model.ts';

export interface ListQuery {
  readonly postId: string;
  readonly status?: CaseStatus;
  /**
   * The desk list: only cases with a running clock whose next end (`nextDueAt`) falls in this window
   * (ISO instants, either end open), soonest first.
   */
  readonly due?: { readonly after?: string; readonly until?: string };
  readonly limit: number;
  readonly cursor?: string;
}

/**
 * Proof that a command was carried out, stored in the same transaction as its effect, so a client's retry
 * of the same command (the same Idempotency-Key) finds it and gets the first answer back, and a crash can
 * never leave an effect without its receipt or a receipt without its effect.
 */
export interface CommandReceipt {
  /** The command's identity: the caller (subject, role, post), the route and the client's key, hashed. */
  readonly id: string;
  /** A hash of the validated command, to tell a retry from a different command under the same key. */
  readonly fingerprint: string;
  /** The answer to give again, as the adapter serialised it. */
  readonly result: string;
  /** When the receipt may be forgotten (epoch seconds). */
  readonly expiresAt: number;
}

/** The store already holds a live receipt with this id: the command was carried out before. */
export class CommandAlreadyDone extends Error {
  readonly receiptId: string;
  constructor(receiptId: string) {
    super('this command was already carried out');
    this.name = 'CommandAlreadyDone';
    this.receiptId = receiptId;
  }
}

/**
 * One change to a case: its next state, the events it appends, the handoff outbox records it requests and,
 * for a command sent with an idempotency key, its receipt. A repository stores all of it or none of it.
 */
export interface CaseChange {
  readonly next: Case;
  readonly events: readonly CaseEvent[];
  readonly outbox: readonly HandoffRecord[];
  readonly receipt?: CommandReceipt;
  /** A new case's duplicate markers and review pairs (domain/sealing/duplicates.ts), stored with it. */
  readonly duplicates?: DuplicateMarking;
}

/** How a caller asks for a receipt: built from the case the command produces, before it is stored. */
export type ReceiptFor = (next: Case) => CommandReceipt;

/** Persistence of cases and their event history. */
export interface CaseRepository {
  /** The next number in a post's yearly sequence; atomic, gaps allowed, never reused. */
  allocateCaseSequence(postId: string, year: number): Promise<number>;
  /**
   * Stores a new case with its first events, outbox records and receipt, atomically; fails if the id
   * exists, and throws CommandAlreadyDone (storing nothing) when the receipt's id is already taken.
   */
  create(change: CaseChange): Promise<void>;
  get(caseId: string): Promise<Case | null>;
  /**
   * Stores the change (case, events, outbox records, receipt) if, and only if, the stored version is still
   * `expectedVersion`; otherwise throws VersionConflictError and stores nothing. A receipt id already taken
   * is CommandAlreadyDone, and nothing is stored.
   */
  save(change: CaseChange, expectedVersion: number): Promise<void>;
  /** The case with this number (`QD-SN-01-2026-000042`), whichever post holds it now, as a list shows it. */
  findByNumber(caseNumber: string): Promise<CaseSummary | null>;
  /** A post's cases, newest first. An invalid or tampered cursor is a ValidationError on `cursor`. */
  listByPost(query: ListQuery): Promise<Page<CaseSummary>>;
  /** A case's events, oldest first; only those of versions up to `untilVersion` when it is given. */
  history(caseId: string, page: PartitionPage): Promise<Page<CaseEvent>>;
  /** Every event of a case up to a version, oldest first (the record a handoff package carries). */
  eventsUpTo(caseId: string, untilVersion: number): Promise<CaseEvent[]>;
}

/** What the case use cases are given. */
export interface CaseDeps {
  /** Which posts and partners exist: an action naming another is refused before anything is stored. */
  readonly directory: Directory;
  readonly cases: CaseRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly periods: StatutoryPeriods;
  readonly calendar: HolidayCalendar;
}
