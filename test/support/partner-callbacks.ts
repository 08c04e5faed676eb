import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A `whsec_` secret the local stack's simulated partners share (LOCAL_PARTNER_SECRET) in the tests. */
export const TEST_PARTNER_SECRET = `whsec_${Buffer.from('local partner secret for tests only!').toString('base64')}`;

export interface CallbackOptions {
  readonly webhookId?: string;
  /** Seconds since the epoch; defaults to now. */
  readonly timestamp?: number;
  readonly secret?: string;
  /** Send these bytes instead of the JSON of `body` (signed as sent). */
  readonly raw?: string;
  /** Sign this instead of what is sent (a forged signature). */
  readonly signedBody?: string;
}

/** Signs and posts partner callbacks to the local stack as a court or arbitration institute would. */
export function partnerClient(baseUrl: string, defaultSecret = TEST_PARTNER_SECRET) {
  return async (partnerId: string, body: unknown, options: CallbackOptions = {}) => {
    const raw = options.raw ?? JSON.stringify(body);
    const webhookId = options.webhookId ?? `msg_${randomUUID()}`;
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const signature = new Webhook(options.secret ?? defaultSecret).sign(
      webhookId,
      new Date(timestamp * 1000),
      options.signedBody ?? raw,
    );
    const res = await fetch(`${baseUrl}/partners/${encodeURIComponent(partnerId)}/callbacks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': webhookId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signature,
      },
      body: raw,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, webhookId };
  };
}
