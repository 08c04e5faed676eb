import type { Case, CaseEvent, CaseEventType } from '../case/model.ts';
import { NotFoundError, VersionConflictError } from '../shared/errors.ts';
import {
  type HandoffRecord,
  type HandoffRef,
  type HandoffStatus,
  HandoffStatusConflict,
  PIPELINE_ACTOR,
  type Settlement,
} from './model.ts';
import type { HandoffDeps, HandoffSettlement } from './ports.ts';

const CONFLICT_RETRIES = 5;

/** What the caller already read, so the first try needs no second read (the store's guards still apply). */
export interface KnownState {
  readonly handoff?: HandoffRecord;
  readonly case?: Case;
}

/**
 * Runs a settlement against the latest case, again when a concurrent action moved the case on. Returns
 * 'duplicate' when the handoff had already left the statuses `from` — the effect happened before. The
 * first try may start from state the caller read moments ago: the transaction's guards on the case
 * version and the handoff status make a stale copy fail safely, and the retry reads afresh.
 */
export async function settle(
  deps: HandoffDeps,
  ref: Pick<HandoffRef, 'caseId' | 'handoffId' | 'requestedVersion'>,
  from: readonly HandoffStatus[],
  build: (c: Case, h: HandoffRecord, now: string) => Omit<HandoffSettlement, 'expectedVersion' | 'from'>,
  known: KnownState = {},
): Promise<Settlement> {
  for (let attempt = 1; ; attempt++) {
    const h = (attempt === 1 ? known.handoff : undefined) ?? (await deps.handoffs.getHandoff(ref));
    if (!h) throw new NotFoundError('handoff', ref.handoffId);
    if (!from.includes(h.status)) return 'duplicate';
    const c = (attempt === 1 ? known.case : undefined) ?? (await deps.cases.get(ref.caseId));
    if (!c) throw new NotFoundError('case', ref.caseId);
    try {
      await deps.handoffs.settleHandoff({
        ...build(c, h, deps.clock.now()),
        expectedVersion: c.version,
        from,
      });
      return 'settled';
    } catch (error) {
      if (error instanceof HandoffStatusConflict) return 'duplicate';
      if (!(error instanceof VersionConflictError) || attempt >= CONFLICT_RETRIES) throw error;
    }
  }
}

/** What the case keeps of its last handoff's status after each pipeline event. */
const HANDOFF_STATUS_AFTER: Partial<Record<CaseEventType, HandoffStatus>> = {
  HANDOFF_DELIVERED: 'DELIVERED',
  HANDOFF_FAILED: 'FAILED',
  HANDOFF_RETRIED: 'PENDING',
};

/**
 * The case at its next version with one pipeline event about the handoff (its status unchanged; the
 * handoff's status as the case shows it follows the event).
 */
export function handoffEvent(
  c: Case,
  h: HandoffRecord,
  now: string,
  type: CaseEventType,
  payload: Record<string, unknown>,
): { next: Case; event: CaseEvent } {
  const status = HANDOFF_STATUS_AFTER[type];
  const lastHandoff =
    status && c.lastHandoff?.handoffId === h.handoffId ? { ...c.lastHandoff, status } : c.lastHandoff;
  const next: Case = { ...c, lastHandoff, version: c.version + 1, updatedAt: now };
  const event: CaseEvent = {
    caseId: c.caseId,
    version: next.version,
    seq: 0,
    type,
    action: type,
    actor: PIPELINE_ACTOR,
    at: now,
    from: c.status,
    to: c.status,
    payload,
    handoff: { handoffId: h.handoffId, destination: h.destination, purpose: h.purpose },
  };
  return { next, event };
}
