import type { CaseEvent } from '../../domain/case.ts';
import { handoffPackage, overtakenBy, receiveTransfer, recordDelivery } from '../../domain/handoffs.ts';
import type { CaseDeps } from '../../domain/ports.ts';
import type { PartnerDirectory } from '../adapters/partners/registry.ts';
import { deliverWebhook } from '../adapters/partners/webhook-client.ts';
import type { HandoffQueues } from '../adapters/sqs/handoff-queues.ts';
import { createHandoffConsumer, PermanentFailure } from './handoff-consumer.ts';

export interface PartnerConsumerDeps {
  readonly deps: CaseDeps;
  readonly queues: Pick<HandoffQueues, 'moveToDeadLetter'>;
  readonly partners: PartnerDirectory;
  readonly delivery: { readonly timeoutMs: number; readonly attempts: number; readonly backoffMs: number };
  /** The webhook call; tests wrap it to inject faults. */
  readonly deliver?: typeof deliverWebhook;
}

const RECORD_PAGES = 50;

async function mediationRecord(deps: CaseDeps, caseId: string): Promise<CaseEvent[]> {
  const events: CaseEvent[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < RECORD_PAGES; page++) {
    const out = await deps.repo.history(caseId, { limit: 100, ...(cursor ? { cursor } : {}) });
    events.push(...out.items);
    if (!out.nextCursor) break;
    cursor = out.nextCursor;
  }
  return events;
}

/**
 * Courts and arbitration institutes: the handoff package goes to the partner's endpoint as a Standard
 * Webhooks message whose id is the handoff id, and the partner's receipt is recorded as
 * HANDOFF_DELIVERED with its reference. A crash between the call and the record repeats the call with the
 * same webhook id, which the partner discards; the record itself is written once, guarded by the handoff.
 */
export function createPartnerConsumer(d: PartnerConsumerDeps) {
  const deliver = d.deliver ?? deliverWebhook;
  return createHandoffConsumer(d, async (message, context) => {
    const h = await d.deps.repo.getHandoff(message);
    if (!h) throw new PermanentFailure(`handoff ${message.handoffId} does not exist`);
    if (h.status === 'DELIVERED' || message.dispatch < h.dispatch) return 'duplicate';
    const overtaken = await overtakenBy(d.deps, h);
    if (overtaken) throw new PermanentFailure(overtaken);
    if (h.destination.kind === 'UNION_POST')
      throw new PermanentFailure('a union-post handoff on a partner queue');
    const partner = await d.partners.find(h.destination.kind, h.destination.id);
    if (!partner) {
      throw new PermanentFailure(`${h.destination.kind} ${h.destination.id} is not in the partner registry`);
    }
    const c = await d.deps.repo.get(h.caseId);
    if (!c) throw new PermanentFailure(`case ${h.caseId} does not exist`);
    const body = JSON.stringify(handoffPackage(c, h, await mediationRecord(d.deps, h.caseId)));
    const outcome = await deliver(partner, h.handoffId, body, {
      ...d.delivery,
      remainingMs: () => context.getRemainingTimeInMillis(),
      onAttempt: (error) => d.deps.repo.recordAttempt(message, d.deps.clock.now(), error),
    });
    if (outcome.kind === 'rejected') throw new PermanentFailure(outcome.reason);
    if (outcome.kind === 'unavailable') throw new Error(outcome.reason);
    return recordDelivery(d.deps, message, outcome.reference);
  });
}

/**
 * Union-post inbox: a transferred case moves to the receiving post (ownership and inbox), the sending
 * post keeps read access to the history, HANDOFF_RECEIVED is recorded — once, guarded by the handoff.
 */
export const createUnionPostConsumer = (d: {
  deps: CaseDeps;
  queues: Pick<HandoffQueues, 'moveToDeadLetter'>;
}) =>
  createHandoffConsumer(d, async (message) => {
    const h = await d.deps.repo.getHandoff(message);
    if (h && (h.status === 'DELIVERED' || message.dispatch < h.dispatch)) return 'duplicate';
    try {
      const outcome = await receiveTransfer(d.deps, message);
      await d.deps.repo.recordAttempt(message, d.deps.clock.now(), null);
      return outcome;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await d.deps.repo.recordAttempt(message, d.deps.clock.now(), reason).catch(() => undefined);
      throw error;
    }
  });
