import { BatchGetCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { CursorCodec } from '../../functions/adapters/cursor.ts';
import { DynamoDuplicateStore } from '../../functions/adapters/dynamodb/duplicate-store.ts';

/**
 * A stub client, used only because DynamoDB Local cannot produce this: real DynamoDB may leave keys of a
 * BatchGetItem unprocessed (throttling, the 16 MB answer limit), which the emulator never does. The store
 * asks for them again after a short back-off, 100 keys a call, and gives up after a bounded number of
 * retries rather than calling a case closed that it never read. (The same read over more than 100 cases
 * on DynamoDB Local: test/integration/duplicate-store-batch.test.ts.)
 */

const TABLE = 'cases';
const ids = Array.from({ length: 150 }, (_, i) => `case-${String(i).padStart(3, '0')}`);
const status = (id: string) => (id === 'case-149' ? 'CLOSED' : 'FILED');

/** A client whose markers name `ids`, and whose BatchGetItem leaves `unprocessed` keys of each call. */
function stubClient(unprocessed: (call: number, keys: { PK: string }[]) => { PK: string }[]) {
  const batches: number[] = [];
  const db = {
    send: async (command: object) => {
      if (command instanceof QueryCommand) {
        const pk = String(command.input.ExpressionAttributeValues?.[':pk']);
        const i = Number(pk.slice('DUPKEY#h'.length));
        const caseId = ids[i] as string;
        return { Items: [{ caseId, caseNumber: `QD-SN-01-2026-${i}`, postId: 'QD-SN-01' }] };
      }
      if (command instanceof BatchGetCommand) {
        const keys = (command.input.RequestItems?.[TABLE]?.Keys ?? []) as { PK: string }[];
        batches.push(keys.length);
        const left = unprocessed(batches.length, keys);
        const answered = keys.filter((k) => !left.some((l) => l.PK === k.PK));
        return {
          Responses: {
            [TABLE]: answered.map((k) => {
              const caseId = k.PK.slice('CASE#'.length);
              return { caseId, status: status(caseId) };
            }),
          },
          ...(left.length > 0 ? { UnprocessedKeys: { [TABLE]: { Keys: left } } } : {}),
        };
      }
      throw new Error(`unexpected ${command.constructor.name}`);
    },
  } as unknown as DynamoDBDocumentClient;
  return { db, batches };
}

const hashes = ids.map((_, i) => `h${i}`);
const store = (db: DynamoDBDocumentClient) =>
  new DynamoDuplicateStore(db, TABLE, new CursorCodec('x'.repeat(32)));

describe('DynamoDuplicateStore.casesWith, faults the emulator cannot produce', () => {
  it('asks again for keys BatchGetItem left unprocessed, 100 keys a call', async () => {
    // The first call leaves ten keys unprocessed; later calls answer everything.
    const { db, batches } = stubClient((call, keys) => (call === 1 ? keys.slice(90) : []));
    const found = await store(db).casesWith(hashes);
    expect(found).toHaveLength(150);
    expect(found.filter((c) => !c.open).map((c) => c.caseId)).toEqual(['case-149']);
    expect(batches.every((n) => n <= 100)).toBe(true);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(160);
  });

  it('gives up after a bounded number of retries, never calling an unread case closed', async () => {
    const { db, batches } = stubClient((_call, keys) => keys.slice(0, 1));
    await expect(store(db).casesWith(hashes)).rejects.toThrow(/unprocessed/);
    expect(batches.length).toBeLessThanOrEqual(10);
  }, 20_000);
});
