import { createHash } from 'node:crypto';
import type { FieldSealer, SealedBatch, SealInput } from '../../../domain/sealing/ports.ts';
import { FIELD_CIPHERS, type FieldCipher, isSealingAlgorithm, type SealingAlgorithm } from './ciphers.ts';

/**
 * Where data keys come from: KMS in AWS (kms-data-keys.ts), a raw AES key locally (local-data-keys.ts).
 * `encrypted` is the wrapped key stored beside the values; only the key service can unwrap it.
 */
export interface DataKeySource {
  /** A fresh data key of `spec` (AES_256: 32 bytes; AES_128: 16, an SM4 key in the China regions). */
  generate(
    spec: FieldCipher['dataKeySpec'],
  ): Promise<{ readonly plaintext: Uint8Array; readonly encrypted: Uint8Array }>;
  decrypt(encrypted: Uint8Array): Promise<Uint8Array>;
}

/** How long and how often one data key seals before a new one is asked for, and how many opened keys stay. */
export interface DataKeyLimits {
  readonly maxUses: number;
  readonly ttlMs: number;
  readonly openedKeys: number;
}

export const DEFAULT_DATA_KEY_LIMITS: DataKeyLimits = { maxUses: 10_000, ttlMs: 5 * 60_000, openedKeys: 100 };

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const refOf = (encrypted: string) => createHash('sha256').update(encrypted).digest('base64url').slice(0, 12);

interface CurrentKey {
  readonly key: Buffer;
  readonly encrypted: string;
  readonly ref: string;
  readonly until: number;
  uses: number;
}

/**
 * What a stored value names its cipher by: `<algorithm>.<iv>.<ciphertext‖tag>`. Values sealed before the
 * algorithm was named are `<nonce>.<ciphertext‖tag>`, AES-256-GCM: they still open whatever is selected.
 */
function parseSealed(value: string): { cipher: FieldCipher; iv: Buffer; body: Buffer } {
  const parts = value.split('.');
  const [named, iv, body] = parts.length === 2 ? ['aes256gcm', ...parts] : parts;
  if (parts.length > 3 || !named || !iv || !body || !isSealingAlgorithm(named)) {
    throw new Error('malformed sealed value');
  }
  return {
    cipher: FIELD_CIPHERS[named],
    iv: Buffer.from(iv, 'base64url'),
    body: Buffer.from(body, 'base64url'),
  };
}

/**
 * Envelope encryption: each value sealed under a data key with the stage's cipher (`algorithm`:
 * AES-256-GCM, or SM4-CTR with HMAC-SM3 in the China regions; ciphers.ts), its context (case and field)
 * authenticated, so a sealed value copied to another field or case does not open. A
 * data key seals for a bounded time and number of values (then a new one is generated: one key-service
 * call per `maxUses` values or `ttlMs`); opened keys are kept, at most `openedKeys` of them, for `ttlMs`.
 */
export class EnvelopeSealer implements FieldSealer {
  readonly #source: DataKeySource;
  readonly #limits: DataKeyLimits;
  readonly #now: () => number;
  readonly #cipher: FieldCipher;
  #current: CurrentKey | null = null;
  readonly #opened = new Map<string, { readonly key: Buffer; readonly until: number }>();

  constructor(
    source: DataKeySource,
    limits: DataKeyLimits = DEFAULT_DATA_KEY_LIMITS,
    now = Date.now,
    algorithm: SealingAlgorithm = 'aes256gcm',
  ) {
    this.#source = source;
    this.#limits = limits;
    this.#now = now;
    this.#cipher = FIELD_CIPHERS[algorithm];
  }

  /** The cipher new values are sealed with (any named one opens). */
  get algorithm(): SealingAlgorithm {
    return this.#cipher.id;
  }

  async seal(inputs: readonly SealInput[]): Promise<SealedBatch> {
    const current = await this.#key(inputs.length);
    const cipher = this.#cipher;
    const values = inputs.map(
      ({ context, value }) => `${cipher.id}.${cipher.seal(current.key, context, value)}`,
    );
    return { keyRef: current.ref, encryptedKey: current.encrypted, values };
  }

  async open(encryptedKey: string, sealed: readonly SealInput[]): Promise<string[]> {
    const key = await this.#unwrap(encryptedKey);
    return sealed.map(({ context, value }) => {
      const { cipher, iv, body } = parseSealed(value);
      return cipher.open(key, context, iv, body);
    });
  }

  async #key(uses: number): Promise<CurrentKey> {
    const now = this.#now();
    const current = this.#current;
    if (current && current.until > now && current.uses + uses <= this.#limits.maxUses) {
      current.uses += uses;
      return current;
    }
    const generated = await this.#source.generate(this.#cipher.dataKeySpec);
    const encrypted = b64(generated.encrypted);
    const fresh: CurrentKey = {
      key: Buffer.from(generated.plaintext),
      encrypted,
      ref: refOf(encrypted),
      until: now + this.#limits.ttlMs,
      uses,
    };
    this.#current = fresh;
    this.#remember(encrypted, fresh.key, now);
    return fresh;
  }

  async #unwrap(encrypted: string): Promise<Buffer> {
    const now = this.#now();
    const kept = this.#opened.get(encrypted);
    if (kept && kept.until > now) return kept.key;
    const key = Buffer.from(await this.#source.decrypt(Buffer.from(encrypted, 'base64url')));
    this.#remember(encrypted, key, now);
    return key;
  }

  #remember(encrypted: string, key: Buffer, now: number) {
    this.#opened.delete(encrypted);
    this.#opened.set(encrypted, { key, until: now + this.#limits.ttlMs });
    while (this.#opened.size > this.#limits.openedKeys) {
      const oldest = this.#opened.keys().next().value;
      if (oldest === undefined) break;
      this.#opened.delete(oldest);
    }
  }
}
