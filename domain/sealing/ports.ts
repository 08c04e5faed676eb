/**
 * Sealing at rest (PIPL art. 51: encryption of personal information; GB/T 39786-2021 treats ID numbers as
 * important data stored encrypted): a case's ID numbers and phones reach the table sealed, each beside its
 * masked form, so reads, the stream, backups, exports and logs hold no clear value and a read needs no key.
 */

/** One value to seal or open, bound to where it belongs (`<caseId>|workers[0].idNumber`). */
export interface SealInput {
  readonly context: string;
  readonly value: string;
}

/**
 * A batch of values sealed under one data key: `encryptedKey` is the data key as the key service wrapped
 * it (it alone can unwrap it), `keyRef` a short name for it, `values` each value's nonce and ciphertext.
 */
export interface SealedBatch {
  readonly keyRef: string;
  readonly encryptedKey: string;
  readonly values: readonly string[];
}

/** Seals and opens field values; the key never leaves the key service (KMS in AWS). */
export interface FieldSealer {
  /** Seals the values under the current data key (a key-service call only when a new key is due). */
  seal(inputs: readonly SealInput[]): Promise<SealedBatch>;
  /** Opens values sealed under `encryptedKey`; fails if any was altered or moved to another context. */
  open(encryptedKey: string, sealed: readonly SealInput[]): Promise<string[]>;
}
