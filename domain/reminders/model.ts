import type { ClockStatus, ReminderPlan, ReminderStage } from '../clocks/model.ts';
import { REMINDER_STAGES } from '../clocks/model.ts';
import type { PeriodId } from '../clocks/periods.ts';

/**
 * A reminder: one stage of one statutory clock, raised once, on the desk list of the case's post
 * (DOMAIN.md, "Reminders in practice"). It carries no personal data — the case number, which clock, its
 * last day and the stage; no names, ID numbers, phones or free text — so it may be mailed, texted and
 * listed without masking. An OVERDUE reminder escalates to the post's supervisors.
 */

export const REMINDER_STATUSES = ['OPEN', 'ACKNOWLEDGED'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

export const SEVERITIES = ['INFO', 'WARNING', 'URGENT', 'ESCALATION'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** How loud each stage is: three working days out is information, the day after the last day escalates. */
export const SEVERITY_OF: Readonly<Record<ReminderStage, Severity>> = {
  DUE_IN_3_WORKING_DAYS: 'INFO',
  DUE_IN_1_WORKING_DAY: 'WARNING',
  DUE_TODAY: 'URGENT',
  OVERDUE: 'ESCALATION',
};

export interface Reminder {
  /**
   * `<caseId>~<clockId>~<stage>`: one per stage of a clock, which is what makes raising it idempotent. URL-safe
   * as it is (`~` is unreserved, RFC 3986), so a client puts it in a path unescaped.
   */
  readonly reminderId: string;
  readonly caseId: string;
  readonly caseNumber: string;
  readonly postId: string;
  readonly clockId: string;
  readonly clock: PeriodId;
  /** The clock's last day (Shanghai date). */
  readonly dueOn: string;
  readonly stage: ReminderStage;
  readonly severity: Severity;
  /** Shown to the post's supervisors (and admins) only: the clock ran out. */
  readonly escalated: boolean;
  readonly raisedAt: string;
  readonly status: ReminderStatus;
  readonly acknowledgedBy: string | null;
  readonly acknowledgedAt: string | null;
}

/** A running clock whose next reminder is due, as the sweep reads it from the due index. */
export interface DueClock {
  readonly caseId: string;
  readonly clockId: string;
  readonly caseNumber: string;
  readonly postId: string;
  readonly clock: PeriodId;
  readonly dueOn: string;
  readonly status: ClockStatus;
  readonly reminders: readonly ReminderPlan[];
  /** The last stage raised for this clock; null before the first. */
  readonly stageReached: ReminderStage | null;
  /** The case version that last wrote the clock: the sweep's writes are conditional on it. */
  readonly updatedVersion: number;
}

/** Where a clock waits in the due index: the Shanghai date of its partition and the instant it is due. */
export interface DuePosition {
  readonly on: string;
  readonly at: string;
}

export const reminderIdOf = (caseId: string, clockId: string, stage: ReminderStage) =>
  `${caseId}~${clockId}~${stage}`;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/**
 * The same separator twice: `~`, or `#` in the ids raised before they were made URL-safe — a client may
 * still hold one (percent-encoded in a path), and it names the same reminder.
 */
const REMINDER_ID = new RegExp(`^(${UUID})([~#])([A-Z_]{1,40}-\\d{1,10})\\2(${REMINDER_STAGES.join('|')})$`);

/** The parts of a reminder id (either form), or null when it is not one. */
export function parseReminderId(
  id: string,
): { caseId: string; clockId: string; stage: ReminderStage } | null {
  const m = REMINDER_ID.exec(id);
  if (!m) return null;
  return { caseId: m[1] as string, clockId: m[3] as string, stage: m[4] as ReminderStage };
}

const order = (stage: ReminderStage | null) => (stage === null ? -1 : REMINDER_STAGES.indexOf(stage));

/**
 * The instant a reminder planned for a Shanghai date is due: the start of that day in China Standard Time
 * (UTC+8). An OVERDUE planned for the day after the last day is due the instant the period has run out.
 */
export function remindAt(on: string): string {
  return new Date(Date.parse(`${on}T00:00:00.000+08:00`)).toISOString();
}

/**
 * Where a clock waits for a planned reminder: in the partition of its date, or of `today` when that date
 * has passed (a clock started or recomputed late), so a sweep that reads today always finds it.
 */
export function positionOf(plan: ReminderPlan, today: string): DuePosition {
  return { on: plan.on < today ? today : plan.on, at: remindAt(plan.on) };
}

/** What the sweep does with a due clock. */
export type ClockStep =
  /** Raise `stage` (the latest stage now due; earlier ones not yet raised are passed over) and wait at `next`. */
  | { readonly kind: 'raise'; readonly stage: ReminderStage; readonly next: DuePosition | null }
  /** Nothing new is due (the clock was rewritten after a stage was raised): wait at `next`. */
  | { readonly kind: 'reindex'; readonly next: DuePosition | null }
  /** Every stage is raised and the clock still runs: expire it (again, if an earlier attempt failed). */
  | { readonly kind: 'expire' };

/**
 * The step for a running clock found due on `today`. The latest stage planned on or before today is raised
 * if it is later than the stage reached — a sweep catching up after an outage raises DUE_TODAY, not three
 * stale reminders. After OVERDUE the clock stays in the index (at today) until its expiry is recorded, so
 * a crash between the reminder and the expiry is retried by the next sweep.
 */
export function stepFor(due: DueClock, today: string): ClockStep {
  const plan = [...due.reminders].sort((a, b) => order(a.stage) - order(b.stage));
  const reached = order(due.stageReached);
  const latestDue = plan.filter((p) => p.on <= today).at(-1);
  if (latestDue && order(latestDue.stage) > reached) {
    const after = plan.find((p) => order(p.stage) > order(latestDue.stage));
    const next = after ? positionOf(after, today) : { on: today, at: remindAt(latestDue.on) };
    return { kind: 'raise', stage: latestDue.stage, next };
  }
  const after = plan.find((p) => order(p.stage) > reached);
  if (after) return { kind: 'reindex', next: positionOf(after, today) };
  return reached === order('OVERDUE') ? { kind: 'expire' } : { kind: 'reindex', next: null };
}

/** The reminder a step raises for a clock. */
export function reminderFor(due: DueClock, stage: ReminderStage, raisedAt: string): Reminder {
  return {
    reminderId: reminderIdOf(due.caseId, due.clockId, stage),
    caseId: due.caseId,
    caseNumber: due.caseNumber,
    postId: due.postId,
    clockId: due.clockId,
    clock: due.clock,
    dueOn: due.dueOn,
    stage,
    severity: SEVERITY_OF[stage],
    escalated: stage === 'OVERDUE',
    raisedAt,
    status: 'OPEN',
    acknowledgedBy: null,
    acknowledgedAt: null,
  };
}
