import type { DuplicateDeps } from '../../domain/sealing/duplicates.ts';
import { LocalMac } from '../../functions/adapters/crypto/mac.ts';
import { CursorCodec } from '../../functions/adapters/cursor.ts';
import { DynamoDuplicateStore } from '../../functions/adapters/dynamodb/duplicate-store.ts';
import type { CasesTableView } from './dynamodb.ts';

/**
 * The duplicate look-up's ports on a test's cases table: a local MAC keyed by `macSeed`, the store on the
 * table (made when first read, so it may be declared before the table exists), a fixed clock and numbered
 * pair ids.
 */
export function duplicateDepsOn(table: CasesTableView, macSeed: number): DuplicateDeps {
  let pairIds = 0;
  let store: DynamoDuplicateStore | undefined;
  let storeTable: string | undefined;
  return {
    hasher: new LocalMac(Buffer.alloc(32, macSeed)),
    get store() {
      if (!store || storeTable !== table.tableName) {
        storeTable = table.tableName;
        store = new DynamoDuplicateStore(
          table.doc,
          table.tableName,
          new CursorCodec('test-cursor-secret-0123456789'),
        );
      }
      return store;
    },
    clock: { now: () => '2026-03-02T02:00:00.000Z' },
    newId: () => `00000000-0000-4000-8000-${String(++pairIds).padStart(12, '0')}`,
  };
}
