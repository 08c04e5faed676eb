import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { fileCase } from '../../domain/case/file-case.ts';
import { VersionConflictError } from '../../domain/shared/errors.ts';
import { CursorCodec } from '../../functions/adapters/cursor.ts';
import { DynamoCaseRepository } from '../../functions/adapters/dynamodb/case-repository.ts';
import { depsWith, intake, mediator } from '../support/fixtures.ts';
import { MemoryCaseRepository } from '../support/memory-repository.ts';

/**
 * A stub client, used only because DynamoDB Local cannot produce this fault (it answers the chain-head read
 * before the transaction and fails the transaction): real DynamoDB cancels one of two
 * overlapping transactions on an item with `TransactionConflict`, which the emulator never does.
 */
function clientFailingWith(code: string) {
  return {
    send: async (command: object) => {
      // The reads before the transaction (the hash chain's head, audit/chain-items.ts) find a head at
      // version 1 and no events; only the transaction fails.
      if (command.constructor.name === 'GetCommand')
        return { Item: { chainHead: '0'.repeat(64), version: 1 } };
      if (command.constructor.name === 'QueryCommand') return { Items: [] };
      throw new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: code }, { Code: 'None' }],
      });
    },
  } as unknown as DynamoDBDocumentClient;
}

describe('DynamoCaseRepository faults the emulator cannot produce', () => {
  it('reports a TransactionConflict as a version conflict, not a server error', async () => {
    const c = await fileCase(depsWith(new MemoryCaseRepository()), mediator, intake());
    const repo = new DynamoCaseRepository(
      clientFailingWith('TransactionConflict'),
      'cases',
      new CursorCodec('x'.repeat(32)),
    );
    await expect(repo.save({ next: { ...c, version: 2 }, events: [], outbox: [] }, 1)).rejects.toBeInstanceOf(
      VersionConflictError,
    );
  });

  it('lets other cancellations through unchanged', async () => {
    const repo = new DynamoCaseRepository(
      clientFailingWith('ThrottlingError'),
      'cases',
      new CursorCodec('x'.repeat(32)),
    );
    const c = await fileCase(depsWith(new MemoryCaseRepository()), mediator, intake());
    await expect(repo.save({ next: { ...c, version: 2 }, events: [], outbox: [] }, 1)).rejects.toBeInstanceOf(
      TransactionCanceledException,
    );
  });
});
