import { canonicalJson } from './canonical.ts';
import type { Sha256 } from './chain.ts';
import { inclusionProof, leafHash, treeHash, verifyInclusion } from './merkle.ts';

/**
 * Checkpoints of the cases' hash chains (docs/audit.md): a scheduled job takes the heads of the chains
 * changed since the last checkpoint, makes them the leaves of a Merkle tree (RFC 6962 hashing, merkle.ts),
 * signs the tree head (ECDSA P-256 over SHA-256 of its canonical JSON, a KMS asymmetric key in AWS) and
 * writes it where nothing can rewrite it (S3 Object Lock, compliance mode). A chain head checkpointed
 * cannot later be changed without the next verification seeing it.
 */

/** The head of one case's chain: the hash after its events up to `version`. */
export interface ChainHead {
  readonly caseId: string;
  readonly version: number;
  readonly head: string;
}

/** The signed part of a checkpoint. */
export interface TreeHead {
  readonly createdAt: string;
  readonly treeSize: number;
  /** RFC 6962 tree head of the leaves, hex. */
  readonly root: string;
  /** The object key of the checkpoint before, or null for the first. */
  readonly previous: string | null;
}

export interface Checkpoint extends TreeHead {
  /** Each leaf's data is the canonical JSON of a ChainHead; leaves sorted by case id. */
  readonly leaves: readonly ChainHead[];
  readonly signature: { readonly algorithm: 'ECDSA_SHA_256'; readonly keyId: string; readonly value: string };
}

/** Signs a tree head's bytes (ECDSA_SHA_256; DER signature, base64). */
export interface CheckpointSigner {
  readonly keyId: string;
  sign(message: Uint8Array): Promise<string>;
}

/** Where checkpoints are kept, write-once. */
export interface CheckpointStore {
  put(key: string, checkpoint: Checkpoint): Promise<void>;
  get(key: string): Promise<Checkpoint | null>;
}

/** The chains changed since they were last checkpointed, and their marking once taken. */
export interface ChangedChains {
  changed(limit: number): Promise<ChainHead[]>;
  /** Records where each head was checkpointed, and takes it off the changed list if it has not moved on. */
  taken(heads: readonly ChainHead[], key: string, checkpointedAt: string): Promise<void>;
  /** The latest checkpoint holding a case's chain, with the head it holds. */
  latestFor(caseId: string): Promise<{ readonly key: string; readonly head: ChainHead } | null>;
  /** The key of the last checkpoint written. */
  lastKey(): Promise<string | null>;
}

export const leafData = (h: ChainHead): Uint8Array =>
  new TextEncoder().encode(canonicalJson({ caseId: h.caseId, head: h.head, version: h.version }));

export const treeHeadBytes = (t: TreeHead): Uint8Array =>
  new TextEncoder().encode(
    canonicalJson({ createdAt: t.createdAt, previous: t.previous, root: t.root, treeSize: t.treeSize }),
  );

/** The object key of a checkpoint made at an instant: sorts by time. */
export const checkpointKey = (createdAt: string) => `checkpoints/${createdAt}.json`;

/** A checkpoint of these heads (null when there is none), signed. */
export async function makeCheckpoint(
  sha256: Sha256,
  signer: CheckpointSigner,
  heads: readonly ChainHead[],
  createdAt: string,
  previous: string | null,
): Promise<Checkpoint | null> {
  if (heads.length === 0) return null;
  const leaves = [...heads].sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
  const root = treeHash(
    sha256,
    leaves.map((h) => leafHash(sha256, leafData(h))),
  );
  const head: TreeHead = { createdAt, treeSize: leaves.length, root, previous };
  const value = await signer.sign(treeHeadBytes(head));
  return { ...head, leaves, signature: { algorithm: 'ECDSA_SHA_256', keyId: signer.keyId, value } };
}

/** What `GET /cases/{id}/proof` answers beside the chain: the leaf, its audit path and the signed head. */
export interface InclusionProof {
  readonly checkpoint: string;
  readonly leaf: ChainHead;
  readonly leafIndex: number;
  readonly auditPath: readonly string[];
  readonly treeHead: TreeHead;
  readonly signature: Checkpoint['signature'];
}

export function proofFor(
  sha256: Sha256,
  key: string,
  checkpoint: Checkpoint,
  caseId: string,
): InclusionProof | null {
  const index = checkpoint.leaves.findIndex((l) => l.caseId === caseId);
  const leaf = checkpoint.leaves[index];
  if (!leaf) return null;
  const hashes = checkpoint.leaves.map((h) => leafHash(sha256, leafData(h)));
  const { leaves: _leaves, signature, ...treeHead } = checkpoint;
  return {
    checkpoint: key,
    leaf,
    leafIndex: index,
    auditPath: inclusionProof(sha256, hashes, index),
    treeHead,
    signature,
  };
}

/** Whether a proof's leaf is in its tree head (the signature is checked apart, with the public key). */
export const proofHolds = (sha256: Sha256, p: InclusionProof): boolean =>
  verifyInclusion(
    sha256,
    leafHash(sha256, leafData(p.leaf)),
    p.leafIndex,
    p.treeHead.treeSize,
    p.auditPath,
    p.treeHead.root,
  );
