import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { Case } from '../../domain/case/model.ts';
import {
  type Contribution,
  caseSubject,
  contributionOf,
  shardOf,
} from '../../domain/statistics/contribution.ts';
import { caseImageOf, groupReplacements, summedDeltas } from '../../domain/statistics/fold.ts';
import type { Replacement } from '../../domain/statistics/ports.ts';
import { recordBatch, recordCase } from '../../domain/statistics/record-case.ts';
import { createStatsAggregator } from '../../functions/streams/stats-consumer.ts';
import { expectedTotals, MemoryStatsStore } from '../support/memory-stats.ts';
import { caseImage } from '../support/stats-cases.ts';

/**
 * The consumer folds a stream batch per case and writes several cases in one transaction with their counter
 * deltas summed per counter item (domain/statistics/fold.ts): the same counts as one transaction per record,
 * fewer writes, and a cancelled transaction or a fault handled without counting anything twice.
 */

const closedCase = (caseId: string, version: number, extra: Partial<Case> = {}) =>
  caseImage({
    caseId,
    version,
    status: 'CLOSED',
    updatedAt: '2026-03-20T02:00:00.000Z',
    agreement: { terms: 't', amountFen: 5000, performBy: '2026-03-30', signedAt: 's', paidFen: 5000 },
    ...extra,
  });

/** Case ids whose contributions land on the same counter shard. */
function idsOnOneShard(count: number): string[] {
  const byShard = new Map<number, string[]>();
  for (let i = 0; ; i++) {
    const id = `shared-${i}`;
    const list = byShard.get(shardOf(caseSubject(id))) ?? [];
    byShard.set(shardOf(caseSubject(id)), [...list, id]);
    if (list.length + 1 === count) return [...list, id];
  }
}

describe('a stream batch folded per case', () => {
  it('counts a case delivered several times in one batch once, at its newest version, in one write', async () => {
    const v1 = caseImage({ caseId: 'a', version: 1, status: 'FILED' });
    const v2 = caseImage({ caseId: 'a', version: 2, status: 'MEDIATING' });
    const v3 = closedCase('a', 3);
    const store = new MemoryStatsStore();
    const result = await recordBatch(store, [v1, v3, v2, v1, v3].map(caseImageOf));
    expect(result).toEqual({ counted: 1, alreadyCounted: 0, failedAt: null });
    expect(store.transactions).toHaveLength(1);
    expect((await store.contribution(caseSubject('a')))?.version).toBe(3);
    expect(store.totals()).toEqual(expectedTotals([contributionOf(v3)]));
  });

  it('keeps a closed case frozen as if its images were written one by one', async () => {
    const open = caseImage({ caseId: 'f', version: 1, status: 'MEDIATING' });
    const closed = closedCase('f', 2);
    // A later image that would count differently (another category), after the case closed.
    const later = closedCase('f', 3, { claims: [{ category: 'OVERTIME', amountFen: 1, description: 'd' }] });
    const oneByOne = new MemoryStatsStore();
    for (const c of [open, closed, later]) await recordCase(oneByOne, c);
    const folded = new MemoryStatsStore();
    await recordBatch(folded, [open, later, closed].map(caseImageOf));
    expect(folded.totals()).toEqual(oneByOne.totals());
    expect(folded.totals()['QD-SN-01#2026-03']?.['category:OVERTIME|received']).toBeUndefined();
  });

  it('sums two cases sharing counter items into one update per item', async () => {
    const [x, y] = idsOnOneShard(2) as [string, string];
    const cx = caseImage({ caseId: x, version: 1 });
    const cy = caseImage({ caseId: y, version: 1, workers: [{ name: 'W', idNumber: 'i', phone: 'p' }] });
    const store = new MemoryStatsStore();
    await recordBatch(store, [cx, cy].map(caseImageOf));
    // The month and the year's roll-up, on the one shard: two counter items for two cases.
    expect(store.transactions).toEqual([{ subjects: [caseSubject(x), caseSubject(y)], counterItems: 2 }]);
    expect(store.totals()['QD-SN-01#2026-03']?.['all|received']).toBe(2);
    const summed = summedDeltas([
      { previous: null, next: contributionOf(cx) },
      { previous: null, next: contributionOf(cy) },
    ]);
    expect([...summed.values()].map((c) => c['all|received'])).toEqual([2, 2]);
  });

  it('writes nothing for counters that cancel out within a group', () => {
    const opened = contributionOf(caseImage({ caseId: 'm', version: 1 }));
    const moved = contributionOf(caseImage({ caseId: 'm', version: 2, receivedOn: '2026-04-01' }));
    expect(summedDeltas([{ previous: opened, next: opened }]).size).toBe(0);
    expect(summedDeltas([{ previous: opened, next: moved }]).get(`QD-SN-01#2026@${shardOf('CASE#m')}`)).toBe(
      undefined,
    );
  });

  it('drops a stale case from its group, writes the rest, and reads and folds the stale one again', async () => {
    const cases = ['s1', 's2', 's3'].map((id) => closedCase(id, 4));
    const store = new MemoryStatsStore();
    const racer = caseImage({ caseId: 's2', version: 2, status: 'MEDIATING' });
    const overtaker = closedCase('s3', 9);
    // Another delivery writes s2 (older) and s3 (newer) after this batch read its contributions.
    const read = store.contributions.bind(store);
    let raced = false;
    store.contributions = async (subjects) => {
      const found = await read(subjects);
      if (!raced) {
        raced = true;
        await recordCase(store, racer);
        await recordCase(store, overtaker);
      }
      return found;
    };
    const result = await recordBatch(store, cases.map(caseImageOf));
    expect(result).toEqual({ counted: 2, alreadyCounted: 1, failedAt: null });
    expect(store.transactions.map((t) => t.subjects)).toEqual([
      ['CASE#s2'],
      ['CASE#s3'],
      ['CASE#s1'],
      ['CASE#s2'],
    ]);
    expect(store.totals()).toEqual(
      expectedTotals([
        contributionOf(cases[0] as Case),
        contributionOf(cases[1] as Case),
        contributionOf(overtaker),
      ]),
    );
  });

  it('splits a batch into transactions within the limits, and counts the same', async () => {
    const images = Array.from({ length: 30 }, (_, i) =>
      closedCase(`g${i}`, 2, { receivedOn: `2026-0${1 + (i % 3)}-05` }),
    );
    const store = new MemoryStatsStore();
    store.limits = { items: 7, countersPerItem: 250 };
    await recordBatch(store, images.map(caseImageOf));
    expect(store.transactions.length).toBeGreaterThan(4);
    for (const t of store.transactions) expect(t.subjects.length + t.counterItems).toBeLessThanOrEqual(7);
    expect(store.totals()).toEqual(expectedTotals(images.map((c) => contributionOf(c))));
    const tight: Replacement[] = images.map((c) => ({ previous: null, next: contributionOf(c) }));
    const narrow = groupReplacements(tight, { items: 100, countersPerItem: 20 });
    expect(narrow.length).toBeGreaterThan(1);
    expect(narrow.flat()).toEqual(tight);
  });

  it('stops at a fault and names the first record of a subject it did not count', async () => {
    const images = ['p', 'q', 'r', 's'].map((id) => caseImage({ caseId: id, version: 1 }));
    const store = new MemoryStatsStore();
    // One case a transaction (its contribution, its month and its year): the second transaction fails.
    store.limits = { items: 3, countersPerItem: 250 };
    store.failAfter = 1;
    const result = await recordBatch(store, [...images, images[0] as Case].map(caseImageOf));
    expect(result.failedAt).toBe(1);
    expect(result.counted).toBe(1);
    const stored = (id: string) => store.contribution(caseSubject(id));
    expect(await stored('p')).not.toBeNull();
    expect(await stored('q')).toBeNull();
  });
});

