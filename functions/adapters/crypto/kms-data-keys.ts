import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { DataKeySource } from './envelope.ts';

/** The encryption context every data key of field sealing carries: a key wrapped for it opens only for it. */
export const SEALING_CONTEXT = { purpose: 'ldm-field-sealing' } as const;

/**
 * Data keys from KMS: GenerateDataKey under the sealing key (AES_256; AES_128 for SM4, which in the China
 * regions is a 128-bit SM4 data key wrapped by the SM4 KMS key), Decrypt to unwrap a stored one. The KMS
 * key never leaves KMS; the plaintext data key lives only in the function's memory.
 */
export class KmsDataKeys implements DataKeySource {
  readonly #kms: KMSClient;
  readonly #keyId: string;

  constructor(kms: KMSClient, keyId: string) {
    this.#kms = kms;
    this.#keyId = keyId;
  }

  async generate(spec: 'AES_256' | 'AES_128' = 'AES_256') {
    const out = await this.#kms.send(
      new GenerateDataKeyCommand({
        KeyId: this.#keyId,
        KeySpec: spec,
        EncryptionContext: SEALING_CONTEXT,
      }),
    );
    if (!out.Plaintext || !out.CiphertextBlob) throw new Error('KMS returned no data key');
    return { plaintext: out.Plaintext, encrypted: out.CiphertextBlob };
  }

  async decrypt(encrypted: Uint8Array) {
    const out = await this.#kms.send(
      new DecryptCommand({
        KeyId: this.#keyId,
        CiphertextBlob: encrypted,
        EncryptionContext: SEALING_CONTEXT,
      }),
    );
    if (!out.Plaintext) throw new Error('KMS returned no plaintext key');
    return out.Plaintext;
  }
}
