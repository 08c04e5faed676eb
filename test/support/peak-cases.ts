import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { GENESIS } from '../../domain/audit/chain.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import type { Case } from '../../domain/case/model.ts';
import type { CaseChange, CaseDeps, CaseRepository } from '../../domain/case/ports.ts';
import { STATUTORY_PERIODS } from '../../domain/clocks/periods.ts';
import { sha256 } from '../../functions/adapters/audit/sha256.ts';
import { EnvelopeSealer } from '../../functions/adapters/crypto/envelope.ts';
import { LocalDataKeys } from '../../functions/adapters/crypto/local-data-keys.ts';
import { DestinationDirectory } from '../../functions/adapters/directory.ts';
import { linkChange } from '../../functions/adapters/dynamodb/chain-items.ts';
import { clockUpdates } from '../../functions/adapters/dynamodb/clock-items.ts';
import { appendedItems, casePut } from '../../functions/adapters/dynamodb/items.ts';
import { DynamoPostDirectory } from '../../functions/adapters/dynamodb/post-directory.ts';
import { useFieldSealer } from '../../functions/adapters/dynamodb/sealed-items.ts';
import { keys } from '../../functions/adapters/dynamodb/table-design.ts';
import { PublishedHolidayCalendar } from '../../functions/adapters/holiday-calendar.ts';
import { systemClock } from '../../functions/shared/clock.ts';
import { nameBasedId } from '../../functions/shared/derived-ids.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/ports.ts';
import { LOCAL_TABLES } from '../../infra/local/stack.ts';
import { creditCode, residentId } from './fixtures.ts';

/**
 * Many cases filed fast but faithfully, for the national peak's e2e: each runs `fileCase`
 * (domain/case/file-case.ts, the use case POST /cases runs: validation, the case number, the mediation
 * period on the holiday calendar, the CASE_FILED event) and is stored as the case repository adapter
 * stores it — the items of its transaction built by the adapter's own builders (`casePut`, `appendedItems`,
 * `linkChange`, `clockUpdates`; functions/adapters/dynamodb/) and sealed under the local stack's own key
 * (`SEALING_LOCAL_KEY`, handed to the stack at its start) — but written with BatchWriteItem, 25 items a
 * call, several calls in flight, instead of one TransactWriteItems a case. Case numbers come from the posts'
 * own counters, a block reserved at a time (one atomic ADD). Left out of POST /cases: HTTP, the
 * Idempotency-Key receipt and the handler's duplicate lookup (each case here has a worker of its own).
 */
export interface PeakFiler {
  /** Files one case at `postId` (a mediator of that post files it); its items wait for `flush`. */
  file(postId: string, body: Record<string, unknown>): Promise<Case>;
  /** Writes every item filed so far; resolves when the table holds them. */
  flush(): Promise<void>;
  destroy(): void;
}

type Item = Record<string, unknown>;

/** A clock item as the adapter's update leaves it on a new item (`SET`s applied, `if_not_exists` taken). */
function clockItem(update: ReturnType<typeof clockUpdates>[number]['Update']): Item {
  const item: Item = { ...update.Key };
  const names = update.ExpressionAttributeNames;
  const values = update.ExpressionAttributeValues;
  const sets = update.UpdateExpression.replace(/^SET /, '').split(/ REMOVE /)[0] as string;
  // Assignments are `#name = :value` or `#name = if_not_exists(#name, :value)`, comma-separated.
  for (const assignment of sets.split(/, (?=#)/)) {
    const [name = '', value = ''] = assignment.split(' = ');
    const fallback = /^if_not_exists\(#\w+, (:\w+)\)$/.exec(value)?.[1];
    item[names[name] as string] = values[fallback ?? value];
  }
  return item;
}

export function peakFiler(dynamodbEndpoint: string, sealingKey: string): PeakFiler {
  useFieldSealer(new EnvelopeSealer(new LocalDataKeys(Buffer.from(sealingKey, 'base64'))));
  const client = new DynamoDBClient({
    endpoint: dynamodbEndpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const table = LOCAL_TABLES.cases;
  const pending: Item[] = [];
  // Numbers reserved per post and year: the next to hand out and the end of the block.
  const blocks = new Map<string, Promise<{ next: number; end: number }>>();
  const BLOCK = 500;

  const reserve = async (postId: string, year: number) => {
    const out = await documents.send(
      new UpdateCommand({
        TableName: table,
        Key: keys.counter(postId, year),
        UpdateExpression: 'ADD #seq :n SET itemType = :type',
        ExpressionAttributeNames: { '#seq': 'sequence' },
        ExpressionAttributeValues: { ':n': BLOCK, ':type': 'COUNTER' },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const end = Number(out.Attributes?.sequence) + 1;
    return { next: end - BLOCK, end };
  };

  const cases: Pick<CaseRepository, 'allocateCaseSequence' | 'create'> = {
    async allocateCaseSequence(postId, year) {
      const key = `${postId}#${year}`;
      for (;;) {
        const block = blocks.get(key) ?? reserve(postId, year);
        blocks.set(key, block);
        const b = await block;
        if (b.next < b.end) return b.next++;
        if (blocks.get(key) === block) blocks.delete(key);
      }
    },
    async create(change: CaseChange) {
      const put = await casePut(table, change.next, null);
      const appended = appendedItems(table, change);
      linkChange(sha256, put, appended, GENESIS);
      pending.push(
        put.Put.Item,
        ...appended.map((p) => p.Put.Item),
        ...clockUpdates(table, change).map((u) => clockItem(u.Update)),
      );
    },
  };
  const deps: CaseDeps = {
    cases: cases as CaseRepository,
    directory: new DestinationDirectory(
      async () => new DynamoPostDirectory(documents, table, null),
      () => Promise.reject(new Error('filing names no court or arbitration institute')),
    ),
    clock: systemClock,
    ids: { caseId: () => randomUUID(), handoffId: () => randomUUID(), caseIdFor: nameBasedId },
    periods: STATUTORY_PERIODS,
    calendar: new PublishedHolidayCalendar(),
  };

  const flush = async () => {
    const batches: Item[][] = [];
    while (pending.length > 0) batches.push(pending.splice(0, 25));
    await inParallel(batches.length, 8, async (i) => {
      let requests = (batches[i] ?? []).map((Item) => ({ PutRequest: { Item } }));
      while (requests.length > 0) {
        const out = await documents.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
        requests = (out.UnprocessedItems?.[table] ?? []) as typeof requests;
      }
    });
  };

  return {
    file: (postId, body) => fileCase(deps, { sub: `mediator@${postId}`, role: 'mediator', postId }, body),
    flush,
    destroy: () => client.destroy(),
  };
}

/**
 * The i-th worker and employer of a peak: distinct ID numbers (valid GB 11643 check digits, born in March
 * 1990) and credit codes, so no filing is another's duplicate and no employer gathers every case.
 */
export function peakParties(i: number) {
  const born = `199003${String(1 + Math.floor(i / 1000)).padStart(2, '0')}`;
  const id = residentId(`370202${born}${String(i % 1000).padStart(3, '0')}`);
  return {
    workers: [{ name: 'Wang Fang', idNumber: id, phone: '13812345678' }],
    employer: {
      name: `Qingdao Harbour Logistics Co. ${i}`,
      creditCode: creditCode(`91370200MA3C${String(i).padStart(5, '0')}`),
    },
  };
}

/** Runs `work(i)` for i in [0, count), `inFlight` at a time. */
export async function inParallel(count: number, inFlight: number, work: (i: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
}
