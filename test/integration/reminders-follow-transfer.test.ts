import { describe, expect, it } from 'vitest';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import { listHandoffs } from '../../domain/handoffs/list-handoffs.ts';
import { refOf } from '../../domain/handoffs/model.ts';
import { takeOverTransfer } from '../../domain/handoffs/take-over-transfer.ts';
import { acknowledgeReminder } from '../../domain/reminders/acknowledge.ts';
import { type Reminder, remindAt } from '../../domain/reminders/model.ts';
import { sweep } from '../../domain/reminders/sweep.ts';
import type { Actor } from '../../domain/shared/actor.ts';
import { CursorCodec } from '../../functions/adapters/cursor.ts';
import { DynamoReminderStore } from '../../functions/adapters/dynamodb/reminder-repository.ts';
import { freshCasesTableEach } from '../support/dynamodb.ts';
import { depsWith, intake, mediator, OTHER_POST, POST, testClock } from '../support/fixtures.ts';

/**
 * Issue 22: reminders follow a transfer. A case's open reminders leave the sending post's desk list for the
 * receiving post's when the transfer is taken over (and again, harmlessly, on a redelivered message).
 */

const table = freshCasesTableEach();

const receiver: Actor = { sub: 'mediator-2', role: 'mediator', postId: OTHER_POST };
const supervisorAt = (postId: string): Actor => ({ sub: `sup-${postId}`, role: 'supervisor', postId });

describe('reminders after a transfer', () => {
  it('are listed for the receiving post once it takes the case over, and it may acknowledge them', async () => {
    const clock = testClock('2026-03-02T02:00:00.000Z');
    const deps = depsWith(table.repo, clock);
    const store = new DynamoReminderStore(table.own.doc, table.tableName, new CursorCodec('s'.repeat(32)));
    const c = await fileCase(deps, mediator, intake());
    const planned = c.clocks[0]?.reminders[0];
    if (!planned) throw new Error('no reminder planned');
    const at = new Date(Date.parse(remindAt(planned.on)) + 60_000).toISOString();
    clock.set(at);
    const published: Reminder[] = [];
    const swept = await sweep(
      {
        reminders: store,
        clock,
        publisher: { publish: async (r) => void published.push(r) },
        expireClock: async () => 'not-due',
      },
      at,
    );
    expect(swept.raised).toHaveLength(1);
    const open = (postId: string) =>
      store.list({ postId, status: 'OPEN', escalations: true, limit: 100 }).then((p) => p.items);
    expect((await open(POST)).map((r) => r.caseId)).toEqual([c.caseId]);

    await actOnCase(deps, mediator, c.caseId, {
      action: 'TRANSFER_TO_POST',
      toPostId: OTHER_POST,
      reason: 'the worker moved',
    });
    const [handoff] = (await listHandoffs(deps, mediator, c.caseId, {})).items;
    if (!handoff) throw new Error('no handoff');
    const withReminders = { ...deps, reminders: store };
    expect(await takeOverTransfer(withReminders, refOf(handoff))).toEqual({ kind: 'settled' });

    expect(await open(POST)).toEqual([]);
    const moved = await open(OTHER_POST);
    expect(moved.map((r) => [r.caseId, r.postId])).toEqual([[c.caseId, OTHER_POST]]);
    expect(
      (await store.list({ postId: OTHER_POST, status: 'OPEN', escalations: false, limit: 100 })).items,
    ).toHaveLength(1);
    // A redelivered message moves nothing twice; the new post acknowledges, the old one no longer sees it.
    expect(await takeOverTransfer(withReminders, refOf(handoff))).toEqual({ kind: 'duplicate' });
    expect(await open(OTHER_POST)).toHaveLength(1);
    const reminderId = (moved[0] as Reminder).reminderId;
    await expect(
      acknowledgeReminder({ reminders: store, clock }, supervisorAt(POST), reminderId),
    ).rejects.toThrow();
    const acked = await acknowledgeReminder({ reminders: store, clock }, receiver, reminderId);
    expect(acked).toMatchObject({ status: 'ACKNOWLEDGED', postId: OTHER_POST });
  }, 60_000);
});
