import { describe, expect, it } from 'vitest';
import { fileCase } from '../../domain/case/file-case.ts';
import type { Case } from '../../domain/case/model.ts';
import { pause, resume } from '../../domain/clocks/clock.ts';
import { expireClock } from '../../domain/clocks/expire-clock.ts';
import { STATUTORY_PERIODS } from '../../domain/clocks/periods.ts';
import type { Reminder } from '../../domain/reminders/model.ts';
import { sweep } from '../../domain/reminders/sweep.ts';
import { DynamoReminderStore } from '../../functions/adapters/dynamodb/reminder-repository.ts';
import { freshCasesTableEach } from '../support/dynamodb.ts';
import { depsWith, intake, mediator, testClock } from '../support/fixtures.ts';

/**
 * A PAUSED clock on DynamoDB Local (MOHRSS Rules 2017 art. 46; LDMAL art. 27(3)): its item leaves the due
 * index, so the reminder sweep never finds it due nor expires it; resumed, it waits there again at its
 * moved end. Stored clocks written before pauses existed are swept as before (the other sweep tests).
 */

const table = freshCasesTableEach();

/** Stores the case with its first clock changed by `change`, as an action's write would. */
async function changeClock(
  c: Case,
  change: (clock: Case['clocks'][number], version: number) => Case['clocks'][number],
) {
  const version = c.version + 1;
  const next: Case = {
    ...c,
    clocks: c.clocks.map((k, i) => (i === 0 ? change(k, version) : k)),
    version,
    updatedAt: '2026-03-05T02:00:00.000Z',
  };
  await table.repo.save({ next, events: [], outbox: [] }, c.version);
  return next;
}

describe('a paused clock and the reminder sweep on DynamoDB Local', () => {
  it('is never found due while paused, and is found again at its moved end once resumed', async () => {
    const clock = testClock('2026-03-02T02:00:00.000Z');
    const deps = depsWith(table.repo, clock);
    const filed = await fileCase(deps, mediator, intake());
    const doc = table.own.doc;
    const store = new DynamoReminderStore(doc, table.tableName, null);
    const published: Reminder[] = [];
    const d = {
      reminders: store,
      clock: deps.clock,
      publisher: { publish: async (r: Reminder) => void published.push(r) },
      expireClock: (caseId: string, clockId: string) => expireClock(deps, caseId, clockId),
    };

    const paused = await changeClock(filed, (k, v) => pause(k, '2026-03-04', 'force majeure', v));
    // The day after the mediation period's end (17 March), a sweep reading the week before: a running
    // clock would be read and expired; the paused one is not in the index.
    const at = '2026-03-18T02:00:00.000Z';
    clock.set(at);
    const quiet = await sweep(d, at);
    expect(quiet.read).toBe(0);
    expect(quiet.expired).toEqual([]);
    expect((await table.repo.get(filed.caseId))?.clocks[0]?.status).toBe('PAUSED');

    const resumed = await changeClock(paused, (k, v) =>
      resume(k, '2026-03-18', v, { period: STATUTORY_PERIODS.MEDIATION, calendar: deps.calendar }),
    );
    const due = resumed.clocks[0];
    expect(due?.status).toBe('RUNNING');
    // Paused 4 March, resumed 18 March: fourteen days more, 17 → 31 March.
    expect(due?.dueOn).toBe('2026-03-31');
    // After its moved end the sweep finds it and records the expiry.
    const after = new Date(Date.parse(due?.dueAt as string) + 60 * 60 * 1000).toISOString();
    clock.set(after);
    for (let i = 0; i < 4 && (await table.repo.get(filed.caseId))?.clocks[0]?.status !== 'EXPIRED'; i++) {
      await sweep(d, after);
    }
    expect((await table.repo.get(filed.caseId))?.clocks[0]?.status).toBe('EXPIRED');
    expect(published.map((r) => r.stage)).toContain('OVERDUE');
  }, 60_000);
});
