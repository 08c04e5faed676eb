import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { FieldSealer, SealedBatch, SealInput } from '../../../domain/sealing/ports.ts';

/**
 * Where data keys come from: KMS in AWS (kms-data-keys.ts), a raw AES key locally (local-data-keys.ts).
 * `encrypted` is the wrapped key stored beside the values; only the key service can unwrap it.
 */
export interface DataKeySource {
  generate(): Promise<{ readonly plaintext: Uint8Array; readonly encrypted: Uint8Array }>;
  decrypt(encrypted: Uint8Array): Promise<Uint8Array>;
}

/** How long and how often one data key seals before a new one is asked for, and how many opened keys stay. */
export interface DataKeyLimits {
  readonly maxUses: number;
  readonly ttlMs: number;
  readonly openedKeys: number;
}

export const DEFAULT_DATA_KEY_LIMITS: DataKeyLimits = { maxUses: 10_000, ttlMs: 5 * 60_000, openedKeys: 100 };

const ALGORITHM = 'aes-256-gcm';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

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
 * Envelope encryption: each value sealed with AES-256-GCM under a data key, its context (case and field)
 * as additional authenticated data, so a sealed value copied to another field or case does not open. A
 * data key seals for a bounded time and number of values (then a new one is generated: one key-service
 * call per `maxUses` values or `ttlMs`); opened keys are kept, at most `openedKeys` of them, for `ttlMs`.
 */
export class EnvelopeSealer implements FieldSealer {
  readonly #source: DataKeySource;
  readonly #limits: DataKeyLimits;
  readonly #now: () => number;
  #current: CurrentKey | null = null;
  readonly #opened = new Map<string, { readonly key: Buffer; readonly until: number }>();

  constructor(source: DataKeySource, limits: DataKeyLimits = DEFAULT_DATA_KEY_LIMITS, now = Date.now) {
    this.#source = source;
    this.#limits = limits;
    this.#now = now;
  }

  async seal(inputs: readonly SealInput[]): Promise<SealedBatch> {
    const current = await this.#key(inputs.length);
    const values = inputs.map(({ context, value }) => {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv(ALGORITHM, current.key, nonce);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${b64(nonce)}.${b64(body)}`;
    });
    return { keyRef: current.ref, encryptedKey: current.encrypted, values };
  }

  async open(encryptedKey: string, sealed: readonly SealInput[]): Promise<string[]> {
    const key = await this.#unwrap(encryptedKey);
    return sealed.map(({ context, value }) => {
      const [nonce, body] = value.split('.');
      const bytes = Buffer.from(body ?? '', 'base64url');
      if (!nonce || bytes.length < TAG_BYTES) throw new Error('malformed sealed value');
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(nonce, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      return Buffer.concat([
        decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    });
  }

  async #key(uses: number): Promise<CurrentKey> {
    const now = this.#now();
    const current = this.#current;
    if (current && current.until > now && current.uses + uses <= this.#limits.maxUses) {
      current.uses += uses;
      return current;
    }
    const generated = await this.#source.generate();
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
