import * as z from 'zod/mini';
import type { Case } from '../case/model.ts';
import { isTerminal } from '../case/model.ts';
import type { Actor } from '../shared/actor.ts';
import { ForbiddenError, NotFoundError } from '../shared/errors.ts';
import { normaliseResidentId, residentIdCheckChar } from '../shared/identifiers.ts';
import { message } from '../shared/messages.ts';
import type { Page } from '../shared/page.ts';
import type { Clock } from '../shared/ports.ts';
import {
  DUPLICATE_DECISIONS,
  type DuplicateMarking,
  type DuplicatePair,
  type PossibleDuplicate,
} from './duplicate-model.ts';

export { DUPLICATE_DECISIONS, type DuplicateMarking, type DuplicatePair, type PossibleDuplicate };

/**
 * Duplicate filings found, never merged by a machine: the same worker's dispute with the same employer filed
 * twice (at two posts, or at a post and the arbitration institute). Each worker's ID number (check digit
 * validated, `x` upper-cased) with the employer's credit code (or a natural-person employer's ID number)
 * is hashed with a key that never leaves the key service (HMAC-SHA-256): an unkeyed hash of an ID number
 * is reversible by enumeration (about 10^11 candidates). The hash stays in the table; answers carry case
 * numbers and posts only, and a supervisor marks each pair SAME or DIFFERENT.
 */

/** How a filing asks for its duplicate markers: built from the case, stored in its transaction. */
export type MarkingFor = (c: Case) => DuplicateMarking | undefined;

/** The keyed hash of a worker-employer pair; the key service computes it. */
export interface DuplicateHasher {
  hash(inputs: readonly string[]): Promise<string[]>;
}

export interface DuplicateStore {
  /** The cases that carry any of these hashes, with whether each is still open. */
  casesWith(hashes: readonly string[]): Promise<readonly (PossibleDuplicate & { readonly open: boolean })[]>;
  pending(
    postId: string,
    page: { readonly limit: number; readonly cursor?: string },
  ): Promise<Page<DuplicatePair>>;
  /** Decides a pending pair of the post; null when there is none by that id. */
  decide(
    postId: string,
    pairId: string,
    decision: Pick<DuplicatePair, 'status' | 'decidedBy' | 'decidedAt' | 'note'>,
  ): Promise<DuplicatePair | null>;
}

export interface DuplicateDeps {
  readonly hasher: DuplicateHasher;
  readonly store: DuplicateStore;
  readonly clock: Clock;
  readonly newId: () => string;
}

/** The hash input of one worker with the employer, or null if the ID number's check digit is wrong. */
export function pairKey(idNumber: string, employerKey: string): string | null {
  const id = normaliseResidentId(idNumber);
  if (!/^\d{17}[\dX]$/.test(id) || residentIdCheckChar(id.slice(0, 17)) !== id[17]) return null;
  return `${id}|${employerKey}`;
}

/** The hash inputs of a case filed with clear values: each worker with the employer. */
export function pairKeys(c: Pick<Case, 'workers' | 'employer'>): string[] {
  const employer = c.employer.creditCode ?? c.employer.idNumber;
  if (!employer) return [];
  return [...new Set(c.workers.flatMap((w) => pairKey(w.idNumber, employer) ?? []))];
}

/**
 * Before filing: the open cases (at any post or partner) of the same workers against the same employer,
 * with their hashes for `markingFor`.
 */
export async function findDuplicates(
  deps: DuplicateDeps,
  c: Pick<Case, 'workers' | 'employer'>,
): Promise<Finding> {
  const keys = pairKeys(c);
  if (keys.length === 0) return { hashes: [], found: [] };
  const hashes = await deps.hasher.hash(keys);
  const found = (await deps.store.casesWith(hashes))
    .filter((d) => d.open)
    .map(({ caseId, caseNumber, postId }) => ({ caseId, caseNumber, postId }));
  return { hashes, found };
}

/** What `findDuplicates` found: the new case's hashes and the earlier open cases. */
export interface Finding {
  readonly hashes: readonly string[];
  readonly found: readonly PossibleDuplicate[];
}

/**
 * The filing's markers and pairs, for the case's own transaction (`CaseChange.duplicates`): the case is
 * marked with its hashes, and a pending pair per earlier open case goes to each post involved. A case
 * opened with no valid worker ID number is marked with nothing.
 */
export function markingFor(deps: Pick<DuplicateDeps, 'clock' | 'newId'>, finding: Finding): MarkingFor {
  return (c) => {
    if (finding.hashes.length === 0 || isTerminal(c.status)) return undefined;
    const filed = { caseId: c.caseId, caseNumber: c.caseNumber, postId: c.postId };
    const found = finding.found.filter((earlier) => earlier.caseId !== c.caseId);
    const foundAt = deps.clock.now();
    const pairs = found.flatMap((earlier) =>
      [...new Set([filed.postId, earlier.postId])].map(
        (postId): DuplicatePair => ({
          pairId: deps.newId(),
          postId,
          filed,
          earlier,
          foundAt,
          status: 'PENDING',
        }),
      ),
    );
    return { filed, hashes: finding.hashes, pairs, found };
  };
}

const supervisorOnly = (actor: Actor) => {
  if (actor.role !== 'supervisor') throw new ForbiddenError(message('duplicates.supervisorsOnly'));
};

/** `GET /duplicates`: the caller's post's pending pairs, oldest first, for its supervisors. */
export async function listDuplicates(
  deps: DuplicateDeps,
  actor: Actor,
  page: { readonly limit: number; readonly cursor?: string },
): Promise<Page<DuplicatePair>> {
  supervisorOnly(actor);
  return deps.store.pending(actor.postId, page);
}

export const markInput = () =>
  z.strictObject({
    decision: z.enum(DUPLICATE_DECISIONS),
    note: z.string().check(z.minLength(1), z.maxLength(1000)),
  });

/** `POST /duplicates/{pairId}`: a supervisor of the post marks a pending pair SAME or DIFFERENT, with a note. */
export async function markDuplicate(
  deps: DuplicateDeps,
  actor: Actor,
  pairId: string,
  input: z.output<ReturnType<typeof markInput>>,
): Promise<DuplicatePair> {
  supervisorOnly(actor);
  const decided = await deps.store.decide(actor.postId, pairId, {
    status: input.decision,
    decidedBy: actor.sub,
    decidedAt: deps.clock.now(),
    note: input.note,
  });
  if (!decided) throw new NotFoundError('duplicate pair', pairId);
  return decided;
}