const record = (c: Case, seq: number): DynamoDBRecord => ({
  eventName: 'MODIFY',
  dynamodb: {
    SequenceNumber: String(seq),
    // biome-ignore lint/suspicious/noExplicitAny: the stream's attribute values, as Lambda hands them over
    NewImage: marshall({ itemType: 'CASE', ...c }, { removeUndefinedValues: true }) as any,
  },
});

describe('the stream consumer reports the record to resume from', () => {
  it('answers no failure when the batch is counted, and counts a redelivery nothing', async () => {
    const store = new MemoryStatsStore();
    const batch = ['c1', 'c2'].map((id, i) => record(caseImage({ caseId: id }), i + 1));
    expect(await createStatsAggregator(store)({ Records: batch })).toEqual({ batchItemFailures: [] });
    const before = store.totals();
    await createStatsAggregator(store)({ Records: [...batch].reverse() });
    expect(store.totals()).toEqual(before);
  });

  it('names the first record of the first subject not counted after a fault', async () => {
    const store = new MemoryStatsStore();
    store.limits = { items: 3, countersPerItem: 250 };
    store.failAfter = 1;
    const batch = ['d1', 'd2', 'd3'].map((id, i) => record(caseImage({ caseId: id }), 10 + i));
    const answer = await createStatsAggregator(store)({ Records: batch });
    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: '11' }] });
    store.failAfter = null;
    const resumed = await createStatsAggregator(store)({ Records: batch.slice(1) });
    expect(resumed).toEqual({ batchItemFailures: [] });
    const cases = ['d1', 'd2', 'd3'].map((id) => contributionOf(caseImage({ caseId: id })));
    expect(store.totals()).toEqual(expectedTotals(cases as Contribution[]));
  });

  it('counts the records before an unreadable one and resumes at it', async () => {
    const store = new MemoryStatsStore();
    const bad: DynamoDBRecord = {
      eventName: 'INSERT',
      dynamodb: { SequenceNumber: '22', NewImage: { itemType: { S: 'CASE' }, version: { X: '1' } as never } },
    };
    const batch = [record(caseImage({ caseId: 'e1' }), 21), bad, record(caseImage({ caseId: 'e2' }), 23)];
    expect(await createStatsAggregator(store)({ Records: batch })).toEqual({
      batchItemFailures: [{ itemIdentifier: '22' }],
    });
    expect(await store.contribution(caseSubject('e1'))).not.toBeNull();
    expect(await store.contribution(caseSubject('e2'))).toBeNull();
  });
});
