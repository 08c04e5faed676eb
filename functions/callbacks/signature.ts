import type { VerifiedPartner } from '../../domain/callbacks/handle-event.ts';
import type { PartnerDirectory } from '../../domain/handoffs/ports.ts';
import { PARTNER_KINDS } from '../../domain/shared/destinations.ts';
import { PARTNER_ID } from '../../domain/shared/validation.ts';
import { StandardWebhook, WebhookVerificationError } from '../adapters/partners/standard-webhooks.ts';

/** Why a callback was refused before anything was read: the reason is logged, never sent back. */
export class SignatureRejected extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super('the webhook signature did not verify');
    this.name = 'SignatureRejected';
    this.reason = reason;
  }
}

/**
 * The partner a callback names: the `{partnerId}` path parameter or, on a partner's own literal route
 * (`POST /partners/<id>/callbacks`, which the CDK stack adds per partner for throttling), the id in the
 * route key — API Gateway's, not the caller's. The signature check decides whether it is anyone.
 */
export function callbackPartnerId(event: {
  readonly pathParameters?: Record<string, string | undefined>;
  readonly routeKey?: string;
}): string | undefined {
  const fromPath = event.pathParameters?.partnerId;
  if (fromPath !== undefined) return fromPath;
  return /^POST \/partners\/([^/{}]+)\/callbacks$/.exec(event.routeKey ?? '')?.[1];
}

/**
 * Verifies a partner callback by the Standard Webhooks scheme: `webhook-id`, `webhook-timestamp` (at most
 * 5 minutes off) and `webhook-signature` (HMAC-SHA256 `v1`) over the raw body, with any of the partner's
 * inbound (callback) secrets, read from the partner store, so a partner that rotates its secret verifies
 * on both; the outbound secrets that sign our webhooks never verify a callback. Unknown partners, missing headers,
 * stale timestamps and bad signatures are all the same refusal to the caller.
 */
export async function verifyCallback(
  registry: PartnerDirectory,
  partnerId: string | undefined,
  rawBody: string,
  headers: Record<string, string | undefined>,
): Promise<VerifiedPartner> {
  if (!PARTNER_ID.safeParse(partnerId).success) throw new SignatureRejected('malformed partner id');
  const signed = {
    'webhook-id': headers['webhook-id'] ?? '',
    'webhook-timestamp': headers['webhook-timestamp'] ?? '',
    'webhook-signature': headers['webhook-signature'] ?? '',
  };
  if (!signed['webhook-id'] || !signed['webhook-timestamp'] || !signed['webhook-signature']) {
    throw new SignatureRejected('missing webhook headers');
  }
  // The partner's own item, under each kind (the path names no kind): a GetItem each, cached per partner.
  const found = await Promise.all(PARTNER_KINDS.map((kind) => registry.find(kind, partnerId as string)));
  const candidates = found.filter((p) => p !== null);
  if (candidates.length === 0) throw new SignatureRejected('unknown partner');
  let lastReason = 'bad signature';
  for (const partner of candidates) {
    // Inbound secrets only: one that signs our webhooks to the partner proves nothing about the sender.
    for (const secret of partner.callbackSecrets) {
      try {
        // The body is parsed (and refused with a 400) by the handler, not by the verifier.
        new StandardWebhook(secret).verify(rawBody, signed);
        return { kind: partner.kind, id: partner.id, posts: partner.posts ?? [] };
      } catch (error) {
        lastReason = error instanceof WebhookVerificationError ? error.message : 'bad signature';
      }
    }
  }
  throw new SignatureRejected(lastReason);
}
