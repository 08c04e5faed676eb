import { DeleteTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileCase } from '../../domain/case/file-case.ts';
import { listCases } from '../../domain/case/list-cases.ts';
import { maskedCase } from '../../domain/case/masked.ts';
import type { Case } from '../../domain/case/model.ts';
import { readCase } from '../../domain/case/read-case.ts';
import { caseItem } from '../../functions/adapters/dynamodb/items.ts';
import { CASES_TABLE } from '../../functions/adapters/dynamodb/table-design.ts';
import { ensureTable } from '../../infra/local/provision.ts';
import { freshCasesTable, type Store } from '../support/dynamodb.ts';
import { admin, creditCode, depsWith, intake, mediator, outsider } from '../support/fixtures.ts';
import { MemoryCaseRepository } from '../support/memory-repository.ts';

/**
 * Finding a case by its number, on both stores: the DynamoDB one reads the `byNumber` index (never a
 * Scan), which is keyed on the `caseNumber` every case item has always carried — so a case stored before
 * the index existed, with an employer of the old shape (name and credit code, no kind), is found and read
 * as it was.
 */

let table: Awaited<ReturnType<typeof freshCasesTable>>;

beforeAll(async () => {
  table = await freshCasesTable();
});

afterAll(async () => {
  await table?.drop();
});

const stores: [string, () => Store][] = [
  ['memory', () => new MemoryCaseRepository()],
  ['DynamoDB', () => table.repo],
];

describe.each(stores)('finding a case by its number (%s)', (_name, store) => {
  it('finds the case as a list shows it, whichever post asks only where it may see it', async () => {
    const deps = depsWith(store());
    const c = await fileCase(deps, mediator, intake());
    await fileCase(deps, mediator, intake());
    const found = await deps.cases.findByNumber(c.caseNumber);
    expect(found).toMatchObject({
      caseId: c.caseId,
      caseNumber: c.caseNumber,
      postId: c.postId,
      status: 'FILED',
      employerName: c.employer.name,
      workerCount: 1,
      nextDueAt: c.mediationDueAt,
    });
    expect(JSON.stringify(found)).not.toContain(c.workers[0]?.idNumber);
    expect((await listCases(deps, mediator, { number: c.caseNumber })).items).toHaveLength(1);
    expect((await listCases(deps, outsider, { number: c.caseNumber })).items).toEqual([]);
    expect((await listCases(deps, admin, { number: c.caseNumber })).items).toHaveLength(1);
    expect(await deps.cases.findByNumber(`${c.caseNumber.slice(0, -6)}999999`)).toBeNull();
  });
});

describe('a case stored before employer kinds and the number index', () => {
  it('is found by its number and read as it was', async () => {
    const deps = depsWith(table.repo);
    const filed = await fileCase(deps, mediator, intake());
    // The item as the earlier code wrote it: the employer without a kind.
    const { kind: _kind, ...employer } = filed.employer;
    const legacy: Case = { ...filed, caseNumber: 'QD-SN-01-2025-000777', employer };
    await table.doc.send(new PutCommand({ TableName: table.tableName, Item: await caseItem(legacy) }));

    expect(await table.repo.findByNumber('QD-SN-01-2025-000777')).toMatchObject({ caseId: filed.caseId });
    const read = maskedCase(await readCase(deps, mediator, filed.caseId));
    expect(read.employer).toEqual({ name: employer.name, kind: 'ORGANISATION', creditCode: creditCode() });
  });
});

describe('a local table kept from before the index', () => {
  it('gets the index when the local stack starts on it again', async () => {
    const name = `cases-old-${Date.now()}`;
    const before = { ...CASES_TABLE, indexes: CASES_TABLE.indexes.filter((i) => i.indexName !== 'byNumber') };
    await ensureTable(table.client, name, before);
    try {
      await ensureTable(table.client, name, CASES_TABLE);
      const out = await table.client.send(new DescribeTableCommand({ TableName: name }));
      expect(out.Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toContain('byNumber');
    } finally {
      await table.client.send(new DeleteTableCommand({ TableName: name }));
    }
  });
});
