import type { CaseDeps } from '../case/ports.ts';
import { withStatus } from './clock.ts';
import { recordClockChange } from './record-clock-change.ts';

export { CLOCK_ACTOR } from './record-clock-change.ts';

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
  const outcome = await recordClockChange<'not-running' | 'not-due'>(deps, caseId, (c, version, now) => {
    const clock = (c.clocks ?? []).find((k) => k.clockId === clockId);
    if (clock?.status !== 'RUNNING') return { skip: 'not-running' };
    if (now <= clock.dueAt) return { skip: 'not-due' };
    return {
      patch: {
        clocks: (c.clocks ?? []).map((k) => (k.clockId === clockId ? withStatus(k, 'EXPIRED', version) : k)),
      },
      type: 'CLOCK_EXPIRED',
      payload: { clockId, clock: clock.clock, dueOn: clock.dueOn, basis: clock.basis },
    };
  });
  return outcome === 'recorded' ? 'expired' : outcome;
}
