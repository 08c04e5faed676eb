import type { Case, CaseEvent } from '../../../domain/case/model.ts';
import { shanghaiDate } from '../../../domain/clocks/legal-time.ts';
import { type CaseClock, REMINDER_STAGES } from '../../../domain/clocks/model.ts';
import { type DuePosition, positionOf } from '../../../domain/reminders/model.ts';
import { DUE_SHARDS, keys } from './table-design.ts';

/**
 * Clock items: one per statutory clock of a case (`CASE#id` / `CLOCK#clockId`), written in the case's own
 * transaction whenever the domain changes the clock, and moved along the due index by the reminder sweep.
 *
 * The case owns the clock's facts (dates, status, plan); the sweep owns `stageReached`, the last reminder
 * raised. A case write is therefore an UpdateItem that sets the facts and keeps the stage
 * (`if_not_exists`), so a rewrite never makes a reminder be raised again; and the sweep's write is
 * conditional on the version and stage it read, so it never overwrites a newer rewrite. While a clock runs
 * it waits in the due index at its first planned reminder (a later one the sweep has raised already it
 * only re-positions); stopped, met or expired, it leaves the index (sparse).
 */

/** `stageReached` before the first reminder (a string: conditions compare it with `=`). */
export const NO_STAGE = 'NONE';

/** A stable shard of the due index for a case: FNV-1a of its id, mod the shard count (DUE_SHARDS now). */
export function shardOf(caseId: string, shards: number = DUE_SHARDS): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < caseId.length; i++) {
    hash ^= caseId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shards;
}

/** The due-index keys of a clock waiting at `position`. */
export function dueKeys(caseId: string, clockId: string, position: DuePosition) {
  return {
    dueKey: keys.due(position.on, shardOf(caseId)),
    remindKey: keys.dueSort(position.at, caseId, clockId),
  };
}

/** Where a clock the case has just written waits: its first planned reminder, none once it stopped. */
export function initialPosition(clock: CaseClock, writtenAt: string): DuePosition | null {
  if (clock.status !== 'RUNNING') return null;
  const order = (s: string) => REMINDER_STAGES.indexOf(s as (typeof REMINDER_STAGES)[number]);
  const first = [...clock.reminders].sort((a, b) => order(a.stage) - order(b.stage))[0];
  return first ? positionOf(first, shanghaiDate(writtenAt)) : null;
}

/**
 * The clocks a change writes: those it changed (`updatedVersion` is the new version), and every clock when
 * the case changed post (a transfer taken over), since a clock item carries the post its reminders go to.
 */
export function clocksWritten(next: Case, events: readonly CaseEvent[]): readonly CaseClock[] {
  const clocks = next.clocks ?? [];
  if (events.some((e) => e.type === 'HANDOFF_RECEIVED')) return clocks;
  return clocks.filter((c) => c.updatedVersion === next.version);
}

/** The UpdateItems of a change's clock items, for its TransactWriteItems (see the module comment). */
export function clockUpdates(tableName: string, change: { next: Case; events: readonly CaseEvent[] }) {
  const c = change.next;
  return clocksWritten(c, change.events).map((clock) => {
    const fields: Record<string, unknown> = {
      itemType: 'CLOCK',
      caseId: c.caseId,
      caseNumber: c.caseNumber,
      postId: c.postId,
      ...clock,
    };
    const position = initialPosition(clock, c.updatedAt);
    if (position) Object.assign(fields, dueKeys(c.caseId, clock.clockId, position));
    if (clock.provisional && clock.status === 'RUNNING') {
      fields.provisionalKey = keys.provisional(clock.dueOn.slice(0, 4));
    }
    const names: Record<string, string> = { '#stageReached': 'stageReached' };
    const values: Record<string, unknown> = { ':noStage': NO_STAGE };
    const sets = Object.entries(fields).map(([name, value], i) => {
      names[`#f${i}`] = name;
      values[`:f${i}`] = value;
      return `#f${i} = :f${i}`;
    });
    sets.push('#stageReached = if_not_exists(#stageReached, :noStage)');
    const removed = [
      ...(position ? [] : ['dueKey', 'remindKey']),
      ...('provisionalKey' in fields ? [] : ['provisionalKey']),
    ];
    return {
      Update: {
        TableName: tableName,
        Key: keys.clock(c.caseId, clock.clockId),
        UpdateExpression: `SET ${sets.join(', ')}${removed.length > 0 ? ` REMOVE ${removed.join(', ')}` : ''}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  });
}
