import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Sha256 } from '../../../domain/audit/chain.ts';
import { headAt } from './chain-items.ts';

/**
 * The chain heads a container saw when it read cases (the case item carries `chainHead`), for the writes
 * that follow the reads: an action, or a handoff's settlement, links its events after the head at the
 * version it read, with no read of its own. A version has exactly one head (the transaction that wrote the
 * version wrote it), so a remembered head is never stale for its version; a write replacing another
 * version reads the head (chain-items.ts `headAt`). Shared by the case and handoff repositories of a
 * container, by table and case; the oldest is forgotten past REMEMBERED_HEADS.
 */
const REMEMBERED_HEADS = 256;
const heads = new Map<string, { readonly version: number; readonly head: string }>();
const keyOf = (table: string, caseId: string) => `${table}\u0000${caseId}`;

/** Remembers the head an item read carries, when it carries one. */
export function rememberHead(table: string, item: Record<string, unknown>): void {
  if (typeof item.chainHead !== 'string' || typeof item.version !== 'number') return;
  const key = keyOf(table, String(item.caseId));
  heads.delete(key);
  heads.set(key, { version: item.version, head: item.chainHead });
  if (heads.size > REMEMBERED_HEADS) heads.delete(heads.keys().next().value as string);
}

/** Forgets a case's head once a write moved it on. */
export function forgetHead(table: string, caseId: string): void {
  heads.delete(keyOf(table, caseId));
}

/** The head of a case's chain at `version`: remembered from a read, or read. */
export function knownHeadAt(
  db: DynamoDBDocumentClient,
  table: string,
  sha256: Sha256,
  caseId: string,
  version: number,
): Promise<string> {
  const known = heads.get(keyOf(table, caseId));
  if (known?.version === version) return Promise.resolve(known.head);
  return headAt(db, table, sha256, caseId, version);
}
