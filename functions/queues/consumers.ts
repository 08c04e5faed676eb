import { deliverToPartner } from '../../domain/handoffs/deliver-to-partner.ts';
import type { PartnerDirectory } from '../../domain/handoffs/ports.ts';
import { takeOverTransfer } from '../../domain/handoffs/take-over-transfer.ts';
import { unsealCase } from '../adapters/dynamodb/sealed-items.ts';
import { deliverWebhook } from '../adapters/partners/webhook-client.ts';
import { type ConsumerDeps, createHandoffConsumer } from './handoff-consumer.ts';

export interface PartnerConsumerDeps extends ConsumerDeps {
  readonly partners: PartnerDirectory;
  readonly delivery: { readonly timeoutMs: number; readonly attempts: number; readonly backoffMs: number };
  /** The webhook call; tests wrap it to inject faults. */
  readonly deliver?: typeof deliverWebhook;
}

/**
 * Courts and arbitration institutes: each message is delivered by `deliverToPartner` through a signed
 * webhook that may use the invocation's remaining time for its retries.
 */
export function createPartnerConsumer(d: PartnerConsumerDeps) {
  const deliver = d.deliver ?? deliverWebhook;
  return createHandoffConsumer(d, (message, context, deps) =>
    deliverToPartner(deps, message, {
      partners: d.partners,
      unseal: unsealCase,
      sender: {
        send: (partner, messageId, body, onAttempt) =>
          deliver(partner, messageId, body, {
            ...d.delivery,
            remainingMs: () => context.getRemainingTimeInMillis(),
            onAttempt,
          }),
      },
    }),
  );
}

/** The union-post inbox: each message is a takeover by the receiving post (`takeOverTransfer`). */
export const createUnionPostConsumer = (d: ConsumerDeps) =>
  createHandoffConsumer(d, (message, _context, deps) => takeOverTransfer(deps, message));
