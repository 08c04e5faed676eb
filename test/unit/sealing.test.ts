import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pairKey, pairKeys } from '../../domain/sealing/duplicates.ts';
import { EnvelopeSealer } from '../../functions/adapters/crypto/envelope.ts';
import { KmsDataKeys, SEALING_CONTEXT } from '../../functions/adapters/crypto/kms-data-keys.ts';
import { LocalDataKeys } from '../../functions/adapters/crypto/local-data-keys.ts';
import { KmsMac, LocalMac } from '../../functions/adapters/crypto/mac.ts';
import { sealerFrom } from '../../functions/shared/sealing.ts';
import { capturedKms } from '../support/captured-kms.ts';

const KEY_ARN = 'arn:aws:kms:cn-north-1:123456789012:key/11111111-2222-3333-4444-555555555555';

/** A KMS client with its requests captured (test/support/captured-kms.ts), answering with one data key. */
function capturingKms() {
  const dataKey = randomBytes(32);
  const wrapped = Buffer.concat([Buffer.from('wrapped:'), randomBytes(16)]);
  const { kms, requests } = capturedKms((target) =>
    target.endsWith('GenerateDataKey')
      ? { KeyId: KEY_ARN, Plaintext: dataKey.toString('base64'), CiphertextBlob: wrapped.toString('base64') }
      : target.endsWith('GenerateMac')
        ? { KeyId: KEY_ARN, MacAlgorithm: 'HMAC_SHA_256', Mac: Buffer.alloc(32, 7).toString('base64') }
        : { KeyId: KEY_ARN, Plaintext: dataKey.toString('base64') },
  );
  return { kms, requests, wrapped };
}

describe('the KMS data-key adapter (requests captured)', () => {
  it('asks GenerateDataKey for an AES-256 key under the sealing key with its encryption context', async () => {
    const { kms, requests, wrapped } = capturingKms();
    const sealer = new EnvelopeSealer(new KmsDataKeys(kms, KEY_ARN));
    const batch = await sealer.seal([{ context: 'case-1|workers[0].idNumber', value: '370202199003071234' }]);
    expect(requests).toEqual([
      {
        target: 'TrentService.GenerateDataKey',
        body: { KeyId: KEY_ARN, KeySpec: 'AES_256', EncryptionContext: SEALING_CONTEXT },
      },
    ]);
    expect(Buffer.from(batch.encryptedKey, 'base64url')).toEqual(wrapped);
    expect(batch.values[0]).not.toContain('370202199003071234');
  });

  it('asks for a 128-bit data key (SM4-128 in the China regions) when the stage seals with SM4', async () => {
    const { kms, requests } = capturingKms();
    const sealer = new EnvelopeSealer(new KmsDataKeys(kms, KEY_ARN), undefined, undefined, 'sm4ctr-hmacsm3');
    const batch = await sealer.seal([{ context: 'case-1|workers[0].phone', value: '13812345678' }]);
    expect(requests).toEqual([
      {
        target: 'TrentService.GenerateDataKey',
        body: { KeyId: KEY_ARN, KeySpec: 'AES_128', EncryptionContext: SEALING_CONTEXT },
      },
    ]);
    expect(batch.values[0]?.startsWith('sm4ctr-hmacsm3.')).toBe(true);
  });

  it('reuses the data key within its bounds, and asks Decrypt with the stored key to open', async () => {
    const { kms, requests } = capturingKms();
    let now = 0;
    const sealer = new EnvelopeSealer(
      new KmsDataKeys(kms, KEY_ARN),
      { maxUses: 3, ttlMs: 1000, openedKeys: 2 },
      () => now,
    );
    const first = await sealer.seal([{ context: 'c|a', value: 'one' }]);
    await sealer.seal([
      { context: 'c|b', value: 'two' },
      { context: 'c|c', value: 'three' },
    ]);
    expect(requests).toHaveLength(1);
    await sealer.seal([{ context: 'c|d', value: 'four' }]); // a 4th use: a new key
    expect(requests).toHaveLength(2);
    now = 5000; // past the ttl: the opened key is no longer kept
    const fresh = new EnvelopeSealer(new KmsDataKeys(kms, KEY_ARN));
    expect(await fresh.open(first.encryptedKey, [{ context: 'c|a', value: first.values[0] ?? '' }])).toEqual([
      'one',
    ]);
    expect(requests[2]).toEqual({
      target: 'TrentService.Decrypt',
      body: {
        KeyId: KEY_ARN,
        CiphertextBlob: Buffer.from(first.encryptedKey, 'base64url').toString('base64'),
        EncryptionContext: SEALING_CONTEXT,
      },
    });
  });
});

