import type { HandoffRecord } from './model.ts';
import type { HandoffRepository } from './ports.ts';

/** A case has at most this many handoffs in view when checking order (one page of its partition). */
const HANDOFFS_PER_CASE = 100;

/**
 * Why a handoff may no longer be delivered: a later handoff of the same case to the same destination has
 * already arrived, so delivering this one now would break the case's order. Null when it may go.
 */
export async function overtakenBy(handoffs: HandoffRepository, h: HandoffRecord): Promise<string | null> {
  const { items } = await handoffs.listHandoffs(h.caseId, { limit: HANDOFFS_PER_CASE });
  const later = items.find(
    (x) =>
      x.requestedVersion > h.requestedVersion &&
      x.status === 'DELIVERED' &&
      x.destination.kind === h.destination.kind &&
      x.destination.id === h.destination.id,
  );
  return later
    ? `overtaken: the case's later handoff ${later.handoffId} to ${h.destination.id} was delivered first`
    : null;
}
