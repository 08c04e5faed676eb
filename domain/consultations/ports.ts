import type { CaseChange, CommandReceipt } from '../case/ports.ts';
import type { Directory } from '../directory/ports.ts';
import type { Page } from '../shared/page.ts';
import type { Clock } from '../shared/ports.ts';
import type { Consultation } from './model.ts';

/** How a caller asks for a receipt: built from the consultation the command stores. */
export type ConsultationReceiptFor = (next: Consultation) => CommandReceipt;

/** A page of a post's consultations, newest first. */
export interface ConsultationListQuery {
  readonly postId: string;
  readonly limit: number;
  readonly cursor?: string;
}

/**
 * Persistence of consultations. Every write is all or nothing: a consultation with its receipt, or a case
 * opened from a consultation with the consultation's mark.
 */
export interface ConsultationRepository {
  /**
   * Stores a new consultation (and the receipt of its command); throws CommandAlreadyDone, storing nothing,
   * when the receipt's id is already taken.
   */
  create(consultation: Consultation, receipt?: CommandReceipt): Promise<void>;
  get(consultationId: string): Promise<Consultation | null>;
  /** A post's consultations, newest first by when they took place; a tampered cursor is a 400 on `cursor`. */
  listByPost(query: ConsultationListQuery): Promise<Page<Consultation>>;
  /**
   * Stores the case change (a new case, its events and receipt) and the consultation marked CASE_OPENED in
   * one transaction, if the consultation is still at `expectedVersion`: otherwise VersionConflictError and
   * nothing is stored (a receipt already taken: CommandAlreadyDone).
   */
  openCase(change: CaseChange, marked: Consultation, expectedVersion: number): Promise<void>;
}

/** What the consultation use cases are given. */
export interface ConsultationDeps {
  readonly consultations: ConsultationRepository;
  readonly directory: Directory;
  readonly clock: Clock;
  readonly ids: { consultationId(): string };
}
