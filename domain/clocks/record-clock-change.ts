import type { Case, CaseEvent, CaseEventType } from '../case/model.ts';
import type { CaseChange, CaseDeps } from '../case/ports.ts';
import type { Actor } from '../shared/actor.ts';
import { NotFoundError, VersionConflictError } from '../shared/errors.ts';

/** The reminder sweep and the provisional-clock job act as this system actor on the case. */
export const CLOCK_ACTOR: Actor = { sub: 'sla-sweep', role: 'system', postId: 'SYSTEM' };

const RETRIES = 5;

/**
 * Records one clock change on a case as the system: `change` gets the latest case and its next version and
 * returns the changed fields and the event's type and payload, or a reason to do nothing. `then`, if given,
 * continues from the changed case in the same write (an action the change entails: an expiry that takes a
 * system action, lifecycle/definition.ts `onExpiry`); it returns the change at the same version, or null.
 * Stored with the case's version as a guard, read again and retried when another change landed first.
 */
export async function recordClockChange<R extends string>(
  deps: CaseDeps,
  caseId: string,
  change: (
    c: Case,
    version: number,
    now: string,
  ) =>
    | { readonly skip: R }
    | {
        readonly patch: Partial<Case>;
        readonly type: CaseEventType;
        readonly payload: Record<string, unknown>;
      },
  then?: (changed: Case, now: string) => CaseChange | null,
): Promise<R | 'recorded'> {
  for (let attempt = 1; ; attempt++) {
    const c = await deps.cases.get(caseId);
    if (!c) throw new NotFoundError('case', caseId);
    const version = c.version + 1;
    const now = deps.clock.now();
    const decided = change(c, version, now);
    if ('skip' in decided) return decided.skip;
    const next: Case = { ...c, ...decided.patch, version, updatedAt: now };
    const event: CaseEvent = {
      caseId,
      version,
      seq: 0,
      type: decided.type,
      action: decided.type,
      actor: CLOCK_ACTOR,
      at: now,
      from: c.status,
      to: c.status,
      payload: decided.payload,
    };
    const followed = then?.(next, now);
    const stored: CaseChange = followed
      ? {
          next: followed.next,
          // One version, one write: the clock's event first, then the action's.
          events: [event, ...followed.events.map((e) => ({ ...e, seq: e.seq + 1 }))],
          outbox: followed.outbox,
        }
      : { next, events: [event], outbox: [] };
    try {
      await deps.cases.save(stored, c.version);
      return 'recorded';
    } catch (error) {
      if (!(error instanceof VersionConflictError) || attempt >= RETRIES) throw error;
    }
  }
}
