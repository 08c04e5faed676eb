import { type ChainLink, type Sha256, verifyChain } from './chain.ts';
import { type Checkpoint, leafData, treeHeadBytes } from './checkpoint.ts';
import { leafHash, treeHash } from './merkle.ts';

/** What verification of one case reads: its stored events, its head and the checkpoint holding it. */
export interface CaseEvidence {
  readonly caseId: string;
  readonly links: readonly ChainLink[];
  /** The head on the case item (null for a case not changed since the chain began). */
  readonly caseHead: string | null;
  readonly checkpoint: { readonly key: string; readonly checkpoint: Checkpoint } | null;
}

/** Checks a signature over bytes (an adapter: the public key and the curve are its business). */
export type SignatureCheck = (message: Uint8Array, signature: string) => boolean;

/** A checkpoint's own problems: a root that is not its leaves' tree, a signature that does not hold. */
export function checkpointProblems(
  sha256: Sha256,
  key: string,
  c: Checkpoint,
  signed: SignatureCheck,
): string[] {
  const problems: string[] = [];
  const root = treeHash(
    sha256,
    c.leaves.map((l) => leafHash(sha256, leafData(l))),
  );
  if (root !== c.root || c.treeSize !== c.leaves.length) {
    problems.push(`checkpoint ${key}: its root is not the tree of its leaves`);
  }
  if (!signed(treeHeadBytes(c), c.signature.value))
    problems.push(`checkpoint ${key}: its signature does not hold`);
  return problems;
}

/**
 * Every problem with a case's record, each naming what is wrong: an event whose stored hash is not the
 * hash of its content (edited in the table), a head on the case that is not its events', a checkpointed
 * head its events no longer give (events rewritten with their hashes recomputed), a checkpoint that is
 * not what was signed. Empty when the record holds.
 */
export function caseProblems(sha256: Sha256, e: CaseEvidence, signed: SignatureCheck): string[] {
  const check = verifyChain(sha256, e.links);
  if (!check.ok) return [`case ${e.caseId}: ${check.broken}: ${check.reason}`];
  const problems: string[] = [];
  if (e.caseHead !== null && e.caseHead !== check.head) {
    problems.push(`case ${e.caseId}: the head on the case is not the hash of its events`);
  }
  if (e.checkpoint) {
    const { key, checkpoint } = e.checkpoint;
    const leaf = checkpoint.leaves.find((l) => l.caseId === e.caseId);
    if (!leaf) problems.push(`case ${e.caseId}: checkpoint ${key} does not hold it`);
    else if (check.heads.get(leaf.version) !== leaf.head) {
      problems.push(
        `case ${e.caseId}: its events up to version ${leaf.version} are not those checkpointed in ${key} (rewritten with their hashes recomputed)`,
      );
    }
    problems.push(...checkpointProblems(sha256, key, checkpoint, signed));
  }
  return problems;
}
