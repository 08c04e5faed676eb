import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The Standard Webhooks scheme (standardwebhooks.com) with Node's own HMAC: a `whsec_`-prefixed base64
 * secret, `v1,` + base64 HMAC-SHA256 of `<webhook-id>.<unix seconds>.<body>`, several signatures separated
 * by spaces, a timestamp at most five minutes off either way. The same answers as the `standardwebhooks`
 * package (the local partners and the tests still use it, and a unit test checks each against the other),
 * without its pure-JavaScript SHA-256 and CommonJS wrappers in every function that signs or verifies.
 */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;
const PREFIX = 'whsec_';

/** Why a message did not verify: the package's own messages, logged, never sent back. */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
}

export interface SignedHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

export class StandardWebhook {
  readonly #key: Buffer;

  constructor(secret: string) {
    const encoded = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret;
    // Strict like the package's decoder: Node's would stop at a stray `=` and sign with a shorter key.
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded))
      throw new Error('Base64Coder: incorrect characters for decoding');
    const key = Buffer.from(encoded, 'base64');
    if (key.length === 0) throw new Error("Secret can't be empty.");
    this.#key = key;
  }

  /** `v1,<base64 signature>` of the message at that instant (whole seconds). */
  sign(id: string, at: Date, body: string): string {
    const seconds = Math.floor(at.getTime() / 1000);
    return `v1,${createHmac('sha256', this.#key).update(`${id}.${seconds}.${body}`).digest('base64')}`;
  }

  /** Returns when one `v1` signature of the header matches; throws WebhookVerificationError otherwise. */
  verify(body: string, headers: SignedHeaders, nowMs: number = Date.now()): void {
    const id = headers['webhook-id'];
    const signatures = headers['webhook-signature'];
    const timestamp = headers['webhook-timestamp'];
    if (!id || !signatures || !timestamp) throw new WebhookVerificationError('Missing required headers');
    const seconds = Number.parseInt(timestamp, 10);
    if (Number.isNaN(seconds)) throw new WebhookVerificationError('Invalid Signature Headers');
    const now = Math.floor(nowMs / 1000);
    if (now - seconds > WEBHOOK_TOLERANCE_SECONDS) {
      throw new WebhookVerificationError('Message timestamp too old');
    }
    if (seconds > now + WEBHOOK_TOLERANCE_SECONDS) {
      throw new WebhookVerificationError('Message timestamp too new');
    }
    const expected = Buffer.from(this.sign(id, new Date(seconds * 1000), body).slice(3));
    for (const versioned of signatures.split(' ')) {
      const [version, signature] = versioned.split(',');
      if (version !== 'v1' || signature === undefined) continue;
      const given = Buffer.from(signature);
      if (given.length === expected.length && timingSafeEqual(given, expected)) return;
    }
    throw new WebhookVerificationError('No matching signature found');
  }
}
