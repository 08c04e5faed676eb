import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeCheckpoint, proofFor, proofHolds, treeHeadBytes } from '../../domain/audit/checkpoint.ts';
import { checkpointProblems } from '../../domain/audit/verify.ts';
import { sha256 } from '../../functions/adapters/audit/sha256.ts';
import { KmsSigner, LocalSigner, signatureHolds } from '../../functions/adapters/audit/signer.ts';
import { capturedKms } from '../support/captured-kms.ts';

const KEY_ARN = 'arn:aws:kms:cn-north-1:123456789012:key/66666666-7777-8888-9999-000000000000';

/**
 * The KMS signer with its requests captured as the SDK serialised them (no KMS emulator exists). The
 * handler answers with responses of KMS's documented shape only so the adapter can proceed; the test
 * asserts what was asked of KMS and that the adapter hands back KMS's signature and key unchanged.
 * (ECDSA_SHA_256 over a DIGEST is ECDSA over SHA-256 of the message: signatureHolds verifies it as such,
 * shown with real signatures by the local signer below.)
 */
function capturingKms() {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { kms, requests } = capturedKms((target) =>
    target.endsWith('.Sign')
      ? { KeyId: KEY_ARN, SigningAlgorithm: 'ECDSA_SHA_256', Signature: SIGNATURE.toString('base64') }
      : { KeyId: KEY_ARN, PublicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64') },
  );
  return { kms, requests, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

const SIGNATURE = Buffer.from(`3045022100${'ab'.repeat(32)}0220${'cd'.repeat(32)}`, 'hex');

const heads = [
  { caseId: 'b', version: 3, head: 'b'.repeat(64) },
  { caseId: 'a', version: 1, head: 'a'.repeat(64) },
  { caseId: 'c', version: 2, head: 'c'.repeat(64) },
];

describe('the KMS checkpoint signer (requests captured)', () => {
  it('asks Sign for ECDSA_SHA_256 over the SHA-256 digest of the tree head, never the message itself', async () => {
    const { kms, requests, publicPem } = capturingKms();
    const signer = new KmsSigner(kms, KEY_ARN);
    const c = await makeCheckpoint(sha256, signer, heads, '2026-03-02T03:00:00.000Z', null);
    expect(c).not.toBeNull();
    if (!c) return;
    const digest = createHash('sha256').update(treeHeadBytes(c)).digest('base64');
    expect(requests).toEqual([
      {
        target: 'TrentService.Sign',
        body: { KeyId: KEY_ARN, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' },
      },
    ]);
    expect(c.signature).toMatchObject({ algorithm: 'ECDSA_SHA_256', keyId: KEY_ARN });
    expect(c.signature.value).toBe(SIGNATURE.toString('base64'));
    expect(await signer.publicKeyPem()).toBe(publicPem);
    expect(requests[1]).toEqual({ target: 'TrentService.GetPublicKey', body: { KeyId: KEY_ARN } });
  });
});

describe('checkpoints signed locally', () => {
  it('sort their leaves, prove each, and fail on a changed leaf, root or signature', async () => {
    const signer = new LocalSigner();
    const signed = (m: Uint8Array, s: string) => signatureHolds(signer.publicKeyPem, m, s);
    const c = await makeCheckpoint(sha256, signer, heads, '2026-03-02T03:00:00.000Z', 'checkpoints/x.json');
    if (!c) throw new Error('no checkpoint');
    expect(c.leaves.map((l) => l.caseId)).toEqual(['a', 'b', 'c']);
    for (const id of ['a', 'b', 'c']) {
      const proof = proofFor(sha256, 'k', c, id);
      expect(proof && proofHolds(sha256, proof)).toBe(true);
      if (proof) expect(proofHolds(sha256, { ...proof, leaf: { ...proof.leaf, version: 9 } })).toBe(false);
    }
    expect(checkpointProblems(sha256, 'k', c, signed)).toEqual([]);
    const moved = { ...c, leaves: [{ ...heads[1], head: 'd'.repeat(64) }, heads[0], heads[2]] } as typeof c;
    expect(checkpointProblems(sha256, 'k', moved, signed)).toEqual([expect.stringContaining('root')]);
    const resigned = { ...c, createdAt: '2026-03-02T04:00:00.000Z' };
    expect(checkpointProblems(sha256, 'k', resigned, signed)).toEqual([expect.stringContaining('signature')]);
    expect(proofFor(sha256, 'k', c, 'z')).toBeNull();
    expect(await makeCheckpoint(sha256, signer, [], '2026-03-02T03:00:00.000Z', null)).toBeNull();
  });
});
