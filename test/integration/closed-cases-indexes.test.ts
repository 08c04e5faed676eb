import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import { DynamoReminderStore } from '../../functions/adapters/dynamodb/reminder-repository.ts';
import { RETENTION } from '../../functions/adapters/dynamodb/retention.ts';
import { freshCasesTable } from '../support/dynamodb.ts';
import { depsWith, intake, mediator, testClock } from '../support/fixtures.ts';

/**
 * What the indexes hold once a case closes (docs/operations.md, "What expires"): the open-work indexes
 * (the desk `byPostDue`, the due clocks, the provisional clocks) lose the case and its clocks; the list
 * indexes (`byPost`, `byPostStatus`, `byNumber`) keep it, since closed cases are listed and found by number.
 * An acknowledged reminder carries its TTL.
 */

type Table = Awaited<ReturnType<typeof freshCasesTable>>;
let table: Table;
beforeAll(async () => {
  table = await freshCasesTable();
});
afterAll(async () => {
  await table.drop();
});

async function itemsOf(caseId: string) {
  const out = await table.doc.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': `CASE#${caseId}` },
      ConsistentRead: true,
    }),
  );
  return out.Items ?? [];
}

describe('closing a case', () => {
  it('takes the case and its clocks out of the open-work indexes and keeps it in the lists', async () => {
    const deps = depsWith(table.repo, testClock());
    const c = await fileCase(deps, mediator, intake());
    const before = await itemsOf(c.caseId);
    const caseBefore = before.find((i) => i.SK === 'CASE');
    const clocksBefore = before.filter((i) => String(i.SK).startsWith('CLOCK#'));
    expect(caseBefore?.deskKey).toBeDefined();
    expect(clocksBefore.length).toBeGreaterThan(0);
    expect(clocksBefore.every((k) => k.dueKey !== undefined && k.remindKey !== undefined)).toBe(true);

    await actOnCase(deps, mediator, c.caseId, { action: 'WITHDRAW', reason: 'changed mind' }, 1);

    const after = await itemsOf(c.caseId);
    const caseAfter = after.find((i) => i.SK === 'CASE');
    expect(caseAfter?.status).toBe('WITHDRAWN');
    for (const name of ['deskKey', 'deskSortKey', 'nextDueAt'])
      expect(caseAfter?.[name], name).toBeUndefined();
    for (const name of ['postKey', 'postStatusKey', 'listKey', 'caseNumber']) {
      expect(caseAfter?.[name], name).toBeDefined();
    }
    const clocksAfter = after.filter((i) => String(i.SK).startsWith('CLOCK#'));
    expect(clocksAfter).toHaveLength(clocksBefore.length);
    for (const clock of clocksAfter) {
      expect(clock.status).not.toBe('RUNNING');
      for (const name of ['dueKey', 'remindKey', 'provisionalKey']) expect(clock[name], name).toBeUndefined();
    }
    // The record stays: the case item and its events have no TTL.
    expect(after.filter((i) => i.expiresAt !== undefined)).toEqual([]);
  });

  it('gives an acknowledged reminder its TTL, 90 days after the acknowledgement', async () => {
    const store = new DynamoReminderStore(table.doc, table.tableName, null);
    const reminder = {
      reminderId: 'case-ttl~MEDIATION-1~DUE_TODAY',
      caseId: 'case-ttl',
      caseNumber: 'QD-SN-01-2026-000001',
      postId: 'QD-SN-01',
      clockId: 'MEDIATION-1',
      clock: 'MEDIATION',
      dueOn: '2026-03-17',
      stage: 'DUE_TODAY',
      severity: 'URGENT',
      escalated: false,
      raisedAt: '2026-03-17T01:00:00.000Z',
      status: 'OPEN',
      acknowledgedBy: null,
      acknowledgedAt: null,
    } as const;
    const { reminderItem } = await import('../../functions/adapters/dynamodb/reminder-items.ts');
    const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
    await table.doc.send(new PutCommand({ TableName: table.tableName, Item: reminderItem(reminder) }));
    expect((await itemsOf('case-ttl'))[0]?.expiresAt).toBeUndefined();

    const at = '2026-03-17T02:00:00.000Z';
    const acknowledged = await store.acknowledge(reminder, 'mediator-1', at);
    expect(acknowledged?.status).toBe('ACKNOWLEDGED');
    const [item] = await itemsOf('case-ttl');
    expect(item?.expiresAt).toBe(Date.parse(at) / 1000 + RETENTION.acknowledgedReminderSeconds);
    // Read back through the desk list's index, it is whole (ids from its keys).
    const listed = await store.list({
      postId: 'QD-SN-01',
      status: 'ACKNOWLEDGED',
      escalations: true,
      limit: 10,
    });
    expect(listed.items).toEqual([{ ...acknowledged }]);
  });
});
