import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import type { Case } from '../../domain/case/model.ts';
import {
  type Contribution,
  caseSubject,
  contributionOf,
  shardOf,
} from '../../domain/statistics/contribution.ts';
import type { Replacement } from '../../domain/statistics/ports.ts';
import { rebuildStats } from '../../domain/statistics/rebuild.ts';
import { DynamoPostDirectory } from '../../functions/adapters/dynamodb/post-directory.ts';
import { DynamoCountedSource } from '../../functions/adapters/dynamodb/stats-source.ts';
import { DynamoStatsStore } from '../../functions/adapters/dynamodb/stats-store.ts';
import { createStatsAggregator } from '../../functions/streams/stats-consumer.ts';
import { pollStream } from '../../infra/local/pollers/stream.ts';
import type { Poller } from '../../infra/local/pollers/types.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/ports.ts';
import { freshCasesTable } from '../support/dynamodb.ts';
import { depsWith, intake, mediator, OTHER_POST, outsider, POST, settle } from '../support/fixtures.ts';
import { caseImage } from '../support/stats-cases.ts';

/**
 * The statistics consumer on DynamoDB Local's stream: it dies in the middle of its first batches (after
 * some transactions committed), the poller hands the same batch again, as Lambda does; a replay of every
 * record in reverse afterwards changes nothing; and a recount from the cases finds no difference.
 */

let table: Awaited<ReturnType<typeof freshCasesTable>>;
let streams: DynamoDBStreamsClient;
let store: DynamoStatsStore;
let poller: Poller | undefined;
const seen: DynamoDBRecord[] = [];
let kills = 0;

beforeAll(async () => {
  table = await freshCasesTable();
  streams = new DynamoDBStreamsClient({
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    endpoint: inject('dynamoEndpoint'),
  });
  store = new DynamoStatsStore(table.doc, table.tableName);
  const posts = new DynamoPostDirectory(table.doc, table.tableName, null);
  for (const postId of [POST, OTHER_POST]) {
    await posts.put({
      postId,
      name: postId,
      district: 'd',
      updatedAt: '2026-01-01T00:00:00Z',
      updatedBy: 'a',
    });
  }
});

afterAll(async () => {
  await poller?.stop();
  streams?.destroy();
  await table?.drop();
});

const consumer = () => createStatsAggregator(store);

/** The first three batches die after counting half their records; the poller redelivers them whole. */
async function killingHandler(event: DynamoDBStreamEvent) {
  seen.push(...event.Records);
  if (kills < 3 && event.Records.length > 1) {
    kills++;
    const half = Math.ceil(event.Records.length / 2);
    await consumer()({ Records: event.Records.slice(0, half) });
    throw new Error('killed mid-batch');
  }
  return consumer()(event);
}

