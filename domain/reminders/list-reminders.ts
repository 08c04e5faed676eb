import type { Actor } from '../shared/actor.ts';
import { ForbiddenError } from '../shared/errors.ts';
import { type Page, pageSize } from '../shared/page.ts';
import type { Reminder, ReminderStatus } from './model.ts';
import type { ReminderDeps } from './ports.ts';

export interface ListRemindersInput {
  readonly status?: ReminderStatus;
  /** Admins only: the post whose desk list to read. */
  readonly postId?: string;
  readonly limit?: number;
  readonly cursor?: string;
}

/** Who sees escalations: the post's supervisors, and admins (DOMAIN.md: overdue clocks escalate). */
const seesEscalations = (actor: Actor) => actor.role === 'supervisor' || actor.role === 'admin';

/**
 * A post's desk list of reminders of one status (OPEN by default), newest first. The caller's own post;
 * an admin may name another. Mediators see the reminders before a deadline; supervisors and admins also
 * the escalations of overdue clocks. Reminders carry no personal data, so nothing is masked.
 */
export async function listReminders(
  deps: Pick<ReminderDeps, 'reminders'>,
  actor: Actor,
  input: ListRemindersInput,
): Promise<Page<Reminder>> {
  const postId = input.postId ?? actor.postId;
  if (postId !== actor.postId && actor.role !== 'admin') {
    throw new ForbiddenError(`a ${actor.role} reads the reminders of post ${actor.postId} only`);
  }
  return deps.reminders.list({
    postId,
    status: input.status ?? 'OPEN',
    escalations: seesEscalations(actor),
    limit: pageSize(input.limit),
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
}

/** Whether the actor sees this reminder on its desk list (and so may acknowledge it). */
export function seesReminder(actor: Actor, reminder: Reminder): boolean {
  return reminder.postId === actor.postId && (!reminder.escalated || seesEscalations(actor));
}
