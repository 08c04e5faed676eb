import type { DueClock, DuePosition, Reminder } from '../../domain/reminders/model.ts';
import type {
  ProvisionalClockRef,
  ReminderQuery,
  ReminderStore,
  ShardTask,
} from '../../domain/reminders/ports.ts';
import { ValidationError } from '../../domain/shared/errors.ts';

interface StoredClock {
  clock: DueClock;
  position: DuePosition | null;
  provisionalYear: number | null;
}

/**
 * An in-memory ReminderStore for unit tests, with the DynamoDB store's conditions: a raise or move happens
 * only while the clock is at the version and stage it was read at, and a reminder is created once.
 */
export class MemoryReminderStore implements ReminderStore {
  readonly clocks = new Map<string, StoredClock>();
  readonly reminders = new Map<string, Reminder & { unpublished: boolean }>();
  stored: string | null = null;

  /** A running clock, as the case repository would write it, waiting at `position`. */
  addClock(clock: DueClock, position: DuePosition | null, provisionalYear: number | null = null) {
    this.clocks.set(`${clock.caseId}#${clock.clockId}`, { clock, position, provisionalYear });
  }

  async checkpoint() {
    return this.stored;
  }
  async setCheckpoint(date: string) {
    this.stored = date;
  }
  readonly progress = new Map<string, string>();
  /** One shard a date here: the memory store has no partitions to spread. */
  #due(date: string, now: string) {
    return [...this.clocks.values()]
      .filter((c) => c.position?.on === date && c.position.at <= now)
      .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
  }
  async dueShards(date: string, now: string) {
    return this.#due(date, now).length > 0 ? [0] : [];
  }
  async *dueInShard(task: ShardTask, after: string | null) {
    const due = this.#due(task.date, task.now).filter((c) => after === null || sortKey(c) > after);
    const last = due.at(-1);
    if (last) yield { clocks: due.map((c) => ({ ...c.clock })), last: sortKey(last) };
  }
  async shardProgress(task: ShardTask) {
    return this.progress.get(`${task.date}#${task.shard}#${task.now}`) ?? null;
  }
  async setShardProgress(task: ShardTask, last: string) {
    this.progress.set(`${task.date}#${task.shard}#${task.now}`, last);
  }
  #current(due: DueClock) {
    const c = this.clocks.get(`${due.caseId}#${due.clockId}`);
    const same =
      c &&
      c.clock.updatedVersion === due.updatedVersion &&
      c.clock.status === 'RUNNING' &&
      c.clock.stageReached === due.stageReached;
    return same ? c : null;
  }
  async raise(due: DueClock, reminder: Reminder, next: DuePosition | null) {
    const c = this.#current(due);
    if (!c || this.reminders.has(reminder.reminderId)) return false;
    c.clock = { ...c.clock, stageReached: reminder.stage };
    c.position = next;
    this.reminders.set(reminder.reminderId, { ...reminder, unpublished: true });
    return true;
  }
  async reindex(due: DueClock, next: DuePosition | null) {
    const c = this.#current(due);
    if (!c) return false;
    c.position = next;
    return true;
  }
  async unpublished(limit: number) {
    return [...this.reminders.values()]
      .filter((r) => r.unpublished)
      .slice(0, limit)
      .map(strip);
  }
  async markPublished(reminder: Reminder) {
    const r = this.reminders.get(reminder.reminderId);
    if (r) r.unpublished = false;
  }
  async get(reminderId: string) {
    const r = this.reminders.get(reminderId);
    return r ? strip(r) : null;
  }
  async list(q: ReminderQuery) {
    const all = [...this.reminders.values()]
      .filter((r) => r.postId === q.postId && r.status === q.status && (q.escalations || !r.escalated))
      .sort((a, b) => (a.raisedAt < b.raisedAt ? 1 : -1));
    const start = q.cursor === undefined ? 0 : Number(q.cursor);
    if (!Number.isInteger(start) || start < 0) throw ValidationError.field('cursor', 'bad cursor');
    return {
      items: all.slice(start, start + q.limit).map(strip),
      nextCursor: start + q.limit < all.length ? String(start + q.limit) : null,
    };
  }
  async acknowledge(reminder: Reminder, by: string, at: string) {
    const r = this.reminders.get(reminder.reminderId);
    if (r?.status !== 'OPEN') return null;
    Object.assign(r, { status: 'ACKNOWLEDGED', acknowledgedBy: by, acknowledgedAt: at });
    return strip(r);
  }
  async provisionalClocks(year: number, limit: number, cursor?: string) {
    const all: ProvisionalClockRef[] = [...this.clocks.values()]
      .filter((c) => c.provisionalYear === year && c.clock.status === 'RUNNING')
      .map((c) => ({ caseId: c.clock.caseId, clockId: c.clock.clockId }));
    const start = Number(cursor ?? 0);
    return {
      items: all.slice(start, start + limit),
      nextCursor: start + limit < all.length ? String(start + limit) : null,
    };
  }
}

function strip(r: Reminder & { unpublished?: boolean }): Reminder {
  const { unpublished: _, ...rest } = r;
  return rest;
}

/** The due index's sort key of a stored clock: its instant, case and clock. */
const sortKey = (c: StoredClock) => `${c.position?.at}#${c.clock.caseId}#${c.clock.clockId}`;