async function until(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the statistics consumer on a real stream', () => {
  it('killed mid-batch and redelivered, counts every case once: the rebuild finds no difference', async () => {
    const deps = depsWith(table.repo);
    const filed: Case[] = [];
    for (let i = 0; i < 8; i++) {
      const actor = i % 3 === 0 ? outsider : mediator;
      filed.push(
        await fileCase(
          deps,
          actor,
          intake(i % 2 ? { claims: [{ category: 'OVERTIME', amountFen: 5000 + i, description: 'd' }] } : {}),
        ),
      );
    }
    for (const c of filed.slice(0, 3)) await settle(deps, c.postId === POST ? mediator : outsider, c.caseId);
    for (const c of filed.slice(3, 5)) {
      await actOnCase(deps, c.postId === POST ? mediator : outsider, c.caseId, {
        action: 'WITHDRAW',
        reason: 'paid',
      });
    }
    poller = await pollStream({
      dynamodb: table.client,
      streams,
      tableName: table.tableName,
      handler: killingHandler,
      functionName: 'stats-aggregator-test',
      batchSize: 10,
      timeoutMs: 30_000,
      region: LOCAL_REGION,
      idleMs: 50,
    });
    const finals = await Promise.all(filed.map((c) => table.repo.get(c.caseId)));
    await until(async () => {
      const stored = await Promise.all(finals.map((c) => store.contribution(caseSubject(c?.caseId ?? ''))));
      return stored.every((s, i) => s?.version === finals[i]?.version);
    }, 'every case counted at its last version');
    expect(kills).toBeGreaterThan(0);

    const source = new DynamoCountedSource(table.doc, table.tableName);
    const result = await rebuildStats({ source, store }, { fix: false });
    expect(result).toMatchObject({ cases: 8, staleContributions: 0, differences: [] });

    // A replay of everything the stream gave, newest first: nothing moves.
    await consumer()({ Records: [...seen].reverse() });
    expect(await rebuildStats({ source, store }, { fix: false })).toMatchObject({ differences: [] });

    const march = await store.months(POST, '2026-12');
    const counters = march.get('2026-03') ?? {};
    expect(counters['all|received']).toBe(filed.filter((c) => c.postId === POST).length);
    expect(counters['all|closed']).toBe(filed.slice(3, 5).filter((c) => c.postId === POST).length);
  }, 90_000); // a shared machine: the stream poller and three recounts take their time

  it('finds a counter that drifted from the cases and, with --fix, repairs it', async () => {
    const source = new DynamoCountedSource(table.doc, table.tableName);
    const [month] = [...(await store.months(POST, '2026-12')).keys()].filter((k) => k.length === 7);
    await store.adjust(`${POST}#${month}`, { 'all|received': 5 });
    const found = await rebuildStats({ source, store }, { fix: true });
    expect(found.differences).toEqual([
      expect.objectContaining({
        bucket: `${POST}#${month}`,
        counter: 'all|received',
        live: expect.any(Number),
      }),
    ]);
    expect(found.remaining).toEqual([]);
    expect((await rebuildStats({ source, store }, { fix: false })).differences).toEqual([]);
  });

  it('reads a year of counters as the months asked and one roll-up per earlier year and shard', async () => {
    const post = 'QD-RU-09';
    const shards = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const month = `${2024 + (i % 2)}-${String((i % 12) + 1).padStart(2, '0')}`;
      const c = caseImage({
        caseId: `rollup-${i}`,
        postId: post,
        receivedOn: `${month}-05`,
        status: i % 4 === 0 ? 'MEDIATING' : 'CLOSED',
        version: 2,
        updatedAt: `${month}-20T02:00:00.000Z`,
      });
      expect(await store.replace(null, contributionOf(c))).toBe(true);
      shards.add(`${month.slice(0, 4)}#${shardOf(caseSubject(c.caseId))}`);
    }
    store.itemsRead = 0;
    const read = await store.span(post, '2026-01', '2026-12');
    // Nothing in 2026 yet: exactly the roll-up items of 2024 and 2025, none of their 24 months' items.
    expect(store.itemsRead).toBe(shards.size);
    const carried = [...read.values()].reduce(
      (open, counters) => open + (counters['all|received'] ?? 0) - (counters['all|closed'] ?? 0),
      0,
    );
    expect(carried).toBe(10);
    expect([...read.keys()].sort()).toEqual(['2024', '2025']);
  });

  it('writes several cases in one transaction, and names only the stale ones when it is cancelled', async () => {
    const post = 'QD-TX-07';
    const [a, b, c] = ['tx-a', 'tx-b', 'tx-c'].map((id) =>
      contributionOf(caseImage({ caseId: id, postId: post, version: 1 })),
    ) as [Contribution, Contribution, Contribution];
    expect(await store.replaceAll([{ previous: null, next: b }])).toEqual([]);
    // b is stored at version 1 already: a group that thinks it new is cancelled whole, naming b alone.
    const group = [a, b, c].map((next) => ({ previous: null, next }));
    expect(await store.replaceAll(group)).toEqual([caseSubject('tx-b')]);
    expect(await store.contribution(caseSubject('tx-a'))).toBeNull();
    expect(await store.replaceAll([group[0], group[2]] as Replacement[])).toEqual([]);
    const stored = await store.contributions([a, b, c].map((x) => x.subject));
    expect([...stored.keys()].sort()).toEqual([a, b, c].map((x) => x.subject).sort());
    const months = await store.months(post, '2026-12');
    expect(months.get('2026-03')?.['all|received']).toBe(3);
    expect(months.get('2026')?.['all|received']).toBe(3);
  });
});
