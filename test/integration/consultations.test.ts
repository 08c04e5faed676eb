import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileCase } from '../../domain/case/file-case.ts';
import { type CaseChange, CommandAlreadyDone, type CommandReceipt } from '../../domain/case/ports.ts';
import type { ConsultationRepository } from '../../domain/consultations/ports.ts';
import { recordConsultation } from '../../domain/consultations/use-cases.ts';
import type { Actor } from '../../domain/shared/actor.ts';
import { ValidationError, VersionConflictError } from '../../domain/shared/errors.ts';
import { maskResidentId } from '../../domain/shared/identifiers.ts';
import { CursorCodec } from '../../functions/adapters/cursor.ts';
import { DynamoConsultationRepository } from '../../functions/adapters/dynamodb/consultation-repository.ts';
import { DynamoReceipts } from '../../functions/adapters/dynamodb/receipts.ts';
import { IDEMPOTENCY_TABLE } from '../../functions/adapters/dynamodb/table-design.ts';
import { ensureTable } from '../../infra/local/provision.ts';
import { freshCasesTable, type Store } from '../support/dynamodb.ts';
import {
  creditCode,
  depsWith,
  intake,
  mediator,
  OTHER_POST,
  outsider,
  POST,
  residentId,
  testClock,
} from '../support/fixtures.ts';
import { MemoryConsultationRepository } from '../support/memory-consultations.ts';
import { MemoryCaseRepository } from '../support/memory-repository.ts';
import { stored, storedConsultation } from '../support/sealed.ts';

/**
 * One contract, two stores: the consultation repository on DynamoDB Local and its in-memory double, so
 * the double the unit tests use cannot drift from the real store.
 */

interface Harness {
  readonly consultations: ConsultationRepository;
  readonly cases: Store;
  receipt(id: string): Promise<CommandReceipt | null>;
  /** The stored item as the table's stream carries it (DynamoDB only). */
  raw?(consultationId: string): Promise<Record<string, unknown> | undefined>;
  drop(): Promise<void>;
}

const makeMemory = async (): Promise<Harness> => {
  const cases = new MemoryCaseRepository();
  return {
    consultations: new MemoryConsultationRepository(cases),
    cases,
    receipt: async (id) => cases.receipts.get(id) ?? null,
    drop: async () => {},
  };
};

const makeDynamo = async (): Promise<Harness> => {
  const table = await freshCasesTable();
  // The case repository's receipts table is its own; the consultations get one too, as a function would.
  const receiptsTable = `receipts-${randomUUID()}`;
  await ensureTable(table.client, receiptsTable, IDEMPOTENCY_TABLE);
  const receipts = new DynamoReceipts(table.doc, receiptsTable);
  const cursors = new CursorCodec('test-cursor-secret-0123456789abcdef');
  return {
    consultations: new DynamoConsultationRepository(table.doc, table.tableName, cursors, { receiptsTable }),
    cases: table.repo,
    receipt: (id) => receipts.find(id),
    raw: async (id) =>
      (
        await table.doc.send(
          new GetCommand({
            TableName: table.tableName,
            Key: { PK: `CONSULTATION#${id}`, SK: 'CONSULTATION' },
          }),
        )
      ).Item,
    drop: async () => {
      const { DeleteTableCommand } = await import('@aws-sdk/client-dynamodb');
      await table.client.send(new DeleteTableCommand({ TableName: receiptsTable }));
      await table.drop();
    },
  };
};

const ID = residentId('11010519491231002');
const record = (h: Harness, actor: Actor = mediator, overrides: Record<string, unknown> = {}) =>
  recordConsultation(
    {
      consultations: h.consultations,
      directory: { knows: async () => true },
      clock: testClock(),
      ids: { consultationId: () => randomUUID() },
    },
    actor,
    {
      channel: 'WALK_IN',
      categories: ['WAGE_ARREARS', 'OVERTIME'],
      newEmploymentForm: true,
      platform: 'a delivery platform',
      worker: { name: 'Wang Fang', idNumber: ID, phone: '13912345678' },
      employer: { name: 'Qingdao Harbour Logistics Co.', creditCode: creditCode() },
      advice: 'Mediation first.',
      ...overrides,
    },
  );

/** The change filing a case would store, captured instead of stored. */
async function aFiling(): Promise<CaseChange> {
  const capture = new MemoryCaseRepository();
  let captured: CaseChange | undefined;
  capture.create = async (change) => {
    captured = change;
  };
  await fileCase(depsWith(capture), mediator, intake());
  if (!captured) throw new Error('nothing filed');
  return captured;
}

const receiptOf = (id: string): CommandReceipt => ({
  id,
  fingerprint: 'f',
  result: '{"statusCode":201}',
  expiresAt: 4e9,
});

