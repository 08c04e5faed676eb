import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/**
 * The field ciphers a sealed value may name (docs/sealing.md): `aes256gcm` in the aws partition, where a
 * KMS symmetric key is AES-256-GCM; `sm4ctr-hmacsm3` in the China regions, where a KMS symmetric key is
 * SM4-128 and commercial-cryptography rules expect SM4 (GB/T 32907-2016) for the fields themselves.
 */
export const SEALING_ALGORITHMS = ['aes256gcm', 'sm4ctr-hmacsm3'] as const;
export type SealingAlgorithm = (typeof SEALING_ALGORITHMS)[number];

export const isSealingAlgorithm = (value: string): value is SealingAlgorithm =>
  (SEALING_ALGORITHMS as readonly string[]).includes(value);

/** One authenticated cipher of sealed values: `context` (case and field) is authenticated, not stored. */
export interface FieldCipher {
  readonly id: SealingAlgorithm;
  /** The data key KMS generates for it: GenerateDataKey's KeySpec (AES_128 is SM4-128 in China). */
  readonly dataKeySpec: 'AES_256' | 'AES_128';
  /** `<iv>.<ciphertext‖tag>`, both base64url. */
  seal(dataKey: Buffer, context: string, value: string): string;
  /** The clear value; throws if the tag does not match (another key, context, or a changed byte). */
  open(dataKey: Buffer, context: string, iv: Buffer, body: Buffer): string;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

/** AES-256-GCM, 96-bit random nonce, 128-bit tag, the context as additional authenticated data. */
const AES_256_GCM: FieldCipher = {
  id: 'aes256gcm',
  dataKeySpec: 'AES_256',
  seal(dataKey, context, value) {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', dataKey, nonce);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${b64(nonce)}.${b64(body)}`;
  },
  open(dataKey, context, nonce, body) {
    if (nonce.length !== 12 || body.length < 16) throw new Error('malformed sealed value');
    const decipher = createDecipheriv('aes-256-gcm', dataKey, nonce);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString(
      'utf8',
    );
  },
};

const SM4_IV_BYTES = 16;
const SM3_TAG_BYTES = 32;
/** Labels of the two keys derived from one data key, and the MAC's domain separator. */
const SM4_ENC_INFO = 'ldm-field-sealing/sm4-ctr';
const SM3_MAC_INFO = 'ldm-field-sealing/hmac-sm3';
const SM4_MAC_LABEL = Buffer.from('sm4ctr-hmacsm3\0', 'utf8');

/** The encryption and MAC keys of a data key, derived once per data key held in memory. */
const derived = new WeakMap<Buffer, { readonly enc: Buffer; readonly mac: Buffer }>();
function sm4Keys(dataKey: Buffer) {
  let keys = derived.get(dataKey);
  if (!keys) {
    keys = {
      enc: Buffer.from(hkdfSync('sm3', dataKey, Buffer.alloc(0), SM4_ENC_INFO, 16)),
      mac: Buffer.from(hkdfSync('sm3', dataKey, Buffer.alloc(0), SM3_MAC_INFO, 32)),
    };
    derived.set(dataKey, keys);
  }
  return keys;
}

/** HMAC-SM3 over the label, the context's length and bytes, the IV and the ciphertext (unambiguous). */
function sm3Tag(macKey: Buffer, context: string, iv: Buffer, ciphertext: Buffer): Buffer {
  const ctx = Buffer.from(context, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(ctx.length);
  return createHmac('sm3', macKey)
    .update(SM4_MAC_LABEL)
    .update(length)
    .update(ctx)
    .update(iv)
    .update(ciphertext)
    .digest();
}

/**
 * SM4 (GB/T 32907-2016) in CTR mode with HMAC-SM3 (SM3: GB/T 32905-2016) encrypt-then-MAC: Node's OpenSSL
 * has no SM4-GCM or SM4-CCM, and encrypt-then-MAC with independent keys is an authenticated cipher (the
 * MAC is checked, in constant time, before anything is decrypted). The SM4 key (128 bits) and the MAC key
 * (256 bits) are derived from the data key by HKDF (RFC 5869) over SM3 with distinct labels; the IV is 128
 * random bits per value (a data key seals at most 10,000 short values, so counter blocks do not repeat);
 * the full 256-bit tag is kept.
 */
const SM4_CTR_HMAC_SM3: FieldCipher = {
  id: 'sm4ctr-hmacsm3',
  dataKeySpec: 'AES_128',
  seal(dataKey, context, value) {
    const { enc, mac } = sm4Keys(dataKey);
    const iv = randomBytes(SM4_IV_BYTES);
    const cipher = createCipheriv('sm4-ctr', enc, iv);
    const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return `${b64(iv)}.${b64(Buffer.concat([ciphertext, sm3Tag(mac, context, iv, ciphertext)]))}`;
  },
  open(dataKey, context, iv, body) {
    if (iv.length !== SM4_IV_BYTES || body.length < SM3_TAG_BYTES) throw new Error('malformed sealed value');
    const { enc, mac } = sm4Keys(dataKey);
    const ciphertext = body.subarray(0, body.length - SM3_TAG_BYTES);
    const expected = sm3Tag(mac, context, iv, ciphertext);
    if (!timingSafeEqual(expected, body.subarray(body.length - SM3_TAG_BYTES))) {
      throw new Error('sealed value refused: its tag does not match');
    }
    const decipher = createDecipheriv('sm4-ctr', enc, iv);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  },
};

export const FIELD_CIPHERS: Readonly<Record<SealingAlgorithm, FieldCipher>> = {
  aes256gcm: AES_256_GCM,
  'sm4ctr-hmacsm3': SM4_CTR_HMAC_SM3,
};
