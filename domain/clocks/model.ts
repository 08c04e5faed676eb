import type { PeriodId, PeriodUnit } from './periods.ts';

/**
 * A statutory clock running on a case: one period of periods.ts, started by an action of the lifecycle
 * table (its `clocks.starts`), ended by another (`clocks.stops`) or by expiry. Stored on the case
 * (`Case.clocks`) and mirrored as one item per clock for the reminder sweep's index.
 */
export const CLOCK_STATUSES = ['RUNNING', 'MET', 'EXPIRED', 'PAUSED', 'STOPPED'] as const;
export type ClockStatus = (typeof CLOCK_STATUSES)[number];

/** The reminders a running clock raises, in order (DOMAIN.md, "Reminders in practice"). */
export const REMINDER_STAGES = [
  'DUE_IN_3_WORKING_DAYS',
  'DUE_IN_1_WORKING_DAY',
  'DUE_TODAY',
  'OVERDUE',
] as const;
export type ReminderStage = (typeof REMINDER_STAGES)[number];

export interface ReminderPlan {
  readonly stage: ReminderStage;
  /** The Shanghai date the reminder is due to be raised (OVERDUE: the day after the last day). */
  readonly on: string;
}

/**
 * A change to a clock's length after it started, kept so the deadline can be counted again from the start
 * (a loaded calendar year, another change): an extension granted (LDMAL art. 43: the award period, by at
 * most 15 days), or a pause that ended (a suspension: MOHRSS Rules 2017 art. 46(1); LDMAL art. 27(3)).
 */
export interface ClockAdjustment {
  readonly kind: 'EXTENDED' | 'PAUSED';
  /**
   * Days added, in the clock's unit: working days for a WORKING_DAYS clock, calendar days otherwise (a
   * YEARS clock is lengthened by the calendar days it was paused).
   */
  readonly days: number;
  /** EXTENDED: the legal basis or decision; PAUSED: the reason given for the pause. */
  readonly basis: string;
  /** Shanghai date the extension was decided or the pause began. */
  readonly from: string;
  /** PAUSED: the Shanghai date it resumed. */
  readonly to?: string;
}

export interface CaseClock {
  /** Unique on the case: `<period>-<version that started it>`. */
  readonly clockId: string;
  readonly clock: PeriodId;
  readonly basis: string;
  readonly unit: PeriodUnit;
  /** Shanghai date of the event that started it (its day is not counted, Civil Code art. 201). */
  readonly startedOn: string;
  /** The last day (Shanghai date), after art. 203 moved it past rest days. */
  readonly dueOn: string;
  /** The end of the last day, as a UTC instant. */
  readonly dueAt: string;
  readonly status: ClockStatus;
  /** Computed without the holiday data of a year it spans: recomputed when the year is loaded. */
  readonly provisional: boolean;
  /** When each reminder is due; computed with the clock (working days need the calendar). */
  readonly reminders: readonly ReminderPlan[];
  /** The case version that last changed this clock (the store rewrites a clock's item only then). */
  readonly updatedVersion: number;
  /**
   * For an EXPIRED clock: the version of the action that dealt with the expiry (one of those that end the
   * period, or the case's end). Until then the case stays on the overdue desk.
   */
  readonly handledVersion?: number;
  /**
   * Extensions and ended pauses, oldest first, whose days the due date includes. Absent on clocks stored
   * before clocks could change length: those count from their start alone, as before.
   */
  readonly adjustments?: readonly ClockAdjustment[];
  /** While PAUSED: the Shanghai date the pause began and why (the clock neither reminds nor expires). */
  readonly pausedOn?: string;
  readonly pauseReason?: string;
}
