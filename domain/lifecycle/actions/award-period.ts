import * as z from 'zod/mini';
import type { Case } from '../../case/model.ts';
import { currentClock, extend, pause, resume } from '../../clocks/clock.ts';
import type { CaseClock } from '../../clocks/model.ts';
import { ValidationError } from '../../shared/errors.ts';
import { redactPersonalData } from '../../shared/identifiers.ts';
import { type Message, message } from '../../shared/messages.ts';
import { defineAction, NO_CLOCKS, type TransitionContext } from '../definition.ts';
import { DECIDED_ON, REASON, REFERENCE } from './partner.ts';

/**
 * The award period while the institute hears the case: extended by the chair, suspended and resumed
 * (LDMAL art. 43; MOHRSS Rules 2017 arts. 45–47). Each changes the award clock (clocks/clock.ts), which
 * the suit for a missing award (art. 43, REFER_TO_COURT) reads.
 */

/** The award period's current clock: the latest one started, if it still runs or is paused. */
const awardClock = (c: Case): CaseClock | undefined => {
  const clock = currentClock(c.clocks, 'ARBITRATION_AWARD');
  return clock && (clock.status === 'RUNNING' || clock.status === 'PAUSED') ? clock : undefined;
};

/** The award clock running and within its time (an extension or a suspension comes before its end). */
const awardRunning = (c: Case, _p: unknown, ctx: TransitionContext): Message | null => {
  const clock = awardClock(c);
  return clock?.status === 'RUNNING' && ctx.now <= clock.dueAt
    ? null
    : message('guard.awardPeriodNotRunning');
};

/** The case's clocks with the award clock changed by `change`. */
const withAwardClock = (c: Case, change: (clock: CaseClock, version: number) => CaseClock) => {
  const current = awardClock(c);
  return (c.clocks ?? []).map((k) => (k === current ? change(k, c.version + 1) : k));
};

const EXTENSION_BASIS = 'LDMAL art. 43; MOHRSS Rules 2017 art. 45';

/**
 * The commission's chair approved a longer award period, with written notice to the parties (LDMAL art.
 * 43; MOHRSS Rules 2017 art. 45): at most 15 days in all. The award clock ends that much later, and a
 * suit for a missing award (art. 43) opens only after the extended end.
 */
export const EXTEND_AWARD_PERIOD = defineAction({
  payload: () =>
    z.strictObject({
      days: z.int().check(z.minimum(1), z.maximum(15)),
      decidedOn: DECIDED_ON,
      reference: z.optional(REFERENCE),
    }),
  roles: ['arbitration'],
  rows: [
    {
      from: ['ARBITRATION_ACCEPTED'],
      to: 'ARBITRATION_ACCEPTED',
      guard: awardRunning,
      apply: (c, p, ctx) => {
        const period = ctx.periods.ARBITRATION_AWARD;
        const granted = (awardClock(c)?.adjustments ?? [])
          .filter((a) => a.kind === 'EXTENDED')
          .reduce((sum, a) => sum + a.days, 0);
        const max = period.extension?.maxDays ?? 15;
        if (granted + p.days > max) {
          throw ValidationError.field(
            'days',
            message('field.extensionTotal', { max, basis: EXTENSION_BASIS, granted }),
          );
        }
        return {
          clocks: withAwardClock(c, (k, version) =>
            extend(k, p.days, EXTENSION_BASIS, p.decidedOn, version, { period, calendar: ctx.calendar }),
          ),
        };
      },
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
  callback: 'arbitration.award_period_extended',
});

/**
 * The institute suspended the proceedings (MOHRSS Rules 2017 art. 47, with the chair's approval; art. 46(6):
 * 中止审理期间…不计入仲裁期限 — the time of a suspension does not count towards the award period): the award clock is PAUSED — no reminders, no expiry, no suit for a
 * missing award — until the institute resumes.
 */
export const SUSPEND_ARBITRATION = defineAction({
  payload: () => z.strictObject({ decidedOn: DECIDED_ON, reason: REASON }),
  roles: ['arbitration'],
  rows: [
    {
      from: ['ARBITRATION_ACCEPTED'],
      to: 'ARBITRATION_ACCEPTED',
      guard: awardRunning,
      apply: (c, p) => ({
        clocks: withAwardClock(c, (k, version) =>
          pause(k, p.decidedOn, redactPersonalData(p.reason), version),
        ),
      }),
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
  callback: 'arbitration.suspended',
});

/** The institute resumed the proceedings: the award period runs again, ending later by the days suspended. */
export const RESUME_ARBITRATION = defineAction({
  payload: () => z.strictObject({ decidedOn: DECIDED_ON }),
  roles: ['arbitration'],
  rows: [
    {
      from: ['ARBITRATION_ACCEPTED'],
      to: 'ARBITRATION_ACCEPTED',
      guard: (c) => (awardClock(c)?.status === 'PAUSED' ? null : message('guard.awardPeriodNotSuspended')),
      apply: (c, p, ctx) => ({
        clocks: withAwardClock(c, (k, version) =>
          resume(k, p.decidedOn, version, { period: ctx.periods.ARBITRATION_AWARD, calendar: ctx.calendar }),
        ),
      }),
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
  callback: 'arbitration.resumed',
});
