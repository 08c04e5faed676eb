import type { DeliveryOutcome, Partner } from '../../../domain/handoffs/ports.ts';
import { StandardWebhook } from './standard-webhooks.ts';

export type { DeliveryOutcome };

export interface DeliveryOptions {
  readonly timeoutMs: number;
  readonly attempts: number;
  readonly backoffMs: number;
  /** Milliseconds left in the invocation; no attempt starts that could outlive it. */
  readonly remainingMs: () => number;
  /** Told of each attempt's result (null when it succeeded). */
  readonly onAttempt?: (error: string | null) => Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Full-jitter exponential backoff: a random wait below base × 2^(attempt−1), capped at 30 s. */
export const backoffDelay = (attempt: number, baseMs: number, random = Math.random) =>
  Math.floor(random() * Math.min(30_000, baseMs * 2 ** (attempt - 1)));

/**
 * Standard Webhooks headers for one message. `webhook-id` is the handoff id on every attempt, so the
 * partner can discard repeats; the signature header carries one `v1,` signature per active secret.
 */
export function signedHeaders(partner: Partner, messageId: string, body: string, at = new Date()) {
  const signatures = partner.secrets.map((secret) => new StandardWebhook(secret).sign(messageId, at, body));
  return {
    'content-type': 'application/json',
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}

/**
 * Delivers one handoff to a partner: signed, with a time limit per call, retrying 5xx, 429 and timeouts
 * with backoff and jitter. The partner answers 2xx with `{ "reference": "…" }` for its docket.
 */
export async function deliverWebhook(
  partner: Partner,
  messageId: string,
  body: string,
  options: DeliveryOptions,
): Promise<DeliveryOutcome> {
  let reason = 'not attempted: too little time left in this invocation';
  let attempts = 0;
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    if (attempt > 1) {
      const wait = backoffDelay(attempt - 1, options.backoffMs);
      if (options.remainingMs() < wait + options.timeoutMs + 1000) break;
      await sleep(wait);
    } else if (options.remainingMs() < options.timeoutMs + 1000) {
      break;
    }
    attempts = attempt;
    let response: Response;
    try {
      response = await fetch(partner.endpoint, {
        method: 'POST',
        headers: signedHeaders(partner, messageId, body),
        body,
        // A redirect would carry the signed body, with the parties' personal data, to a host the registry
        // never approved: not followed, and a refusal.
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      reason =
        error instanceof Error && error.name === 'TimeoutError'
          ? `timed out after ${options.timeoutMs} ms`
          : `network error: ${error instanceof Error ? error.message : String(error)}`;
      await options.onAttempt?.(reason);
      continue;
    }
    const text = await response.text().catch(() => '');
    if (response.ok) {
      await options.onAttempt?.(null);
      return { kind: 'delivered', reference: referenceOf(text), attempts };
    }
    reason = `partner answered ${response.status}`;
    await options.onAttempt?.(reason);
    if (
      response.status >= 400 &&
      response.status < 500 &&
      response.status !== 408 &&
      response.status !== 429
    ) {
      return { kind: 'rejected', reason, attempts };
    }
  }
  return { kind: 'unavailable', reason, attempts };
}

function referenceOf(text: string): string | null {
  try {
    const parsed = JSON.parse(text) as { reference?: unknown };
    return typeof parsed.reference === 'string' ? parsed.reference.slice(0, 128) : null;
  } catch {
    return null;
  }
}
