import { concat, fromHex, toHex } from './canonical.ts';
import type { Sha256 } from './chain.ts';

/**
 * Merkle trees as Certificate Transparency hashes them (RFC 6962 §2.1; RFC 9162 §2.1): a leaf is
 * H(0x00 ‖ d), a node H(0x01 ‖ left ‖ right), the left subtree the largest power of two below n. Hashes
 * are lower-case hex.
 */

const LEAF = Uint8Array.of(0);
const NODE = Uint8Array.of(1);

export const leafHash = (sha256: Sha256, data: Uint8Array): string => toHex(sha256(concat(LEAF, data)));
const nodeHash = (sha256: Sha256, l: string, r: string): string =>
  toHex(sha256(concat(NODE, fromHex(l), fromHex(r))));

/** The largest power of two smaller than n (n > 1). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The tree head of leaf hashes (MTH); the hash of the empty string for no leaves. */
export function treeHash(sha256: Sha256, leaves: readonly string[]): string {
  if (leaves.length === 0) return toHex(sha256(new Uint8Array()));
  if (leaves.length === 1) return leaves[0] as string;
  const k = split(leaves.length);
  return nodeHash(sha256, treeHash(sha256, leaves.slice(0, k)), treeHash(sha256, leaves.slice(k)));
}

/** The audit path of leaf `index` (PATH(m, D[n])), nearest the leaf first. */
export function inclusionProof(sha256: Sha256, leaves: readonly string[], index: number): string[] {
  if (!Number.isInteger(index) || index < 0 || index >= leaves.length) throw new Error('no such leaf');
  if (leaves.length === 1) return [];
  const k = split(leaves.length);
  return index < k
    ? [...inclusionProof(sha256, leaves.slice(0, k), index), treeHash(sha256, leaves.slice(k))]
    : [...inclusionProof(sha256, leaves.slice(k), index - k), treeHash(sha256, leaves.slice(0, k))];
}

/** Whether `proof` proves leaf hash `leaf` at `index` of a tree of `size` leaves with head `root` (RFC 9162 §2.1.3.2). */
export function verifyInclusion(
  sha256: Sha256,
  leaf: string,
  index: number,
  size: number,
  proof: readonly string[],
  root: string,
): boolean {
  if (!Number.isInteger(index) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(sha256, p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(sha256, r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r === root;
}
