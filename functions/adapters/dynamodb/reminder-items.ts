import type { ReminderStage } from '../../../domain/clocks/model.ts';
import { type DueClock, type Reminder, reminderIdOf } from '../../../domain/reminders/model.ts';
import { NO_STAGE } from './clock-items.ts';
import { keys, REMINDER_ATTRIBUTES } from './table-design.ts';

/** Item codecs of the reminders and of the clocks as the due index projects them. */

type Item = Record<string, unknown>;

/**
 * The reminder an item holds, without its storage attributes. Its id is made again from its parts: a
 * reminder raised before ids were URL-safe holds `<caseId>#<clockId>#<stage>`, and is answered as
 * `<caseId>~<clockId>~<stage>` like every other (both name the same item).
 */
export const reminderOf = (item: Item): Reminder => {
  const reminder = Object.fromEntries(
    REMINDER_ATTRIBUTES.map((name) => [name, item[name] ?? null]),
  ) as unknown as Reminder;
  return { ...reminder, reminderId: reminderIdOf(reminder.caseId, reminder.clockId, reminder.stage) };
};

export const dueClockOf = (item: Item): DueClock => ({
  caseId: String(item.caseId),
  clockId: String(item.clockId),
  caseNumber: String(item.caseNumber),
  postId: String(item.postId),
  clock: item.clock as DueClock['clock'],
  dueOn: String(item.dueOn),
  status: item.status as DueClock['status'],
  reminders: (item.reminders ?? []) as DueClock['reminders'],
  stageReached: item.stageReached === NO_STAGE ? null : (item.stageReached as ReminderStage),
  updatedVersion: Number(item.updatedVersion),
});

/** The reminder as stored: its desk-list keys (mediators' only when not escalated) and the outbox key. */
export function reminderItem(r: Reminder): Item {
  const listKey = keys.postReminders(r.postId, r.status);
  return {
    ...keys.reminder(r.caseId, r.clockId, r.stage),
    itemType: 'REMINDER',
    ...r,
    reminderKey: listKey,
    ...(r.escalated ? {} : { mediatorReminderKey: listKey }),
    raisedKey: keys.raised(r.raisedAt, r.reminderId),
    unpublishedKey: keys.unpublished,
  };
}
