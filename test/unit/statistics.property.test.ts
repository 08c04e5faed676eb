import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Case } from '../../domain/case/model.ts';
import { contributionOf, STATS_SHARDS, shardOf } from '../../domain/statistics/contribution.ts';
import { caseImageOf } from '../../domain/statistics/fold.ts';
import { recordBatch, recordCase } from '../../domain/statistics/record-case.ts';
import { expectedTotals, MemoryStatsStore } from '../support/memory-stats.ts';
import { history, type VersionFacts } from '../support/stats-cases.ts';

/**
 * The stream delivers each case's images at least once, a batch may be retried, a replay may deliver old
 * ones after new ones: whatever arrives in whatever order, the counters equal the sum of what the final
 * cases count for (AWS Lambda with DynamoDB Streams: at-least-once; OVERSIGHT.md, "Counting on streams").
 */

const facts: fc.Arbitrary<VersionFacts> = fc.record({
  postId: fc.constantFrom('QD-SN-01', 'QD-LS-02'),
  status: fc.constantFrom('FILED', 'MEDIATING', 'SETTLED', 'MEDIATION_FAILED', 'CLOSED', 'WITHDRAWN'),
  categories: fc.uniqueArray(fc.constantFrom('WAGE_ARREARS', 'OVERTIME', 'SOCIAL_INSURANCE', 'OTHER'), {
    minLength: 1,
    maxLength: 3,
  }),
  workers: fc.integer({ min: 1, max: 12 }),
  claimedFen: fc.integer({ min: 0, max: 10_000_000 }),
  day: fc.integer({ min: 0, max: 80 }),
  agreedFen: fc.option(fc.integer({ min: 0, max: 1_000_000 })),
});

const cases = fc
  .array(
    fc.record({
      receivedOn: fc.constantFrom('2026-01-30', '2026-02-14', '2026-03-31'),
      steps: fc.array(facts, { minLength: 1, maxLength: 6 }),
    }),
    { minLength: 1, maxLength: 5 },
  )
  .map((list) => list.map((c, i) => history(`case-${i}`, c.receivedOn, c.steps)));

/** Every image at least once, some twice or three times, in any order. */
const deliveries = (histories: Case[][]) =>
  fc.array(fc.nat(), { minLength: 0, maxLength: 20 }).chain((extra) => {
    const all = histories.flat();
    const copies = [...all, ...extra.map((n) => all[n % all.length] as Case)];
    return fc.shuffledSubarray(copies, { minLength: copies.length, maxLength: copies.length });
  });

const finalCounts = (histories: Case[][]) =>
  expectedTotals(histories.map((h) => contributionOf(h[h.length - 1] as Case)));

describe('stream records counted exactly once', () => {
  it('any interleaving and duplication of the images gives the counts of the final cases', async () => {
    await fc.assert(
      fc.asyncProperty(
        cases.chain((h) => fc.tuple(fc.constant(h), deliveries(h))),
        async ([histories, records]) => {
          const store = new MemoryStatsStore();
          for (const image of records) await recordCase(store, image);
          expect(store.totals()).toEqual(finalCounts(histories));
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000); // hundreds of runs on a shared machine

  it('a batch cut off mid-way and delivered again from the start counts each image once', async () => {
    await fc.assert(
      fc.asyncProperty(
        cases.chain((h) => fc.tuple(fc.constant(h), deliveries(h), fc.nat())),
        async ([histories, records, cut]) => {
          const store = new MemoryStatsStore();
          store.failAfter = cut % (records.length + 1);
          try {
            for (const image of records) await recordCase(store, image);
          } catch {
            // The consumer died at record i; the event source retries the batch from the start.
          }
          store.failAfter = null;
          for (const image of records) await recordCase(store, image);
          expect(store.totals()).toEqual(finalCounts(histories));
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000); // hundreds of runs on a shared machine

  it('batches of any size, cut by a fault and delivered again from the record they name, count once', async () => {
    await fc.assert(
      fc.asyncProperty(
        cases.chain((h) =>
          fc.tuple(
            fc.constant(h),
            deliveries(h),
            fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 6 }),
            fc.array(fc.option(fc.nat({ max: 4 })), { minLength: 1, maxLength: 6 }),
            // At least a case's own worst: its contribution, two posts' months and years, a closing month.
            fc.integer({ min: 8, max: 20 }),
          ),
        ),
        async ([histories, records, sizes, faults, items]) => {
          const store = new MemoryStatsStore();
          // Small transactions, so a batch is written in several groups and a fault falls between them.
          store.limits = { items, countersPerItem: 250 };
          let at = 0;
          for (let b = 0; at < records.length; b++) {
            const batch = records.slice(at, at + (sizes[b % sizes.length] as number)).map(caseImageOf);
            // A fault in the first deliveries only: the event source's retries get through in the end.
            store.failAfter = faults[b] ?? null;
            const result = await recordBatch(store, batch);
            store.failAfter = null;
            // Only an injected fault stops a batch.
            if (b >= faults.length) expect(result.failedAt).toBeNull();
            // Everything before the record named is counted at least at its version.
            for (const image of batch.slice(0, result.failedAt ?? batch.length)) {
              expect((await store.contribution(image.subject))?.version).toBeGreaterThanOrEqual(
                image.version,
              );
            }
            at += result.failedAt ?? batch.length;
          }
          expect(store.totals()).toEqual(finalCounts(histories));
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000); // hundreds of runs on a shared machine

  it('puts one case always on the same shard of 16', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (id) => {
        const shard = shardOf(`CASE#${id}`);
        expect(shard).toBe(shardOf(`CASE#${id}`));
        expect(shard).toBeGreaterThanOrEqual(0);
        expect(shard).toBeLessThan(STATS_SHARDS);
      }),
    );
  });
});
