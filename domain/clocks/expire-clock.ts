import type { Case } from '../case/model.ts';
import type { CaseChange, CaseDeps } from '../case/ports.ts';
import { decide } from '../lifecycle/decide.ts';
import { ACTION_NAMES, ACTIONS } from '../lifecycle/table.ts';
import { IllegalTransitionError } from '../shared/errors.ts';
import { withStatus } from './clock.ts';
import { CLOCK_ACTOR, recordClockChange } from './record-clock-change.ts';

export { CLOCK_ACTOR } from './record-clock-change.ts';

/**
 * A clock ran out (the reminder sweep, at its OVERDUE stage): the case records CLOCK_EXPIRED and the clock
 * becomes EXPIRED, which opens the legal consequence the action table guards on — after the mediation
 * period a party may go to arbitration from MEDIATING (LDMAL art. 14); no decision on acceptance or no
 * award in time opens the way to court (arts. 29, 43); a missed confirmation window closes that option
 * (CPL art. 205). Where the expiry itself changes the case, the system action whose
 * `onExpiry` names the period is taken in the same write: a non-final award nobody sued on within 15 days
 * takes effect (art. 50). Output: `expired` now; `not-running` when the clock had already ended (met,
 * stopped, paused, expired before: the effect happened once); `not-due` when its end is still ahead.
 */
export async function expireClock(
  deps: CaseDeps,
  caseId: string,
  clockId: string,
): Promise<'expired' | 'not-running' | 'not-due'> {
  let period = '';
  const outcome = await recordClockChange<'not-running' | 'not-due'>(
    deps,
    caseId,
    (c, version, now) => {
      const clock = (c.clocks ?? []).find((k) => k.clockId === clockId);
      if (clock?.status !== 'RUNNING') return { skip: 'not-running' };
      if (now <= clock.dueAt) return { skip: 'not-due' };
      period = clock.clock;
      return {
        patch: {
          clocks: (c.clocks ?? []).map((k) =>
            k.clockId === clockId ? withStatus(k, 'EXPIRED', version) : k,
          ),
        },
        type: 'CLOCK_EXPIRED',
        payload: { clockId, clock: clock.clock, dueOn: clock.dueOn, basis: clock.basis },
      };
    },
    (expired, now) => expiryAction(deps, expired, period, now),
  );
  return outcome === 'recorded' ? 'expired' : outcome;
}

/** The actions an expiry of each period takes (the table's `onExpiry`), in table order. */
const ON_EXPIRY = ACTION_NAMES.filter((name) => ACTIONS[name].onExpiry !== undefined);

/**
 * The first `onExpiry` action of `period` a row allows for the case with its clock expired, decided as the
 * system at the same version as the expiry; null when none applies (the case moved on: a suit was filed).
 */
function expiryAction(deps: CaseDeps, expired: Case, period: string, now: string): CaseChange | null {
  for (const action of ON_EXPIRY.filter((name) => ACTIONS[name].onExpiry === period)) {
    try {
      const { references: _none, ...change } = decide(
        { ...expired, version: expired.version - 1 },
        { action },
        {
          now,
          actor: CLOCK_ACTOR,
          periods: deps.periods,
          calendar: deps.calendar,
          newHandoffId: () => deps.ids.handoffId(),
        },
      );
      return change;
    } catch (error) {
      if (!(error instanceof IllegalTransitionError)) throw error;
    }
  }
  return null;
}
