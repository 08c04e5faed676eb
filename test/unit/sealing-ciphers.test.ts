import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SealInput } from '../../domain/sealing/ports.ts';
import type { SealingAlgorithm } from '../../functions/adapters/crypto/ciphers.ts';
import { type DataKeySource, EnvelopeSealer } from '../../functions/adapters/crypto/envelope.ts';
import { LocalDataKeys } from '../../functions/adapters/crypto/local-data-keys.ts';
import { errorResponse } from '../../functions/http/errors.ts';
import { ConfigurationError } from '../../functions/shared/configuration-error.ts';
import { sealerFrom } from '../../functions/shared/sealing.ts';

/**
 * The field ciphers per stage (docs/sealing.md): AES-256-GCM, and SM4-CTR with HMAC-SM3 (encrypt-then-MAC)
 * for the China regions. Every sealed value names its cipher; values from before the name still open.
 */

const ID = '370202199003071234';
const CONTEXT = 'case-1|workers[0].idNumber';

/** One data-key source shared by sealers of both ciphers, as one KMS key serves a stage before and after. */
const sharedKeys = (): DataKeySource => new LocalDataKeys(randomBytes(32));
const sealerOf = (keys: DataKeySource, algorithm: SealingAlgorithm) =>
  new EnvelopeSealer(keys, undefined, undefined, algorithm);