describe('envelope sealing', () => {
  const sealer = () => new EnvelopeSealer(new LocalDataKeys(randomBytes(32)));

  it('opens what it sealed, in its own context only', async () => {
    const s = sealer();
    const batch = await s.seal([{ context: 'case-1|workers[0].phone', value: '13812345678' }]);
    const value = batch.values[0] ?? '';
    expect(await s.open(batch.encryptedKey, [{ context: 'case-1|workers[0].phone', value }])).toEqual([
      '13812345678',
    ]);
    await expect(
      s.open(batch.encryptedKey, [{ context: 'case-2|workers[0].phone', value }]),
    ).rejects.toThrow();
    await expect(
      s.open(batch.encryptedKey, [{ context: 'case-1|workers[1].phone', value }]),
    ).rejects.toThrow();
  });

  it('seals the same value differently each time (a fresh nonce)', async () => {
    const s = sealer();
    const a = await s.seal([{ context: 'x', value: '13812345678' }]);
    const b = await s.seal([{ context: 'x', value: '13812345678' }]);
    expect(a.values[0]).not.toBe(b.values[0]);
  });

  it('cannot open under another local key', async () => {
    const batch = await sealer().seal([{ context: 'x', value: 'secret' }]);
    await expect(
      sealer().open(batch.encryptedKey, [{ context: 'x', value: batch.values[0] ?? '' }]),
    ).rejects.toThrow();
  });
});

describe('sealing configuration', () => {
  it('needs the KMS key in AWS, takes a local key or none locally', () => {
    expect(() => sealerFrom({})).toThrow(/SEALING_KEY_ARN/);
    expect(sealerFrom({ SEALING_KEY_ARN: KEY_ARN })).toBeInstanceOf(EnvelopeSealer);
    expect(sealerFrom({ SEALING_LOCAL_KEY: randomBytes(32).toString('base64') })).toBeInstanceOf(
      EnvelopeSealer,
    );
    expect(sealerFrom({ DYNAMODB_ENDPOINT: 'http://localhost:8000' })).toBeNull();
    expect(() => sealerFrom({ SEALING_LOCAL_KEY: 'short' })).toThrow(/SEALING_LOCAL_KEY/);
  });
});

describe('the duplicate MAC', () => {
  it('asks KMS GenerateMac (HMAC_SHA_256) under the HMAC key for each input, never sending a hash', async () => {
    const { kms, requests } = capturingKms();
    const macs = await new KmsMac(kms, KEY_ARN).hash(['11010519491231002X|91370200MA3C41110B']);
    expect(requests).toEqual([
      {
        target: 'TrentService.GenerateMac',
        body: {
          KeyId: KEY_ARN,
          MacAlgorithm: 'HMAC_SHA_256',
          Message: Buffer.from('11010519491231002X|91370200MA3C41110B').toString('base64'),
        },
      },
    ]);
    expect(macs).toEqual([Buffer.alloc(32, 7).toString('base64url')]);
  });

  it('keys the local stand-in: another key, another MAC; never the unkeyed SHA-256', async () => {
    const input = '11010519491231002X|91370200MA3C41110B';
    const [a] = await new LocalMac(randomBytes(32)).hash([input]);
    const [b] = await new LocalMac(randomBytes(32)).hash([input]);
    expect(a).not.toBe(b);
    expect(a).not.toBe(createHash('sha256').update(input).digest('base64url'));
  });

  it('validates the check digit and upper-cases x before hashing', () => {
    expect(pairKey('11010519491231002x', 'E')).toBe('11010519491231002X|E');
    expect(pairKey('110105194912310021', 'E')).toBeNull();
    const worker = (idNumber: string) => ({ name: 'w', idNumber, phone: '13812345678' });
    expect(
      pairKeys({
        workers: [worker('11010519491231002x'), worker('11010519491231002X')],
        employer: { name: 'e', creditCode: 'C' },
      }),
    ).toEqual(['11010519491231002X|C']);
    expect(pairKeys({ workers: [worker('11010519491231002X')], employer: { name: 'e' } })).toEqual([]);
  });
});

describe('the local stand-ins for the KMS keys', () => {
  it('are new for each run, and kept beside --persist data', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { localKeys } = await import('../../infra/local/local-keys.ts');
    expect(localKeys().sealing).not.toBe(localKeys().sealing);
    const dir = mkdtempSync(join(tmpdir(), 'ldm-keys-'));
    try {
      const first = localKeys(dir);
      expect(localKeys(dir)).toEqual(first);
      expect(Buffer.from(first.sealing, 'base64')).toHaveLength(32);
      expect(sealerFrom({ SEALING_LOCAL_KEY: first.sealing })).toBeInstanceOf(EnvelopeSealer);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
