import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import type { Case } from '../../domain/case/model.ts';
import { findDuplicates, pairKeys } from '../../domain/sealing/duplicates.ts';
import { duplicateDepsOn } from '../support/duplicate-deps.ts';
import { freshCasesTableAll } from '../support/dynamodb.ts';
import { creditCode, depsWith, intake, mediator, residentId } from '../support/fixtures.ts';

/**
 * The duplicate store reads whether each candidate case is open from the case itself, by BatchGetItem (100
 * keys a call at most): with more than 100 candidate cases (DynamoDB Local) every one of them is read, the
 * 101st and later too, a closed one is not open, and a marker whose case was never stored matches nothing.
 */

const table = freshCasesTableAll();
const duplicates = duplicateDepsOn(table, 9);

const employer = { name: '青岛港湾物流有限公司', creditCode: creditCode('91370200MA3C4888Y') };
const worker = (i: number) => ({
  name: `工人${i}`,
  idNumber: residentId(`37020219880511${String(i).padStart(3, '0')}`),
  phone: '13912345678',
});
const CANDIDATES = 130;

describe('duplicate candidates read by BatchGetItem', () => {
  it('reads more than 100 candidate cases, 100 keys a call', async () => {
    const deps = depsWith(table.repo);
    const filed: Case[] = [];
    // One worker each (a marker partition per case), a few filings at a time.
    for (let i = 0; i < CANDIDATES; i += 10) {
      const batch = Array.from({ length: Math.min(10, CANDIDATES - i) }, (_, k) =>
        fileCase(deps, mediator, intake({ workers: [worker(i + k)], employer }), { duplicates }),
      );
      filed.push(...(await Promise.all(batch)).map((f) => f.case));
    }
    const last = filed[CANDIDATES - 1] as Case;
    await actOnCase(deps, mediator, last.caseId, { action: 'WITHDRAW', reason: 'settled privately' }, 1);

    const everyone = { workers: filed.map((_, i) => worker(i)), employer } as Pick<
      Case,
      'workers' | 'employer'
    >;
    const hashes = await duplicates.hasher.hash(pairKeys(everyone));
    expect(hashes).toHaveLength(CANDIDATES);
    // A marker written ahead of a filing whose transaction was cancelled: its case does not exist.
    await table.doc.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          PK: `DUPKEY#${hashes[0]}`,
          SK: 'CASE#00000000-0000-4000-8000-999999999999',
          itemType: 'DUPKEY',
          caseId: '00000000-0000-4000-8000-999999999999',
          caseNumber: 'QD-SN-01-2026-99999',
          postId: mediator.postId,
        },
      }),
    );

    const candidates = await duplicates.store.casesWith(hashes);
    expect(candidates).toHaveLength(CANDIDATES + 1);
    const open = new Map(candidates.map((c) => [c.caseId, c.open]));
    expect(filed.slice(0, -1).filter((c) => open.get(c.caseId) !== true)).toEqual([]);
    expect(open.get(last.caseId)).toBe(false);
    expect(open.get('00000000-0000-4000-8000-999999999999')).toBe(false);

    const found = await findDuplicates(duplicates, everyone);
    expect(found.found.map((d) => d.caseId).sort()).toEqual(
      filed
        .slice(0, -1)
        .map((c) => c.caseId)
        .sort(),
    );
  }, 300_000);
});
