import type { HolidayCalendar } from '../clocks/calendar.ts';
import type { StatutoryPeriods } from '../clocks/periods.ts';
import type { HandoffRecord } from '../handoffs/model.ts';
import type { Page, PartitionPage } from '../shared/page.ts';
import type { Clock, IdGenerator } from '../shared/ports.ts';
import type { Case, CaseEvent, CaseStatus, CaseSummary } from './model.ts';

export interface ListQuery {
  readonly postId: string;
  readonly status?: CaseStatus;
  readonly limit: number;
  readonly cursor?: string;
}

/**
 * One change to a case: its next state, the events it appends and the handoff outbox records it requests.
 * A repository stores all of it or none of it.
 */
export interface CaseChange {
  readonly next: Case;
  readonly events: readonly CaseEvent[];
  readonly outbox: readonly HandoffRecord[];
}

/** Persistence of cases and their event history. */
export interface CaseRepository {
  /** The next number in a post's yearly sequence; atomic, gaps allowed, never reused. */
  allocateCaseSequence(postId: string, year: number): Promise<number>;
  /** Stores a new case with its first events and outbox records, atomically; fails if the id exists. */
  create(change: CaseChange): Promise<void>;
  get(caseId: string): Promise<Case | null>;
  /**
   * Stores the change (case, events, outbox records) if, and only if, the stored version is still
   * `expectedVersion`; otherwise throws VersionConflictError and stores nothing.
   */
  save(change: CaseChange, expectedVersion: number): Promise<void>;
  /** A post's cases, newest first. An invalid or tampered cursor is a ValidationError on `cursor`. */
  listByPost(query: ListQuery): Promise<Page<CaseSummary>>;
  /** A case's events, oldest first; only those of versions up to `untilVersion` when it is given. */
  history(caseId: string, page: PartitionPage): Promise<Page<CaseEvent>>;
  /** Every event of a case up to a version, oldest first (the record a handoff package carries). */
  eventsUpTo(caseId: string, untilVersion: number): Promise<CaseEvent[]>;
}

/** What the case use cases are given. */
export interface CaseDeps {
  readonly cases: CaseRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly periods: StatutoryPeriods;
  readonly calendar: HolidayCalendar;
}
