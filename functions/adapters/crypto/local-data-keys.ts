import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataKeySource } from './envelope.ts';

/**
 * Data keys wrapped with a raw AES-256 key: the local stand-in for KMS behind the same port (no KMS
 * emulator exists). The local stack generates the wrapping key per run (or keeps it beside `--persist`
 * data); a wrapped key is nonce ‖ ciphertext ‖ tag.
 */
export class LocalDataKeys implements DataKeySource {
  readonly #wrappingKey: Buffer;

  constructor(wrappingKey: Uint8Array) {
    if (wrappingKey.length !== 32) throw new Error('the local sealing key must be 32 bytes');
    this.#wrappingKey = Buffer.from(wrappingKey);
  }

  async generate(spec: 'AES_256' | 'AES_128' = 'AES_256') {
    const plaintext = randomBytes(spec === 'AES_128' ? 16 : 32);
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#wrappingKey, nonce);
    const encrypted = Buffer.concat([nonce, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    return { plaintext, encrypted };
  }

  async decrypt(encrypted: Uint8Array) {
    const bytes = Buffer.from(encrypted);
    const decipher = createDecipheriv('aes-256-gcm', this.#wrappingKey, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]);
  }
}
