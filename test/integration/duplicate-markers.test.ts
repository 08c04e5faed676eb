import { describe, expect, it } from 'vitest';
import { handlePartnerEvent } from '../../domain/callbacks/handle-event.ts';
import { type Filing, fileCase } from '../../domain/case/file-case.ts';
import { CommandAlreadyDone } from '../../domain/case/ports.ts';
import { findDuplicates } from '../../domain/sealing/duplicates.ts';
import { duplicateDepsOn } from '../support/duplicate-deps.ts';
import { freshCasesTableAll } from '../support/dynamodb.ts';
import { creditCode, depsWith, intake, mediator, outsider, residentId } from '../support/fixtures.ts';

/**
 * Duplicate markers are written in the filing's own transaction (DynamoDB Local): once `fileCase` returns,
 * the case is found by its workers' keyed hashes with nothing written after it, and a filing whose
 * transaction is cancelled leaves no case and no marker that could ever match. A collective filing with more
 * workers than one transaction holds keeps both properties: the markers that do not fit are written first
 * and count only through their case, which is read by key.
 */

const table = freshCasesTableAll();
const duplicates = duplicateDepsOn(table, 7);

const employer = { name: '青岛港湾物流有限公司', creditCode: creditCode('91370200MA3C4777Y') };
const worker = (i: number) => ({
  name: `工人${i}`,
  idNumber: residentId(`37020219900307${String(i).padStart(3, '0')}`),
  phone: '13912345678',
});
const single = (i: number) => intake({ workers: [worker(i)], employer });
const collective = (from: number, count: number) =>
  intake({
    workers: Array.from({ length: count }, (_, k) => worker(from + k)),
    employer,
    representatives: [0],
  });
const receipt = (id: string) => () => ({ id, fingerprint: 'f', result: '{}', expiresAt: 4_102_444_800 });

describe('duplicate markers in the filing transaction', () => {
  it('stores the markers and pairs with the case: found as soon as the filing returns', async () => {
    const deps = depsWith(table.repo);
    const { case: first, possibleDuplicates: none } = await fileCase(deps, mediator, single(1), {
      duplicates,
    });
    expect(none).toEqual([]);
    // Nothing is written after fileCase: the markers came with the case.
    const again = await findDuplicates(duplicates, single(1));
    const earlier = { caseId: first.caseId, caseNumber: first.caseNumber, postId: first.postId };
    expect(again.found).toEqual([earlier]);

    const filing = await fileCase(deps, outsider, single(1), { duplicates });
    expect(filing.possibleDuplicates).toEqual([earlier]);
    const second = filing.case;
    const queue = await duplicates.store.pending(outsider.postId, { limit: 50 });
    expect(queue.items.map((p) => [p.filed.caseId, p.earlier.caseId])).toContainEqual([
      second.caseId,
      first.caseId,
    ]);
    const theirs = await duplicates.store.pending(mediator.postId, { limit: 50 });
    expect(theirs.items.some((p) => p.filed.caseId === second.caseId)).toBe(true);

    // The receipt is built from the whole filing: a replay answers the same possible duplicates.
    let receipted: Filing | undefined;
    const third = await fileCase(deps, mediator, single(1), {
      duplicates,
      receipt: (filed) => {
        receipted = filed;
        return receipt('third-1')();
      },
    });
    expect(receipted).toEqual(third);
    expect(third.possibleDuplicates.map((d) => d.caseId).sort()).toEqual(
      [first.caseId, second.caseId].sort(),
    );
  });

  it('stores neither the case nor its markers and pairs when the transaction is cancelled', async () => {
    const deps = depsWith(table.repo);
    await fileCase(deps, mediator, single(2), { receipt: receipt('taken-1') });
    const found = await findDuplicates(duplicates, single(3));
    // A receipt id already taken cancels the transaction: CommandAlreadyDone, nothing stored.
    await expect(
      fileCase(deps, outsider, single(3), { receipt: receipt('taken-1'), duplicates }),
    ).rejects.toBeInstanceOf(CommandAlreadyDone);
    expect((await findDuplicates(duplicates, single(3))).found).toEqual([]);
    expect(await duplicates.store.casesWith(found.hashes)).toEqual([]);
  });

  it('stores a partner-opened case with its markers and pairs, or neither', async () => {
    const deps = depsWith(table.repo);
    const { case: walkIn } = await fileCase(deps, mediator, single(500), { duplicates });
    await fileCase(deps, mediator, single(501), { receipt: receipt('taken-3') });
    const court = { kind: 'COURT' as const, id: 'qd-shinan-court', posts: [outsider.postId] };
    const { origin: _origin, ...parties } = single(500);
    const opening = (reference: string) => ({
      type: 'court.mediation_delegated',
      data: { ...parties, postId: outsider.postId, reference, receivedOn: '2026-03-01' },
    });
    await expect(
      handlePartnerEvent(deps, court, opening('(2026)鲁0202民诉前调1号'), {
        receipt: receipt('taken-3'),
        duplicates,
      }),
    ).rejects.toBeInstanceOf(CommandAlreadyDone);
    expect((await findDuplicates(duplicates, single(500))).found.map((d) => d.caseId)).toEqual([
      walkIn.caseId,
    ]);

    const opened = await handlePartnerEvent(deps, court, opening('(2026)鲁0202民诉前调2号'), { duplicates });
    const found = await findDuplicates(duplicates, single(500));
    expect(found.found.map((d) => d.caseId).sort()).toEqual([walkIn.caseId, opened.caseId].sort());
    const pairs = await duplicates.store.pending(outsider.postId, { limit: 100 });
    expect(pairs.items.filter((p) => p.filed.caseId === opened.caseId).map((p) => p.earlier.caseId)).toEqual([
      walkIn.caseId,
    ]);
  }, 120_000);

  it('keeps both properties for a collective filing with more markers than a transaction holds', async () => {
    const deps = depsWith(table.repo);
    const big = collective(100, 120);
    const found = await findDuplicates(duplicates, big);
    expect(found.hashes).toHaveLength(120);
    const { case: c } = await fileCase(deps, mediator, big, { duplicates });
    const marked = await duplicates.store.casesWith(found.hashes);
    expect(marked.filter((m) => m.caseId === c.caseId && m.open)).toHaveLength(1);
    for (const hash of [found.hashes[0], found.hashes[119]]) {
      expect(await duplicates.store.casesWith([hash as string])).toEqual([
        { caseId: c.caseId, caseNumber: c.caseNumber, postId: c.postId, open: true },
      ]);
    }

    await fileCase(deps, mediator, single(400), { receipt: receipt('taken-2') });
    const other = collective(300, 120);
    const otherFound = await findDuplicates(duplicates, other);
    await expect(
      fileCase(deps, mediator, other, { receipt: receipt('taken-2'), duplicates }),
    ).rejects.toBeInstanceOf(CommandAlreadyDone);
    // Markers written ahead of a cancelled filing match nothing: their case does not exist.
    expect((await findDuplicates(duplicates, other)).found).toEqual([]);
    expect((await duplicates.store.casesWith(otherFound.hashes)).filter((m) => m.open)).toEqual([]);
  }, 240_000);
});
