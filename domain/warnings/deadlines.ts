import type { Clock } from '../shared/ports.ts';
import { nextDue, type Warning } from './model.ts';

/** Which deadline a warning missed: to acknowledge it (RAISED, DISPATCHED) or to dispose of it. */
export type WarningDeadline = 'ACKNOWLEDGE' | 'DISPOSE';

/** Who hears of a missed deadline: the post holding the warning, and its supervisors. */
export type OverdueAudience = 'POST' | 'SUPERVISORS';

/** A missed deadline of one warning, raised once: the reminder to the post, the escalation above it. */
export interface OverdueWarning {
  readonly warning: Warning;
  readonly deadline: WarningDeadline;
  readonly dueAt: string;
}

export interface WarningDeadlineStore {
  /** The posts that hold warnings: those the post–district table names (one Query of its partition). */
  posts(): Promise<string[]>;
  /** A post's warnings whose next deadline is before `now` (its list by deadline, no Scan). */
  overdue(postId: string, now: string): Promise<Warning[]>;
  /**
   * Records that this deadline of this warning was reminded and escalated: true the first time, false
   * when it already was (a conditional write, so overlapping sweeps raise it once).
   */
  markOverdue(overdue: OverdueWarning, at: string): Promise<boolean>;
  /** Forgets the mark after a failed publish, so the next sweep raises it again. */
  unmarkOverdue(overdue: OverdueWarning): Promise<void>;
}

export interface OverduePublisher {
  /** One message to the audience on the warnings topic (no personal data). */
  publish(overdue: OverdueWarning, audience: OverdueAudience): Promise<void>;
}

export interface WarningDeadlineDeps {
  readonly deadlines: WarningDeadlineStore;
  readonly publisher: OverduePublisher | null;
  readonly clock: Clock;
}

export interface WarningDeadlineSweep {
  readonly raised: readonly { warningId: string; deadline: WarningDeadline; dueAt: string }[];
  readonly read: number;
  readonly failures: number;
}

const deadlineOf = (w: Warning): WarningDeadline =>
  w.status === 'RAISED' || w.status === 'DISPATCHED' ? 'ACKNOWLEDGE' : 'DISPOSE';

/**
 * The warnings' deadlines (docs/warnings.md, deadlines): every warning whose deadline to acknowledge or
 * dispose has passed at `at` is reminded to its post and escalated to the post's supervisors, once per
 * deadline (a later deadline of the same warning is raised again). Runs with the reminder sweep.
 */
export async function sweepWarningDeadlines(
  deps: WarningDeadlineDeps,
  at: string = deps.clock.now(),
): Promise<WarningDeadlineSweep> {
  const raised: { warningId: string; deadline: WarningDeadline; dueAt: string }[] = [];
  let read = 0;
  let failures = 0;
  for (const postId of await deps.deadlines.posts()) {
    for (const warning of await deps.deadlines.overdue(postId, at)) {
      read++;
      const dueAt = nextDue(warning);
      if (!dueAt || dueAt >= at) continue;
      const overdue: OverdueWarning = { warning, deadline: deadlineOf(warning), dueAt };
      if (!(await deps.deadlines.markOverdue(overdue, at))) continue;
      try {
        if (deps.publisher) {
          await deps.publisher.publish(overdue, 'POST');
          await deps.publisher.publish(overdue, 'SUPERVISORS');
        }
        raised.push({ warningId: warning.warningId, deadline: overdue.deadline, dueAt });
      } catch {
        failures++;
        await deps.deadlines.unmarkOverdue(overdue);
      }
    }
  }
  return { raised, read, failures };
}