/** Flips one bit of byte `at` of the base64url part `part` (0 the cipher's name, 1 the IV, 2 the body). */
function flip(value: string, part: 1 | 2, at: (bytes: Buffer) => number): string {
  const parts = value.split('.');
  const bytes = Buffer.from(parts[part] ?? '', 'base64url');
  const i = at(bytes);
  bytes[i] = (bytes[i] ?? 0) ^ 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

async function sealOne(sealer: EnvelopeSealer, value = ID, context = CONTEXT) {
  const batch = await sealer.seal([{ context, value }]);
  return { encryptedKey: batch.encryptedKey, sealed: batch.values[0] ?? '' };
}

describe('the Chinese primitives Node provides (known-answer vectors)', () => {
  it('computes SM4 as GB/T 32907-2016 (GM/T 0002-2012) example 1 and SM3 as GB/T 32905-2016 example 1', () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const sm4 = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    expect(Buffer.concat([sm4.update(key), sm4.final()]).toString('hex')).toBe(
      '681edf34d206965e86b3e94f536e4246',
    );
    expect(createHash('sm3').update('abc').digest('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });
});

describe.each(['aes256gcm', 'sm4ctr-hmacsm3'] as const)('the %s envelope', (algorithm) => {
  it('names its cipher, round-trips, and seals the same value differently each time', async () => {
    const sealer = sealerOf(sharedKeys(), algorithm);
    const a = await sealOne(sealer);
    const b = await sealOne(sealer);
    expect(a.sealed.startsWith(`${algorithm}.`)).toBe(true);
    expect(a.sealed.split('.')).toHaveLength(3);
    expect(a.sealed).not.toContain(ID);
    expect(a.sealed).not.toBe(b.sealed);
    expect(await sealer.open(a.encryptedKey, [{ context: CONTEXT, value: a.sealed }])).toEqual([ID]);
    expect(await sealer.open(b.encryptedKey, [{ context: CONTEXT, value: b.sealed }])).toEqual([ID]);
  });

  it('refuses a flipped byte in the ciphertext, the tag or the IV', async () => {
    const sealer = sealerOf(sharedKeys(), algorithm);
    const { encryptedKey, sealed } = await sealOne(sealer);
    const tampered = [
      flip(sealed, 2, () => 0), // the first ciphertext byte
      flip(sealed, 2, (b) => b.length - 1), // the last tag byte
      flip(sealed, 1, () => 3), // the IV
    ];
    for (const value of tampered) {
      expect(value).not.toBe(sealed);
      await expect(sealer.open(encryptedKey, [{ context: CONTEXT, value }])).rejects.toThrow();
    }
    // A truncated tag, and a value relabelled with the other cipher, are refused too.
    await expect(
      sealer.open(encryptedKey, [{ context: CONTEXT, value: sealed.slice(0, -4) }]),
    ).rejects.toThrow();
    const other = algorithm === 'aes256gcm' ? 'sm4ctr-hmacsm3' : 'aes256gcm';
    const relabelled = `${other}.${sealed.slice(algorithm.length + 1)}`;
    await expect(sealer.open(encryptedKey, [{ context: CONTEXT, value: relabelled }])).rejects.toThrow();
  });

  it('opens only in its own case and field', async () => {
    const sealer = sealerOf(sharedKeys(), algorithm);
    const { encryptedKey, sealed } = await sealOne(sealer);
    for (const context of [
      'case-2|workers[0].idNumber',
      'case-1|workers[1].idNumber',
      'case-1|workers[0].phone',
    ]) {
      await expect(sealer.open(encryptedKey, [{ context, value: sealed }])).rejects.toThrow();
    }
  });

  it('cannot be opened under another key', async () => {
    const { encryptedKey, sealed } = await sealOne(sealerOf(sharedKeys(), algorithm));
    const stranger = sealerOf(sharedKeys(), algorithm);
    await expect(stranger.open(encryptedKey, [{ context: CONTEXT, value: sealed }])).rejects.toThrow();
  });
});

describe('changing a stage’s cipher', () => {
  it('asks its data-key source for a 128-bit key for SM4 and a 256-bit one for AES', async () => {
    const specs: string[] = [];
    const local = sharedKeys();
    const counting: DataKeySource = {
      generate: async (spec) => {
        specs.push(spec);
        return local.generate(spec);
      },
      decrypt: (encrypted) => local.decrypt(encrypted),
    };
    await sealOne(sealerOf(counting, 'sm4ctr-hmacsm3'));
    await sealOne(sealerOf(counting, 'aes256gcm'));
    expect(specs).toEqual(['AES_128', 'AES_256']);
  });

  it('still opens AES envelopes, named or from before the name, with SM4 selected — and back', async () => {
    const keys = sharedKeys();
    const aes = await sealOne(sealerOf(keys, 'aes256gcm'));
    // A value as sealed before envelopes named their cipher: `<nonce>.<ciphertext‖tag>`.
    const legacy = { ...aes, sealed: aes.sealed.slice('aes256gcm.'.length) };
    const sm4 = sealerOf(keys, 'sm4ctr-hmacsm3');
    const opened = await sm4.open(aes.encryptedKey, [{ context: CONTEXT, value: aes.sealed }]);
    const openedLegacy = await sm4.open(legacy.encryptedKey, [{ context: CONTEXT, value: legacy.sealed }]);
    expect([opened, openedLegacy]).toEqual([[ID], [ID]]);
    const sealedSm4 = await sealOne(sm4);
    expect(sealedSm4.sealed.startsWith('sm4ctr-hmacsm3.')).toBe(true);
    const back = sealerOf(keys, 'aes256gcm');
    expect(await back.open(sealedSm4.encryptedKey, [{ context: CONTEXT, value: sealedSm4.sealed }])).toEqual([
      ID,
    ]);
  });

  it('refuses a value that names no known cipher', async () => {
    const sealer = sealerOf(sharedKeys(), 'sm4ctr-hmacsm3');
    const { encryptedKey, sealed } = await sealOne(sealer);
    const inputs: SealInput[] = [{ context: CONTEXT, value: `des.${sealed.split('.').slice(1).join('.')}` }];
    await expect(sealer.open(encryptedKey, inputs)).rejects.toThrow(/malformed/);
  });
});

describe('the sealing configuration', () => {
  const localKey = randomBytes(32).toString('base64');

  it('selects the cipher by SEALING_ALGORITHM, AES-256-GCM by default', () => {
    const of = (env: Record<string, string>) => (sealerFrom(env) as EnvelopeSealer).algorithm;
    expect(of({ SEALING_LOCAL_KEY: localKey })).toBe('aes256gcm');
    expect(of({ SEALING_LOCAL_KEY: localKey, SEALING_ALGORITHM: 'sm4ctr-hmacsm3' })).toBe('sm4ctr-hmacsm3');
    expect(
      of({ SEALING_KEY_ARN: 'arn:aws-cn:kms:cn-northwest-1:1:key/k', SEALING_ALGORITHM: 'sm4ctr-hmacsm3' }),
    ).toBe('sm4ctr-hmacsm3');
    expect(() => sealerFrom({ SEALING_LOCAL_KEY: localKey, SEALING_ALGORITHM: 'sm4-gcm' })).toThrow(
      ConfigurationError,
    );
    expect(() => sealerFrom({ SEALING_LOCAL_KEY: localKey, SEALING_ALGORITHM: 'sm4-gcm' })).toThrow(
      /SEALING_ALGORITHM/,
    );
  });

  it('answers a missing key with a 503 that says nothing of internals, and marks it for the log', () => {
    const { response, unexpected } = errorResponse(
      new ConfigurationError('invalid sealing configuration: SEALING_KEY_ARN: required'),
    );
    expect(response.statusCode).toBe(503);
    expect(unexpected).toBe(true);
    expect(String(response.body)).not.toContain('SEALING_KEY_ARN');
    expect(JSON.parse(String(response.body)).error.code).toBe('UNAVAILABLE');
  });
});

describe('the store builds field sealing on first use', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('imports without SEALING_KEY_ARN, and the first seal names the missing variable', async () => {
    vi.resetModules();
    vi.stubEnv('TABLE_NAME', 'ldm-test-cases');
    vi.stubEnv('AWS_REGION', 'ap-southeast-1');
    vi.stubEnv('DYNAMODB_ENDPOINT', undefined);
    vi.stubEnv('SEALING_KEY_ARN', undefined);
    vi.stubEnv('SEALING_LOCAL_KEY', undefined);
    // Importing the composition root is what every function on the cases table does at cold start.
    const store = await import('../../functions/shared/store.ts');
    expect(store.storeConfig.tableName).toBe('ldm-test-cases');
    const { fieldSealer } = await import('../../functions/adapters/dynamodb/sealed-items.ts');
    const { ConfigurationError: Refused } = await import('../../functions/shared/configuration-error.ts');
    expect(() => fieldSealer()).toThrow(Refused);
    expect(() => fieldSealer()).toThrow(/SEALING_KEY_ARN: required/);
    // Configured later (the error is not cached), the same container seals.
    vi.stubEnv('SEALING_LOCAL_KEY', localKeyForLater);
    vi.stubEnv('SEALING_ALGORITHM', 'sm4ctr-hmacsm3');
    const batch = await fieldSealer().seal([{ context: CONTEXT, value: ID }]);
    expect(batch.values[0]?.startsWith('sm4ctr-hmacsm3.')).toBe(true);
  });
});

const localKeyForLater = randomBytes(32).toString('base64');
