import type { ReminderStage } from '../../../domain/clocks/model.ts';
import { type DueClock, type Reminder, reminderIdOf } from '../../../domain/reminders/model.ts';
import { NO_STAGE, shardOf } from './clock-items.ts';
import { keys, REMINDER_ATTRIBUTES, UNPUBLISHED_SHARDS } from './table-design.ts';

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
  // The reminder indexes leave out what the keys say: `CASE#<caseId>` / `REMINDER#<clockId>#<stage>`.
  const sk = String(item.SK ?? '');
  const caseId = reminder.caseId ?? String(item.PK ?? '').slice('CASE#'.length);
  const clockId = reminder.clockId ?? sk.slice('REMINDER#'.length, sk.lastIndexOf('#'));
  const stage = reminder.stage ?? (sk.slice(sk.lastIndexOf('#') + 1) as ReminderStage);
  return { ...reminder, caseId, clockId, stage, reminderId: reminderIdOf(caseId, clockId, stage) };
};

/**
 * A clock as the due index projects it (DUE_CLOCK_ATTRIBUTES): its case and clock ids from the sort key
 * `<instant>#<caseId>#<clockId>`, RUNNING since only running clocks are in the index.
 */
export const dueClockOf = (item: Item): DueClock => {
  const [, caseId = '', ...clock] = String(item.remindKey).split('#');
  return {
    caseId,
    clockId: clock.join('#'),
    caseNumber: String(item.caseNumber),
    postId: String(item.postId),
    clock: item.clock as DueClock['clock'],
    dueOn: String(item.dueOn),
    status: 'RUNNING',
    reminders: (item.reminders ?? []) as DueClock['reminders'],
    stageReached: item.stageReached === NO_STAGE ? null : (item.stageReached as ReminderStage),
    updatedVersion: Number(item.updatedVersion),
  };
};

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
    unpublishedKey: keys.unpublished(shardOf(r.caseId, UNPUBLISHED_SHARDS)),
  };
}