describe.each([
  ['memory', makeMemory],
  ['DynamoDB Local', makeDynamo],
])('the consultation repository on %s', (_name, make) => {
  let h: Harness;
  beforeEach(async () => {
    h = await make();
  });
  afterEach(async () => {
    await h.drop();
  });

  it('gives back what it stored, field for field', async () => {
    const c = await record(h);
    expect(storedConsultation(await h.consultations.get(c.consultationId))).toEqual(storedConsultation(c));
    expect(await h.consultations.get(randomUUID())).toBeNull();
  });

  it('stores a consultation with its receipt, and nothing under a receipt already taken', async () => {
    const recorded = await record(h);
    const first = { ...recorded, consultationId: randomUUID() };
    await h.consultations.create(first, receiptOf('r-1'));
    expect(storedConsultation(await h.consultations.get(first.consultationId))).toEqual(
      storedConsultation(first),
    );
    expect((await h.receipt('r-1'))?.result).toBe('{"statusCode":201}');
    const second = { ...first, consultationId: randomUUID() };
    await expect(h.consultations.create(second, receiptOf('r-1'))).rejects.toThrow(CommandAlreadyDone);
    expect(await h.consultations.get(second.consultationId)).toBeNull();
  });

  it('lists a post’s newest first by when they took place, paged, apart from its cases and other posts', async () => {
    const times = ['2026-02-20T01:00:00.000Z', '2026-02-25T01:00:00.000Z', '2026-02-22T01:00:00.000Z'];
    for (const consultedAt of times) await record(h, mediator, { consultedAt });
    await record(h, outsider);
    await fileCase(depsWith(h.cases), mediator, intake());
    const first = await h.consultations.listByPost({ postId: POST, limit: 2 });
    expect(first.nextCursor).not.toBeNull();
    const rest = await h.consultations.listByPost({ postId: POST, limit: 2, cursor: first.nextCursor ?? '' });
    expect([...first.items, ...rest.items].map((c) => c.consultedAt)).toEqual([...times].sort().reverse());
    expect(
      rest.items.every(
        (c) => c.postId === POST && maskResidentId(c.worker?.idNumber ?? '') === maskResidentId(ID),
      ),
    ).toBe(true);
    expect((await h.consultations.listByPost({ postId: OTHER_POST, limit: 10 })).items).toHaveLength(1);
    // The post's case list is untouched by its consultations.
    expect((await h.cases.listByPost({ postId: POST, limit: 10 })).items).toHaveLength(1);
    await expect(
      h.consultations.listByPost({ postId: POST, limit: 2, cursor: 'not-a-cursor' }),
    ).rejects.toThrow(ValidationError);
  });

  it('opens a case and marks the consultation in one write, or neither', async () => {
    const c = await record(h);
    const change = await aFiling();
    const marked = { ...c, outcome: 'CASE_OPENED' as const, caseId: change.next.caseId, version: 2 };
    // A stale version: neither the case nor the mark.
    await expect(h.consultations.openCase(change, marked, 7)).rejects.toThrow(VersionConflictError);
    expect(await h.cases.get(change.next.caseId)).toBeNull();
    // A receipt already taken: neither either.
    await h.consultations.create({ ...c, consultationId: randomUUID() }, receiptOf('r-2'));
    await expect(
      h.consultations.openCase({ ...change, receipt: receiptOf('r-2') }, marked, 1),
    ).rejects.toThrow(CommandAlreadyDone);
    expect(await h.cases.get(change.next.caseId)).toBeNull();
    expect(storedConsultation(await h.consultations.get(c.consultationId))).toEqual(storedConsultation(c));
    // Both.
    await h.consultations.openCase({ ...change, receipt: receiptOf('r-3') }, marked, 1);
    expect(stored(await h.cases.get(change.next.caseId))).toEqual(stored(change.next));
    expect(storedConsultation(await h.consultations.get(c.consultationId))).toEqual(
      storedConsultation(marked),
    );
    expect(await h.receipt('r-3')).not.toBeNull();
    // Once only: the consultation moved on.
    const again = await aFiling();
    await expect(h.consultations.openCase(again, { ...marked, version: 3 }, 1)).rejects.toThrow(
      VersionConflictError,
    );
    expect(await h.cases.get(again.next.caseId)).toBeNull();
  });

  it('keeps what the statistics count as plain attributes of the item', async () => {
    if (!h.raw) return expect(h.consultations).toBeInstanceOf(MemoryConsultationRepository);
    const c = await record(h, mediator, { consultedAt: '2026-02-28T17:00:00.000Z' });
    expect(await h.raw(c.consultationId)).toMatchObject({
      itemType: 'CONSULTATION',
      postId: POST,
      channel: 'WALK_IN',
      categories: ['WAGE_ARREARS', 'OVERTIME'],
      newEmploymentForm: true,
      // 17:00 UTC on the 28th is 1 March in Shanghai.
      consultedOn: '2026-03-01',
      postKey: `CONSULTATIONS#${POST}`,
      listKey: `2026-02-28T17:00:00.000Z#${c.consultationId}`,
    });
  });
});
