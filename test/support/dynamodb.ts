import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import type { CaseRepository } from '../../domain/case/ports.ts';
import type { HandoffRepository } from '../../domain/handoffs/ports.ts';
import { CursorCodec } from '../../functions/adapters/cursor.ts';
import { DynamoCaseRepository } from '../../functions/adapters/dynamodb/case-repository.ts';
import { DynamoHandoffRepository } from '../../functions/adapters/dynamodb/handoff-repository.ts';
import { DynamoReceipts } from '../../functions/adapters/dynamodb/receipts.ts';
import { CASES_TABLE, IDEMPOTENCY_TABLE } from '../../functions/adapters/dynamodb/table-design.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/ports.ts';
import { ensureTable } from '../../infra/local/provision.ts';

export type Store = CaseRepository & HandoffRepository;

/** One object over the two repositories of one table, as the memory store is. */
export function storeOf(cases: CaseRepository, handoffs: HandoffRepository): Store {
  return {
    allocateCaseSequence: (...a) => cases.allocateCaseSequence(...a),
    create: (...a) => cases.create(...a),
    get: (...a) => cases.get(...a),
    save: (...a) => cases.save(...a),
    listByPost: (...a) => cases.listByPost(...a),
    findByNumber: (...a) => cases.findByNumber(...a),
    history: (...a) => cases.history(...a),
    eventsUpTo: (...a) => cases.eventsUpTo(...a),
    getHandoff: (...a) => handoffs.getHandoff(...a),
    findHandoff: (...a) => handoffs.findHandoff(...a),
    listHandoffs: (...a) => handoffs.listHandoffs(...a),
    settleHandoff: (...a) => handoffs.settleHandoff(...a),
    pendingHandoffs: (...a) => handoffs.pendingHandoffs(...a),
    sweepHandoff: (...a) => handoffs.sweepHandoff(...a),
    recordAttempt: (...a) => handoffs.recordAttempt(...a),
  };
}

/** A new client and document client on the shared DynamoDB Local. */
function localClients() {
  const client = new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return { client, doc };
}

/** A fresh cases table in the shared DynamoDB Local, and the repositories on it. */
export async function freshCasesTable() {
  const { client, doc } = localClients();
  const tableName = `cases-${randomUUID()}`;
  const receiptsTable = `receipts-${randomUUID()}`;
  await ensureTable(client, tableName, CASES_TABLE);
  await ensureTable(client, receiptsTable, IDEMPOTENCY_TABLE);
  const cursors = new CursorCodec('test-cursor-secret-0123456789abcdef');
  const repo = storeOf(
    new DynamoCaseRepository(doc, tableName, cursors, { receiptsTable }),
    new DynamoHandoffRepository(doc, tableName, cursors),
  );
  const receipts = new DynamoReceipts(doc, receiptsTable);
  return {
    client,
    doc,
    tableName,
    repo,
    receipts,
    async drop() {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
      await client.send(new DeleteTableCommand({ TableName: receiptsTable }));
      client.destroy();
    },
  };
}

export type CasesTable = Awaited<ReturnType<typeof freshCasesTable>>;

/** An update straight on an item of the table, past the repositories: an edit by whoever can write it. */
export const editItem = (
  table: Pick<CasesTable, 'doc' | 'tableName'>,
  key: NonNullable<UpdateCommandInput['Key']>,
  update: Omit<UpdateCommandInput, 'TableName' | 'Key'>,
) => table.doc.send(new UpdateCommand({ TableName: table.tableName, Key: key, ...update }));

/**
 * A fresh cases table for each test of the file, dropped after it: call it at the top of a file, read its
 * properties inside the tests (each test has its own table). `own` is a client and document client of the
 * test's own on the same DynamoDB Local, made on first use, so what a test counts on them is its reads only.
 */
export function freshCasesTableEach(): CasesTableView {
  return freshCasesTableFor(beforeEach, afterEach);
}

/** The same, one table for the whole file (made before its first test, dropped after its last). */
export function freshCasesTableAll(): CasesTableView {
  return freshCasesTableFor((fn) => beforeAll(fn, 60_000), afterAll);
}

export type CasesTableView = Omit<CasesTable, 'drop'> & { readonly own: ReturnType<typeof localClients> };

function freshCasesTableFor(
  before: (fn: () => Promise<void>) => void,
  after: (fn: () => Promise<void>) => void,
): CasesTableView {
  let table: CasesTable | undefined;
  let own: ReturnType<typeof localClients> | undefined;
  before(async () => {
    table = await freshCasesTable();
  });
  after(async () => {
    own?.client.destroy();
    own = undefined;
    await table?.drop();
    table = undefined;
  });
  const current = (): CasesTable => {
    if (!table) throw new Error('the cases table is made before the tests: read it inside one');
    return table;
  };
  return {
    get client() {
      return current().client;
    },
    get doc() {
      return current().doc;
    },
    get tableName() {
      return current().tableName;
    },
    get repo() {
      return current().repo;
    },
    get receipts() {
      return current().receipts;
    },
    get own() {
      current();
      own ??= localClients();
      return own;
    },
  };
}
