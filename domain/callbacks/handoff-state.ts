import type { Case } from '../case/model.ts';
import type { PartnerKind } from '../shared/destinations.ts';
import { IllegalEventError } from '../shared/errors.ts';
import { message } from '../shared/messages.ts';

/**
 * The case was handed to this partner, but the handoff has not arrived: it is still PENDING (queued, being
 * delivered) or FAILED (refused, parked for an admin). A 409 naming the handoff's state; the partner's
 * sender retries (Standard Webhooks), and its callback is applied once the delivery is recorded.
 */
export class HandoffNotDeliveredError extends IllegalEventError {
  constructor(c: Case, type: string, handoffId: string, handoffStatus: 'PENDING' | 'FAILED') {
    super(c.status, type, [], message('callback.handoffNotDelivered', { type, handoffId, handoffStatus }));
    Object.defineProperty(this, 'details', {
      value: { ...(this.details as object), handoffId, handoffStatus },
      enumerable: true,
    });
  }
}

/**
 * Refuses a partner's event on a case whose last handoff went to that partner and is not DELIVERED. A
 * handoff from before the case kept its status (none recorded) counts as delivered; a case the partner
 * opened itself, or one the law brings it without a handoff, is not concerned.
 */
export function refuseUntilDelivered(
  partner: { readonly kind: PartnerKind; readonly id: string },
  type: string,
) {
  return (c: Case): void => {
    const h = c.lastHandoff;
    if (!h || h.destination.kind !== partner.kind || h.destination.id !== partner.id) return;
    if (h.status === 'PENDING' || h.status === 'FAILED') {
      throw new HandoffNotDeliveredError(c, type, h.handoffId, h.status);
    }
  };
}
