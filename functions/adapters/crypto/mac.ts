import { createHmac } from 'node:crypto';
import { GenerateMacCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { DuplicateHasher } from '../../../domain/sealing/duplicates.ts';

/** HMAC-SHA-256 in KMS (GenerateMac with an HMAC_256 key): the key never leaves KMS. One call per input. */
export class KmsMac implements DuplicateHasher {
  readonly #kms: KMSClient;
  readonly #keyId: string;

  constructor(kms: KMSClient, keyId: string) {
    this.#kms = kms;
    this.#keyId = keyId;
  }

  async hash(inputs: readonly string[]): Promise<string[]> {
    return Promise.all(
      inputs.map(async (input) => {
        const out = await this.#kms.send(
          new GenerateMacCommand({
            KeyId: this.#keyId,
            MacAlgorithm: 'HMAC_SHA_256',
            Message: new TextEncoder().encode(input),
          }),
        );
        if (!out.Mac) throw new Error('KMS returned no MAC');
        return Buffer.from(out.Mac).toString('base64url');
      }),
    );
  }
}

/** HMAC-SHA-256 with a key of the local stack's run (no KMS emulator exists), behind the same port. */
export class LocalMac implements DuplicateHasher {
  readonly #key: Buffer;

  constructor(key: Uint8Array) {
    if (key.length < 32) throw new Error('the local duplicate key must be at least 32 bytes');
    this.#key = Buffer.from(key);
  }

  async hash(inputs: readonly string[]): Promise<string[]> {
    return inputs.map((input) => createHmac('sha256', this.#key).update(input).digest('base64url'));
  }
}
