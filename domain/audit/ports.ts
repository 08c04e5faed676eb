import type { Role } from '../shared/actor.ts';
import type { Page } from '../shared/page.ts';

/**
 * Every read on record (PIPL arts. 51, 54: measures to protect personal information and audits of its
 * handling): who read which case, through which view, when, and which fields were revealed in clear and why.
 */

/** The views a read of a case goes through. */
export const ACCESS_VIEWS = ['CASE', 'HISTORY', 'HANDOFFS', 'LIST', 'REVEAL', 'PROOF', 'ACCESS_LOG'] as const;
export type AccessView = (typeof ACCESS_VIEWS)[number];

/** Who read: the person's subject, role and post (as the token named them). */
export interface AccessActor {
  readonly sub: string;
  readonly role: Role;
  readonly postId: string;
}

/** One read of one case. */
export interface AccessRecord {
  readonly caseId: string;
  readonly actor: AccessActor;
  readonly view: AccessView;
  /** UTC ISO-8601 instant of the read. */
  readonly at: string;
  /** Fields shown in clear (a reveal): `workers[0].idNumber`, … */
  readonly fieldsRevealed?: readonly string[];
  /** Why the fields were revealed (a reveal's purpose, from its fixed list). */
  readonly purpose?: string;
}

/** Where access records go and come from. */
export interface AccessLog {
  /** Appends one record (one write). */
  recordAccess(record: AccessRecord): Promise<void>;
  /** Appends the records of one list read, batched (one batch write per 25 records). */
  recordAccesses(records: readonly AccessRecord[]): Promise<void>;
  /** A case's access records, newest first. An invalid cursor is a ValidationError on `cursor`. */
  listAccess(
    caseId: string,
    page: { readonly limit: number; readonly cursor?: string },
  ): Promise<Page<AccessRecord>>;
}

/** An access log that keeps nothing: for code paths (tools, tests) that read no person's request. */
export const NO_ACCESS_LOG: AccessLog = {
  recordAccess: async () => {},
  recordAccesses: async () => {},
  listAccess: async () => ({ items: [], nextCursor: null }),
};
