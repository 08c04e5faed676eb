import type { Actor } from '../shared/actor.ts';
import { NotFoundError, ValidationError } from '../shared/errors.ts';
import { seesReminder } from './list-reminders.ts';
import { parseReminderId, type Reminder } from './model.ts';
import type { ReminderDeps } from './ports.ts';

/**
 * Acknowledges a reminder on the caller's own post's desk list: OPEN → ACKNOWLEDGED, with who and when.
 * Idempotent: acknowledging it again returns it as it is (the first acknowledgement stands). Another
 * post's reminder, or an escalation a mediator does not see, is "not found", as a case of another post is.
 */
export async function acknowledgeReminder(
  deps: ReminderDeps,
  actor: Actor,
  reminderId: string,
): Promise<Reminder> {
  if (!parseReminderId(reminderId)) {
    throw ValidationError.field('reminderId', 'must be <caseId>~<clockId>~<stage>');
  }
  const found = await deps.reminders.get(reminderId);
  if (!found || !seesReminder(actor, found)) throw new NotFoundError('reminder', reminderId);
  if (found.status === 'ACKNOWLEDGED') return found;
  const acknowledged = await deps.reminders.acknowledge(found, actor.sub, deps.clock.now());
  if (acknowledged) return acknowledged;
  // Someone acknowledged it in the meantime: theirs stands.
  const now = await deps.reminders.get(reminderId);
  if (!now) throw new NotFoundError('reminder', reminderId);
  return now;
}
