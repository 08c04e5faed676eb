import * as z from 'zod/mini';
import type { CaseStatus } from '../../case/model.ts';
import { HUMAN_ROLES } from '../../shared/actor.ts';
import { message } from '../../shared/messages.ts';
import { TEXT } from '../../shared/validation.ts';
import { type ActionDefinition, defineAction, type Row } from '../definition.ts';

/**
 * A handoff the pipeline could not deliver (FAILED) can be cancelled: the case returns to the state it left
 * when it was handed, and the mediator may choose another destination or another path. The rows are
 * derived from the actions that request handoffs: for each (from → to) of theirs, one (to → from) here,
 * taken only when the case's last handoff FAILED and had left exactly that state.
 */
export function cancelHandoffAction(handoffActions: readonly ActionDefinition[]): ActionDefinition {
  const pairs = new Map<string, { from: CaseStatus; to: CaseStatus }>();
  for (const action of handoffActions) {
    for (const row of action.rows) {
      for (const left of row.from) pairs.set(`${row.to}>${left}`, { from: row.to, to: left });
    }
  }
  const rows: Row<{ reason: string }>[] = [...pairs.values()].map(({ from, to }) => ({
    from: [from],
    to,
    guard: (c) => {
      const h = c.lastHandoff;
      if (h?.status !== 'FAILED') return message('guard.onlyFailedCancel');
      return h.fromStatus === to ? null : message('guard.handoffDidNotLeave', { status: to });
    },
    apply: () => ({ lastHandoff: null }),
  }));
  return defineAction({
    payload: () => z.strictObject({ reason: TEXT(2000) }),
    roles: HUMAN_ROLES,
    rows,
    emits: ['ACTION_APPLIED'],
    // The partner never had the case: its clocks never ran.
    clocks: { starts: [], stops: ['ARBITRATION_ACCEPTANCE', 'PAYMENT_ORDER_ACCEPTANCE'] },
  });
}
