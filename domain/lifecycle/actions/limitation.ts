import * as z from 'zod/mini';
import type { Case } from '../../case/model.ts';
import { pause, resume } from '../../clocks/clock.ts';
import { shanghaiDate } from '../../clocks/legal-time.ts';
import {
  anyLimitedClaim,
  claimLimitations,
  type LimitationWarning,
  limitationFacts,
  limitationWarning,
  suspensionStart,
} from '../../clocks/limitation.ts';
import type { CaseClock } from '../../clocks/model.ts';
import { HUMAN_ROLES } from '../../shared/actor.ts';
import { ValidationError } from '../../shared/errors.ts';
import { message } from '../../shared/messages.ts';
import { DATE, TEXT } from '../../shared/validation.ts';
import { defineAction, type TransitionContext } from '../definition.ts';

/**
 * The limitation for arbitration (LDMAL art. 27) on a case: the year that restarts when the union's
 * interruption ends, its suspension and resumption, and the warning a referral carries.
 */

/**
 * Whether ending the interruption (the mediation failed, the agreement was not performed) starts the
 * restarted year as a LIMITATION clock: not for a court-delegated case, which goes back to its court, nor
 * when every claim is remuneration while the employment lasts (art. 27(4)).
 */
export const limitationRestarts = (c: Case): boolean => c.origin !== 'COURT_DELEGATED' && anyLimitedClaim(c);

/** The warning a referral made now carries (LDMAL art. 27), or null: never a refusal. */
export function referralWarning(c: Case, ctx: Pick<TransitionContext, 'now' | 'periods' | 'calendar'>) {
  const today = shanghaiDate(ctx.now);
  return limitationWarning(claimLimitations(limitationFacts(c), today, ctx.periods.LIMITATION, ctx.calendar));
}

/** The case's running or paused LIMITATION clock. */
const limitationClock = (c: Case, status: CaseClock['status']) =>
  (c.clocks ?? []).find((k) => k.clock === 'LIMITATION' && k.status === status);

/** The grounds of a suspension (art. 27(3)). */
export const SUSPENSION_GROUNDS = ['FORCE_MAJEURE', 'LEGITIMATE_REASON'] as const;

/** A Shanghai date not after today, the named field's error otherwise. */
function pastOrToday(field: string, date: string | undefined, ctx: TransitionContext): string {
  const today = shanghaiDate(ctx.now);
  if (date !== undefined && date > today) throw ValidationError.field(field, message('field.notInFuture'));
  return date ?? today;
}

/**
 * The limitation is suspended (LDMAL art. 27(3)): force majeure or another legitimate reason keeps the party
 * from applying in the year's last six months. The LIMITATION clock pauses from `since` (default today), or
 * from the six-month mark when the cause arose earlier; it neither reminds nor expires while paused.
 */
export const SUSPEND_LIMITATION = defineAction({
  payload: () =>
    z.strictObject({
      ground: z.enum(SUSPENSION_GROUNDS),
      reason: TEXT(2000),
      /** The day the cause arose (default today). */
      since: z.optional(DATE),
    }),
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['MEDIATION_FAILED'],
      to: 'MEDIATION_FAILED',
      guard: (c) => (limitationClock(c, 'RUNNING') ? null : message('guard.noLimitationRunning')),
      apply: (c, p, ctx) => {
        const since = pastOrToday('since', p.since, ctx);
        const version = c.version + 1;
        return {
          clocks: c.clocks.map((k) =>
            k.clock === 'LIMITATION' && k.status === 'RUNNING'
              ? pause(k, suspensionStart(since, k.dueOn), p.ground, version)
              : k,
          ),
        };
      },
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: { starts: [], stops: [] },
});

/**
 * The cause of the suspension ended (LDMAL art. 27(3)): the limitation continues, its last day later by the
 * days it was paused.
 */
export const RESUME_LIMITATION = defineAction({
  payload: () => z.strictObject({ note: TEXT(2000), resumedOn: z.optional(DATE) }),
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['MEDIATION_FAILED'],
      to: 'MEDIATION_FAILED',
      guard: (c) => (limitationClock(c, 'PAUSED') ? null : message('guard.noLimitationSuspended')),
      apply: (c, p, ctx) => {
        const on = pastOrToday('resumedOn', p.resumedOn, ctx);
        const version = c.version + 1;
        const counting = { period: ctx.periods.LIMITATION, calendar: ctx.calendar };
        return {
          clocks: c.clocks.map((k) =>
            k.clock === 'LIMITATION' && k.status === 'PAUSED' ? resume(k, on, version, counting) : k,
          ),
        };
      },
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: { starts: [], stops: [] },
});

export type { LimitationWarning };
