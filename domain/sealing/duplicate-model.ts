/**
 * What duplicate filings store and show (domain/sealing/duplicates.ts): kept apart from the use cases so the
 * case repository's change can carry a filing's markers without importing them.
 */

/** A case that may be the same dispute: what an answer shows of it (case number and post, never a hash). */
export interface PossibleDuplicate {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly postId: string;
}

export const DUPLICATE_DECISIONS = ['SAME', 'DIFFERENT'] as const;

/** A pair for a post's supervisors to review. */
export interface DuplicatePair {
  readonly pairId: string;
  readonly postId: string;
  readonly filed: PossibleDuplicate;
  readonly earlier: PossibleDuplicate;
  readonly foundAt: string;
  readonly status: 'PENDING' | (typeof DUPLICATE_DECISIONS)[number];
  readonly decidedBy?: string;
  readonly decidedAt?: string;
  readonly note?: string;
}

/**
 * What an opened case writes in its own transaction: a marker per keyed hash (the case found by it later)
 * and a pending pair per earlier open case for each post involved, so a case never exists without them.
 */
export interface DuplicateMarking {
  readonly filed: PossibleDuplicate;
  readonly hashes: readonly string[];
  readonly pairs: readonly DuplicatePair[];
  /** What the filing's answer names: the earlier open cases (stored with an idempotency receipt). */
  readonly found: readonly PossibleDuplicate[];
}
