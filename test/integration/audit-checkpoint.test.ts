import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { startFauxqs } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainItems, GENESIS } from '../../domain/audit/chain.ts';
import { proofFor, proofHolds } from '../../domain/audit/checkpoint.ts';
import { runCheckpoint } from '../../domain/audit/run-checkpoint.ts';
import { caseProblems } from '../../domain/audit/verify.ts';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import { caseEvidence } from '../../functions/adapters/audit/evidence.ts';
import { S3CheckpointStore } from '../../functions/adapters/audit/s3-checkpoints.ts';
import { sha256 } from '../../functions/adapters/audit/sha256.ts';
import { LocalSigner, signatureHolds } from '../../functions/adapters/audit/signer.ts';
import { verifyStored } from '../../functions/adapters/audit/verify-store.ts';
import { DynamoChangedChains } from '../../functions/adapters/dynamodb/chain-heads.ts';
import { storedEvents } from '../../functions/adapters/dynamodb/chain-items.ts';
import { keys } from '../../functions/adapters/dynamodb/table-design.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/ports.ts';
import { editItem, freshCasesTable } from '../support/dynamodb.ts';
import { depsWith, intake, mediator } from '../support/fixtures.ts';

/**
 * Checkpoints on DynamoDB Local and the emulator's S3 (fauxqs), signed by a node:crypto P-256 key behind
 * the signer port (no KMS emulator exists): the changed chains are taken once, a case's inclusion proof
 * holds, and an event edited in the table — or rewritten with every hash recomputed — fails verification.
 */

let table: Awaited<ReturnType<typeof freshCasesTable>>;
let fauxqs: Awaited<ReturnType<typeof startFauxqs>>;
let s3: S3Client;
const signer = new LocalSigner();
const signed = (m: Uint8Array, s: string) => signatureHolds(signer.publicKeyPem, m, s);
let t = Date.parse('2026-03-02T03:00:00.000Z');
const clock = {
  now: () => {
    t += 60_000;
    return new Date(t).toISOString();
  },
};

beforeAll(async () => {
  table = await freshCasesTable();
  fauxqs = await startFauxqs({ port: 0, logger: false });
  s3 = new S3Client({
    endpoint: fauxqs.address,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
  });
  await s3.send(new CreateBucketCommand({ Bucket: 'checkpoints' }));
}, 60_000);
afterAll(async () => {
  s3?.destroy();
  await fauxqs?.stop();
  await table?.drop();
});

const deps = () => {
  const chains = new DynamoChangedChains(table.doc, table.tableName);
  const store = new S3CheckpointStore(s3, 'checkpoints');
  return { chains, store, signer, clock, sha256 };
};
const evidence = (caseId: string) => {
  const d = deps();
  return caseEvidence(table.doc, table.tableName, d.chains, d.store, caseId);
};

describe('checkpoints and proofs', () => {
  it('checkpoints the changed chains once, with a signed tree whose proof holds for each case', async () => {
    const cases = deps();
    const a = await fileCase(depsWith(table.repo), mediator, intake());
    const b = await fileCase(depsWith(table.repo), mediator, intake());
    const first = await runCheckpoint(cases);
    expect(first?.checkpoint.leaves.map((l) => l.caseId).sort()).toEqual([a.caseId, b.caseId].sort());
    expect(await runCheckpoint(cases)).toBeNull();
    await actOnCase(
      depsWith(table.repo),
      mediator,
      a.caseId,
      { action: 'ASSIGN_MEDIATOR', mediatorId: 'x' },
      1,
    );
    const second = await runCheckpoint(cases);
    expect(second?.checkpoint.leaves).toEqual([expect.objectContaining({ caseId: a.caseId, version: 2 })]);
    expect(second?.checkpoint.previous).toBe(first?.key);

    const e = await evidence(a.caseId);
    expect(caseProblems(sha256, e, signed)).toEqual([]);
    const proof = e.checkpoint && proofFor(sha256, e.checkpoint.key, e.checkpoint.checkpoint, a.caseId);
    expect(proof && proofHolds(sha256, proof)).toBe(true);
    expect(caseProblems(sha256, e, () => false)).toEqual([
      expect.stringContaining('signature does not hold'),
    ]);
  });

  it('fails verification naming the event edited in the table, and catches hashes recomputed after it', async () => {
    const c = await fileCase(depsWith(table.repo), mediator, intake());
    await actOnCase(
      depsWith(table.repo),
      mediator,
      c.caseId,
      { action: 'ASSIGN_MEDIATOR', mediatorId: 'x' },
      1,
    );
    await runCheckpoint(deps());
    await editItem(table, keys.event(c.caseId, 2, 0), {
      UpdateExpression: 'SET payload.mediatorId = :m',
      ExpressionAttributeValues: { ':m': 'someone.else' },
    });
    const edited = caseProblems(sha256, await evidence(c.caseId), signed);
    expect(edited).toEqual([expect.stringContaining(keys.event(c.caseId, 2, 0).SK)]);
    // The offline verifier (npm run verify) reads the table and the bucket directly and says the same.
    const src = { db: table.doc, table: table.tableName, s3, bucket: 'checkpoints', signed };
    expect((await verifyStored(src, c.caseId)).problems).toEqual([
      expect.stringContaining(keys.event(c.caseId, 2, 0).SK),
    ]);
    const all = await verifyStored(src, null);
    expect(all.cases).toBeGreaterThan(1);
    expect(all.problems).toEqual([expect.stringContaining(keys.event(c.caseId, 2, 0).SK)]);

    // Whoever can write the table can recompute every hash and the head; the signed checkpoint cannot be.
    const items = await storedEvents(table.doc, table.tableName, c.caseId);
    const head = chainItems(sha256, GENESIS, items);
    for (const item of items) {
      await editItem(
        table,
        { PK: item.PK, SK: item.SK },
        {
          UpdateExpression: 'SET #h = :h',
          ExpressionAttributeNames: { '#h': 'hash' },
          ExpressionAttributeValues: { ':h': item.hash },
        },
      );
    }
    await editItem(table, keys.case(c.caseId), {
      UpdateExpression: 'SET chainHead = :h',
      ExpressionAttributeValues: { ':h': head },
    });
    const rewritten = caseProblems(sha256, await evidence(c.caseId), signed);
    expect(rewritten).toEqual([expect.stringContaining('not those checkpointed')]);
  });
});
