import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS, linkHash, verifyChain } from '../../domain/audit/chain.ts';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import { sha256 } from '../../functions/adapters/audit/sha256.ts';
import { CursorCodec } from '../../functions/adapters/cursor.ts';
import { DynamoCaseRepository } from '../../functions/adapters/dynamodb/case-repository.ts';
import { linksOf, storedEvents } from '../../functions/adapters/dynamodb/chain-items.ts';
import { DynamoHandoffRepository } from '../../functions/adapters/dynamodb/handoff-repository.ts';
import { keys } from '../../functions/adapters/dynamodb/table-design.ts';
import { editItem, freshCasesTable, storeOf } from '../support/dynamodb.ts';
import { depsWith, intake, mediator } from '../support/fixtures.ts';

let table: Awaited<ReturnType<typeof freshCasesTable>>;

beforeAll(async () => {
  table = await freshCasesTable();
});
afterAll(async () => {
  await table.drop();
});

const caseItem = async (caseId: string) =>
  (await table.doc.send(new GetCommand({ TableName: table.tableName, Key: keys.case(caseId) }))).Item ?? {};

describe('the hash chain in DynamoDB Local', () => {
  it('hashes each event in its action’s transaction and keeps the head on the case, out of the views', async () => {
    const deps = depsWith(table.repo);
    const c = await fileCase(deps, mediator, intake());
    await actOnCase(deps, mediator, c.caseId, { action: 'ASSIGN_MEDIATOR', mediatorId: 'wang.li' }, 1);
    await actOnCase(deps, mediator, c.caseId, { action: 'WITHDRAW', reason: 'settled privately' }, 2);
    const items = await storedEvents(table.doc, table.tableName, c.caseId);
    expect(items.every((i) => typeof i.hash === 'string' && /^[0-9a-f]{64}$/.test(i.hash))).toBe(true);
    const check = verifyChain(sha256, linksOf(items));
    expect(check.ok).toBe(true);
    const stored = await caseItem(c.caseId);
    expect(check.ok && check.head).toBe(stored.chainHead);
    expect(stored.chainKey).toMatch(/^CHAIN#[0-7]$/);
    expect(await table.repo.get(c.caseId)).not.toHaveProperty('chainHead');
    const history = await table.repo.history(c.caseId, { limit: 10 });
    expect(history.items.some((e) => 'hash' in e)).toBe(false);
  });

  it('fails verification naming the event edited directly in the table', async () => {
    const deps = depsWith(table.repo);
    const c = await fileCase(deps, mediator, intake());
    await actOnCase(deps, mediator, c.caseId, { action: 'ASSIGN_MEDIATOR', mediatorId: 'wang.li' }, 1);
    await editItem(table, keys.event(c.caseId, 2, 0), {
      UpdateExpression: 'SET payload.mediatorId = :m',
      ExpressionAttributeValues: { ':m': 'li.ming' },
    });
    const check = verifyChain(sha256, linksOf(await storedEvents(table.doc, table.tableName, c.caseId)));
    expect(check).toMatchObject({ ok: false });
    expect(!check.ok && check.broken).toContain(keys.event(c.caseId, 2, 0).SK);
  });

  it('starts the chain of a case stored before it from the hash of its old events', async () => {
    const deps = depsWith(table.repo);
    const c = await fileCase(deps, mediator, intake());
    // As a case filed before the chain: no hash on its event, no head on the case.
    await editItem(table, keys.event(c.caseId, 1, 0), {
      UpdateExpression: 'REMOVE #h',
      ExpressionAttributeNames: { '#h': 'hash' },
    });
    await editItem(table, keys.case(c.caseId), {
      UpdateExpression: 'REMOVE chainHead, chainKey, chainSortKey',
    });
    const fresh = depsWith(freshRepo());
    await actOnCase(fresh, mediator, c.caseId, { action: 'ASSIGN_MEDIATOR', mediatorId: 'wang.li' }, 1);
    const items = await storedEvents(table.doc, table.tableName, c.caseId);
    expect(items[0]?.hash).toBeUndefined();
    expect(items[1]?.hash).toBe(linkHash(sha256, linkHash(sha256, GENESIS, items[0] ?? {}), items[1] ?? {}));
    expect(verifyChain(sha256, linksOf(items)).ok).toBe(true);
  });
});

/** The same table's repository, without the heads the first one remembered from its reads. */
function freshRepo() {
  const cursors = new CursorCodec('test-cursor-secret-0123456789abcdef');
  return storeOf(
    new DynamoCaseRepository(table.doc, table.tableName, cursors, {}),
    new DynamoHandoffRepository(table.doc, table.tableName, cursors),
  );
}
