import { createHash } from 'node:crypto';
import type { Sha256 } from '../../../domain/audit/chain.ts';

/** SHA-256 over node:crypto, for the hash chain and the Merkle trees. */
export const sha256: Sha256 = (data) => new Uint8Array(createHash('sha256').update(data).digest());
