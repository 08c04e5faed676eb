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
}
