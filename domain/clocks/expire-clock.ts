import type { Case, CaseEvent } from '../case/model.ts';
import type { CaseDeps } from '../case/ports.ts';
import type { Actor } from '../shared/actor.ts';
import { NotFoundError, VersionConflictError } from '../shared/errors.ts';
import { withStatus } from './clock.ts';

/** The reminder sweep acts as this system actor when it records an expiry. */
export const CLOCK_ACTOR: Actor = { sub: 'sla-sweep', role: 'system', postId: 'SYSTEM' };

const RETRIES = 5;

/**
 * A clock ran out (the reminder sweep, at its OVERDUE stage): the case records CLOCK_EXPIRED and the clock
 * becomes EXPIRED, which opens the legal consequence the action table guards on — after the mediation
 * period a party may go to arbitration from MEDIATING (LDMAL art. 14); no decision on acceptance or no
 * award in time opens the way to court (arts. 29, 43); a missed confirmation window closes that option
 * (People's Mediation Law art. 33). Output: `expired` now; `not-running` when the clock had already
 * ended (met, stopped, expired before: the effect happened once); `not-due` when its end is still ahead.
 */
export async function expireClock(
  deps: CaseDeps,
  caseId: string,
  clockId: string,
): Promise<'expired' | 'not-running' | 'not-due'> {
  for (let attempt = 1; ; attempt++) {
    const c = await deps.cases.get(caseId);
    if (!c) throw new NotFoundError('case', caseId);
    const clock = (c.clocks ?? []).find((k) => k.clockId === clockId);
    if (clock?.status !== 'RUNNING') return 'not-running';
    const now = deps.clock.now();
    if (now <= clock.dueAt) return 'not-due';
    const version = c.version + 1;
    const next: Case = {
      ...c,
      clocks: (c.clocks ?? []).map((k) => (k.clockId === clockId ? withStatus(k, 'EXPIRED', version) : k)),
      version,
      updatedAt: now,
    };
    const event: CaseEvent = {
      caseId,
      version,
      seq: 0,
      type: 'CLOCK_EXPIRED',
      action: 'CLOCK_EXPIRED',
      actor: CLOCK_ACTOR,
      at: now,
      from: c.status,
      to: c.status,
      payload: { clockId, clock: clock.clock, dueOn: clock.dueOn, basis: clock.basis },
    };
    try {
      await deps.cases.save({ next, events: [event], outbox: [] }, c.version);
      return 'expired';
    } catch (error) {
      if (!(error instanceof VersionConflictError) || attempt >= RETRIES) throw error;
    }
  }
}
