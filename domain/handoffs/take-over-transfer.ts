import type { CaseEvent } from '../case/model.ts';
import { decide } from '../lifecycle/decide.ts';
import type { ReminderTransfer } from '../reminders/ports.ts';
import { DomainError, IllegalTransitionError, VersionConflictError } from '../shared/errors.ts';
import {
  type HandoffOutcome,
  type HandoffRecord,
  type HandoffRef,
  PIPELINE_ACTOR,
  type Settlement,
} from './model.ts';
import type { HandoffDeps } from './ports.ts';
import { type KnownState, settle } from './settle.ts';

/**
 * The ACCEPT_TRANSFER settlement: the case moves to the receiving post's inbox (FILED there, unassigned),
 * the sending post keeps read access to the record up to the handover, HANDOFF_RECEIVED is recorded and
 * the handoff becomes DELIVERED — in one transaction, once. Throws IllegalTransitionError when the case no
 * longer awaits this transfer.
 */
export async function acceptTransfer(
  deps: HandoffDeps,
  ref: HandoffRef,
  known?: KnownState,
): Promise<Settlement> {
  return settle(
    deps,
    ref,
    ['PENDING', 'FAILED'],
    (c, h, now) => {
      if (c.status !== 'TRANSFER_PENDING' || c.lastHandoff?.handoffId !== h.handoffId) {
        throw new IllegalTransitionError(
          c.status,
          'ACCEPT_TRANSFER',
          [],
          'the case no longer awaits this transfer',
        );
      }
      const decision = decide(
        c,
        { action: 'ACCEPT_TRANSFER' },
        {
          now,
          actor: PIPELINE_ACTOR,
          periods: deps.periods,
          calendar: deps.calendar,
          newHandoffId: () => deps.ids.handoffId(),
        },
      );
      const taken = decision.next.lastHandoff;
      return {
        next: { ...decision.next, lastHandoff: taken && { ...taken, status: 'DELIVERED' } },
        events: decision.events as CaseEvent[],
        handoff: { ...h, status: 'DELIVERED', deliveredAt: now, lastError: null },
      };
    },
    known,
  );
}

/**
 * A union post takes over a transferred case (the union-post queue's use case), and the case's open
 * reminders move to that post's desk list. Input: the queue message's pointer. Output: `settled` when the post took it over now, `duplicate` when it had already
 * (or the message is from an older dispatch than the handoff's), `failed` when it never can (the case no
 * longer awaits the transfer, or the handoff or case is gone), `retry` when a concurrent action kept
 * winning. Every takeover attempt is counted on the handoff.
 */
export async function takeOverTransfer(
  deps: HandoffDeps & { readonly reminders?: ReminderTransfer },
  message: HandoffRef,
): Promise<HandoffOutcome> {
  const h = await deps.handoffs.getHandoff(message);
  if (h?.status === 'DELIVERED') {
    // Taken over already: the move of its reminders may be what a crash left undone.
    await remindersFollow(deps, h);
    return { kind: 'duplicate' };
  }
  if (h && message.dispatch < h.dispatch) return { kind: 'duplicate' };
  let settlement: Settlement;
  try {
    settlement = await acceptTransfer(deps, message, h ? { handoff: h } : {});
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await deps.handoffs.recordAttempt(message, deps.clock.now(), reason).catch(() => undefined);
    if (error instanceof VersionConflictError) return { kind: 'retry', reason };
    if (error instanceof DomainError) return { kind: 'failed', reason };
    throw error;
  }
  await deps.handoffs.recordAttempt(message, deps.clock.now(), null);
  if (h) await remindersFollow(deps, h);
  return { kind: settlement };
}

/**
 * The case's open reminders follow it to the receiving post's desk list (its clocks already did, in the
 * takeover's transaction). After the transaction, and again on a redelivered message, so a crash between
 * the two leaves nothing behind: the message comes back and the move is repeated, changing nothing twice.
 */
async function remindersFollow(
  deps: { readonly reminders?: ReminderTransfer },
  h: HandoffRecord,
): Promise<void> {
  if (!deps.reminders || h.destination.kind !== 'UNION_POST') return;
  await deps.reminders.moveOpen({ caseId: h.caseId, fromPostId: h.fromPostId, toPostId: h.destination.id });
}
