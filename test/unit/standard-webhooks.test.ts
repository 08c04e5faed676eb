import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { WebhookVerificationError as PackageError, Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import {
  StandardWebhook,
  WEBHOOK_TOLERANCE_SECONDS,
  WebhookVerificationError,
} from '../../functions/adapters/partners/standard-webhooks.ts';

const secretOf = (bytes: Uint8Array) => `whsec_${Buffer.from(bytes).toString('base64')}`;
const headersOf = (id: string, at: Date, signature: string) => ({
  'webhook-id': id,
  'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
  'webhook-signature': signature,
});
/** What the package says of a message: null when it verifies, else its error message. */
const packageVerdict = (secret: string, body: string, headers: Record<string, string>) => {
  try {
    new Webhook(secret).verify(body, headers, { jsonParse: false });
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(PackageError);
    return (error as Error).message;
  }
};
const ourVerdict = (secret: string, body: string, headers: ReturnType<typeof headersOf>) => {
  try {
    new StandardWebhook(secret).verify(body, headers);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return (error as Error).message;
  }
};

const message = fc.record({
  key: fc.uint8Array({ minLength: 16, maxLength: 64 }),
  id: fc.string({ minLength: 1, maxLength: 40 }),
  body: fc.string({ unit: 'grapheme', maxLength: 300 }),
  // Seconds from now: inside and outside the five-minute tolerance, either way.
  offset: fc.integer({ min: -2 * WEBHOOK_TOLERANCE_SECONDS, max: 2 * WEBHOOK_TOLERANCE_SECONDS }),
});

describe('Standard Webhooks on node:crypto, against the standardwebhooks package', () => {
  it('signs exactly as the package does', () => {
    fc.assert(
      fc.property(message, ({ key, id, body, offset }) => {
        const secret = secretOf(key);
        const at = new Date(Date.now() + offset * 1000);
        expect(new StandardWebhook(secret).sign(id, at, body)).toBe(new Webhook(secret).sign(id, at, body));
      }),
      { numRuns: 200, seed: 9 },
    );
  });

  it('verifies what the package verifies and refuses what it refuses, with its messages', () => {
    fc.assert(
      fc.property(
        message,
        fc.constantFrom('as signed', 'other body', 'other secret', 'two signatures', 'v2 only', 'no id'),
        ({ key, id, body, offset }, variant) => {
          const secret = secretOf(key);
          const at = new Date(Date.now() + offset * 1000);
          const signature = new Webhook(secret).sign(id, at, body);
          const other = new Webhook(secretOf(randomBytes(32))).sign(id, at, body);
          let headers = headersOf(id, at, signature);
          let sent = body;
          let verifier = secret;
          if (variant === 'other body') sent = `${body}x`;
          if (variant === 'other secret') verifier = secretOf(randomBytes(32));
          if (variant === 'two signatures') headers = headersOf(id, at, `${other} ${signature}`);
          if (variant === 'v2 only') headers = headersOf(id, at, signature.replace('v1,', 'v2,'));
          if (variant === 'no id') headers = { ...headers, 'webhook-id': '' };
          expect(ourVerdict(verifier, sent, headers)).toBe(packageVerdict(verifier, sent, headers));
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });

  it('refuses a stale, a future and a malformed timestamp, and an empty secret', () => {
    const secret = secretOf(randomBytes(32));
    const hook = new StandardWebhook(secret);
    const now = Date.now();
    const at = (s: number) => new Date(now + s * 1000);
    const signed = (d: Date) => headersOf('m', d, hook.sign('m', d, '{}'));
    expect(() => hook.verify('{}', signed(at(-WEBHOOK_TOLERANCE_SECONDS - 5)), now)).toThrow('too old');
    expect(() => hook.verify('{}', signed(at(WEBHOOK_TOLERANCE_SECONDS + 5)), now)).toThrow('too new');
    expect(() => hook.verify('{}', { ...signed(at(0)), 'webhook-timestamp': 'soon' }, now)).toThrow(
      'Invalid Signature Headers',
    );
    expect(hook.verify('{}', signed(at(-60)), now)).toBeUndefined();
    expect(() => new StandardWebhook('whsec_')).toThrow("Secret can't be empty.");
    // A stray `=` would make Node's decoder stop there and sign with a shorter key: refused, like the package.
    const stray = `whsec_${'A'.repeat(8)}=${'B'.repeat(30)}`;
    expect(() => new Webhook(stray)).toThrow();
    expect(() => new StandardWebhook(stray)).toThrow('incorrect characters');
  });
});
