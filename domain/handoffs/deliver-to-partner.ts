import type { Case } from '../case/model.ts';
import { DomainError, VersionConflictError } from '../shared/errors.ts';
import type { HandoffOutcome, HandoffRef } from './model.ts';
import { overtakenBy } from './overtaken.ts';
import { HANDOFF_CONTENTS, handoffPackage } from './package.ts';
import type { HandoffDeps, PartnerDirectory, WebhookSender } from './ports.ts';
import { recordDelivery } from './record-outcome.ts';

/** How a partner handoff leaves: the registry that names the partner and the signed sender. */
export interface PartnerChannel {
  readonly partners: PartnerDirectory;
  readonly sender: WebhookSender;
  /**
   * Opens the case's sealed ID numbers and phones (domain/sealing), asked only for a purpose whose package
   * carries the parties in full (HANDOFF_CONTENTS: where the law routes them to the partner, PIPL art. 13).
   */
  readonly unseal?: (c: Case) => Promise<Case>;
}

const failed = (reason: string): HandoffOutcome => ({ kind: 'failed', reason });

/**
 * Delivers a handoff to a court or arbitration institute (the partner queues' use case). Input: the queue
 * message's pointer. The handoff package (case, parties, claims, the mediation record up to the requesting
 * action) goes to the partner as a signed message whose id is the handoff id, and the partner's receipt is
 * recorded as HANDOFF_DELIVERED with its reference, once. Output:
 * - `duplicate` for a handoff already delivered or a message from an older dispatch;
 * - `failed` when it can never go as it stands: unknown handoff, case or partner, a union-post handoff
 *   here, the partner refused it, or a later handoff of the case to the same partner arrived first
 *   (sending this one now would break the case's order);
 * - `retry` when the partner was unavailable or a concurrent action kept winning;
 * - `settled` when it was delivered and recorded now.
 * A crash between the call and the record repeats the call with the same message id, which the partner
 * discards.
 */
export async function deliverToPartner(
  deps: HandoffDeps,
  message: HandoffRef,
  channel: PartnerChannel,
): Promise<HandoffOutcome> {
  const h = await deps.handoffs.getHandoff(message);
  if (!h) return failed(`handoff ${message.handoffId} does not exist`);
  if (h.status === 'DELIVERED' || message.dispatch < h.dispatch) return { kind: 'duplicate' };
  const overtaken = await overtakenBy(deps.handoffs, h);
  if (overtaken) return failed(overtaken);
  const { kind, id } = h.destination;
  if (kind === 'UNION_POST') return failed('a union-post handoff on a partner queue');
  const partner = await channel.partners.find(kind, id);
  if (!partner) return failed(`${kind} ${id} is not in the partner registry`);
  const c = await deps.cases.get(h.caseId);
  if (!c) return failed(`case ${h.caseId} does not exist`);
  const record = await deps.cases.eventsUpTo(h.caseId, h.requestedVersion);
  const full = HANDOFF_CONTENTS[h.purpose]?.parties && channel.unseal ? await channel.unseal(c) : c;
  const body = JSON.stringify(handoffPackage(full, h, record));
  const outcome = await channel.sender.send(partner, h.handoffId, body, (error) =>
    deps.handoffs.recordAttempt(message, deps.clock.now(), error),
  );
  if (outcome.kind === 'rejected') return failed(outcome.reason);
  if (outcome.kind === 'unavailable') return { kind: 'retry', reason: outcome.reason };
  try {
    // The handoff and case as read before the call: if either moved meanwhile, the guarded write fails and
    // the settlement reads them again.
    return { kind: await recordDelivery(deps, message, outcome.reference, { handoff: h, case: c }) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof VersionConflictError) return { kind: 'retry', reason };
    if (error instanceof DomainError) return failed(reason);
    throw error;
  }
}
