import { randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileCase } from '../../domain/case/file-case.ts';
import { EnvelopeSealer } from '../../functions/adapters/crypto/envelope.ts';
import { LocalDataKeys } from '../../functions/adapters/crypto/local-data-keys.ts';
import { openFields, useFieldSealer } from '../../functions/adapters/dynamodb/sealed-items.ts';
import { keys } from '../../functions/adapters/dynamodb/table-design.ts';
import { freshCasesTable } from '../support/dynamodb.ts';
import { appointLawyer, depsWith, intake, mediator, residentId } from '../support/fixtures.ts';

/**
 * A stage that changes its field cipher (docs/sealing.md): cases sealed with AES-256-GCM stay readable once
 * SM4 is selected, the fields an action adds are sealed with SM4, and the table says which is which.
 */

let table: Awaited<ReturnType<typeof freshCasesTable>>;
// One data-key source, as one KMS key serves the stage before and after the change.
const dataKeys = new LocalDataKeys(randomBytes(32));

beforeAll(async () => {
  table = await freshCasesTable();
});
afterAll(async () => {
  useFieldSealer(new EnvelopeSealer(new LocalDataKeys(randomBytes(32))));
  await table.drop();
});

const WORKER_ID = residentId();
const AGENT_ID = residentId('37020219800101001');

const sealedFields = async (caseId: string) => {
  const item = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: keys.case(caseId) }));
  const sealed = item.Item?.sealed as { fields: Record<string, string> } | undefined;
  return sealed?.fields ?? {};
};
const cipherOf = (envelope: string | undefined) => envelope?.split(':')[1]?.split('.')[0];

describe('changing the field cipher of a stage', () => {
  it('keeps AES-sealed values openable, and seals what is added with SM4', async () => {
    useFieldSealer(new EnvelopeSealer(dataKeys, undefined, undefined, 'aes256gcm'));
    const deps = depsWith(table.repo);
    const c = await fileCase(
      deps,
      mediator,
      intake({ workers: [{ name: 'Wang Fang', idNumber: WORKER_ID, phone: '13812345678' }] }),
    );
    expect(cipherOf((await sealedFields(c.caseId))['workers[0].idNumber'])).toBe('aes256gcm');

    // The stage now seals with SM4 (a new container: SEALING_ALGORITHM=sm4ctr-hmacsm3).
    useFieldSealer(new EnvelopeSealer(dataKeys, undefined, undefined, 'sm4ctr-hmacsm3'));
    await appointLawyer(deps, c.caseId, { idNumber: AGENT_ID, phone: '13900001111' });
    const fields = await sealedFields(c.caseId);
    expect(cipherOf(fields['workers[0].idNumber'])).toBe('aes256gcm');
    expect(cipherOf(fields['agents[0].idNumber'])).toBe('sm4ctr-hmacsm3');
    expect(cipherOf(fields['agents[0].phone'])).toBe('sm4ctr-hmacsm3');
    expect(JSON.stringify(fields)).not.toContain(AGENT_ID);

    const read = await table.repo.get(c.caseId);
    if (!read) throw new Error('case not read back');
    expect(await openFields(read, ['workers[0].idNumber', 'workers[0].phone', 'agents[0].idNumber'])).toEqual(
      {
        'workers[0].idNumber': WORKER_ID,
        'workers[0].phone': '13812345678',
        'agents[0].idNumber': AGENT_ID,
      },
    );
  });
});
