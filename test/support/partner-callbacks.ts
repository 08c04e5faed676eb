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
  /**
   * Send once, and return a 409 for a handoff not yet delivered as it is. By default the client retries it
   * for a few seconds, as a partner's sender retries: the pipeline records the delivery moments after the
   * partner received it, and a test's callback often comes first.
   */
  readonly once?: boolean;
}

const PENDING_RETRY_MS = 15_000;

/** Signs and posts partner callbacks to the local stack as a court or arbitration institute would. */
export function partnerClient(baseUrl: string, defaultSecret = TEST_PARTNER_SECRET) {
  const send = async (partnerId: string, body: unknown, options: CallbackOptions = {}) => {
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
  return async (partnerId: string, body: unknown, options: CallbackOptions = {}) => {
    const until = Date.now() + PENDING_RETRY_MS;
    for (;;) {
      // A retry is a new delivery attempt of the same message: the same webhook-id, signed afresh.
      const res = await send(partnerId, body, options);
      const notYet = res.status === 409 && res.body?.error?.details?.handoffStatus === 'PENDING';
      if (options.once || !notYet || Date.now() > until) return res;
      options = { ...options, webhookId: res.webhookId };
      await new Promise((r) => setTimeout(r, 100));
    }
  };
}
