import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../domain/case/model.ts';
import { shanghaiDate } from '../../domain/clocks/legal-time.ts';
import { remindAt } from '../../domain/reminders/model.ts';
import { CASES_TABLE, indexNamed, keys } from '../../functions/adapters/dynamodb/table-design.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/ports.ts';
import { LOCAL_TABLES } from '../../infra/local/stack.ts';
import { DAY, intake } from '../support/fixtures.ts';
import { apiClient, launchLocalStack, type RunningStack, tokenFor } from '../support/local-stack.ts';
import { inParallel, type PeakFiler, peakFiler, peakParties } from '../support/peak-cases.ts';

/**
 * The national peak on the local stack (issue 21): 3,000 cases received the same day, so their mediation
 * periods all end on the same day (LDMAL art. 14). One `npm run sla -- --at <the morning after>` expires
 * all 3,000 clocks and raises each one's OVERDUE reminder once; then the local clock itself moves past the
 * day (`POST /_local/clock`) and `npm run sla`, as of that clock, raises and expires nothing more; the table,
 * read by key and index after both, holds one reminder and one expiry per case, whatever the stack's own
 * schedule (every minute here, every 15 in AWS) swept meanwhile. The first command is given the instant
 * rather than the moved clock so that it alone does the work: with the clock moved first, the stack's
 * schedule races it and takes most of the clocks (as it would in AWS), and what the command did could not
 * be counted.
 *
 * Seeding: HTTP_CASES are filed over HTTP (POST /cases on the local stack); the rest run the filing use case
 * itself (`fileCase`) and are stored as the case repository adapter builds them, by batch writes
 * (test/support/peak-cases.ts), since 3,000 filings over HTTP took over 10 minutes on a loaded 2-core
 * machine. Filings are spread over the five seeded posts.
 */

const exec = execFile;
const PATH = `${resolve('node_modules/.bin')}:${process.env.PATH}`;
const CASES = 3000;
const HTTP_CASES = 20;
const IN_FLIGHT = 16;
const POSTS = ['QD-SN-01', 'QD-LS-02', 'QD-SB-03', 'QD-HD-04', 'QD-LC-05'];
const SEALING_KEY = randomBytes(32).toString('base64');
const REMINDERS = indexNamed(CASES_TABLE, 'postReminders');

let stack: RunningStack;
let filer: PeakFiler;
let db: DynamoDBDocumentClient;
const filed: { caseId: string; postId: string; clockId: string; overdueOn: string }[] = [];
const httpCaseIds: string[] = [];

/** The mediation clock of a filed case (as stored, or as POST /cases answers it). */
function record(c: Pick<Case, 'caseId' | 'postId' | 'clocks'>) {
  const clock = c.clocks.find((k) => k.clock === 'MEDIATION');
  const overdue = clock?.reminders.find((r) => r.stage === 'OVERDUE');
  filed.push({
    caseId: c.caseId,
    postId: c.postId,
    clockId: String(clock?.clockId),
    overdueOn: String(overdue?.on),
  });
}

/** `npm run sla` as a developer runs it against the running stack: its exit code and what it printed. */
function sla(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    exec(
      'npm',
      ['run', '-s', 'sla', '--', '--url', stack.url, ...args],
      { env: { ...process.env, PATH }, timeout: 600_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // Why a sweep failed is in the stack's log (errors carry no personal data): its last lines.
        const log = error
          ? `\n--- local stack log ---\n${stack.output().split('\n').slice(-40).join('\n')}`
          : '';
        done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr: stderr + log });
      },
    );
  });
}

/** The summary lines of every sweep the command ran, summed. */
function totals(stdout: string) {
  const lines = [
    ...stdout.matchAll(/^raised (\d+), expired (\d+), published (\d+), passed (\d+), failures (\d+)$/gm),
  ];
  const sum = (i: number) => lines.reduce((n, m) => n + Number(m[i]), 0);
  return { sweeps: lines.length, raised: sum(1), expired: sum(2), published: sum(3), failures: sum(5) };
}

beforeAll(async () => {
  const started = Date.now();
  stack = await launchLocalStack(['--port', '0', '--partners', 'manual'], { SEALING_LOCAL_KEY: SEALING_KEY });
  filer = peakFiler(stack.dynamodbEndpoint, SEALING_KEY);
  db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: stack.dynamodbEndpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    }),
  );
  // Received the same day, named once: a run across Shanghai midnight keeps one last day for all.
  const receivedOn = shanghaiDate(new Date());
  const clients = await Promise.all(
    POSTS.map(async (post) => apiClient(stack.url, await tokenFor('mediator', post))),
  );
  const body = (i: number) => intake({ ...peakParties(i), receivedOn });
  const stackUp = Date.now();
  await Promise.all([
    inParallel(HTTP_CASES, 4, async (i) => {
      const res = await (clients[i % POSTS.length] as (typeof clients)[number])('POST', '/cases', body(i));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      httpCaseIds.push(res.body.caseId);
      record(res.body);
    }),
    (async () => {
      // The use case in memory, several at a time (each asks for a case number and files), then the writes.
      await inParallel(CASES - HTTP_CASES, IN_FLIGHT, async (n) => {
        const i = HTTP_CASES + n;
        record(await filer.file(POSTS[i % POSTS.length] as string, body(i)));
      });
      const flushing = Date.now();
      console.log(
        `peak: ${CASES - HTTP_CASES} filed by the use case in ${((flushing - stackUp) / 1000).toFixed(1)} s`,
      );
      await filer.flush();
      console.log(`peak: their items written in ${((Date.now() - flushing) / 1000).toFixed(1)} s`);
    })(),
  ]);
  console.log(`peak: ${CASES} cases filed in ${((Date.now() - stackUp) / 1000).toFixed(1)} s`);
  console.log(`peak: stack started in ${((stackUp - started) / 1000).toFixed(1)} s`);
}, 900_000 /* the stack's start and 3,000 filings on DynamoDB Local: generous on a loaded machine */);

afterAll(async () => {
  filer?.destroy();
  db?.destroy();
  await stack?.stop();
});

/** Every item of a case's partition, by key (a case holds a few dozen items at most). */
async function partition(caseId: string) {
  const out = await db.send(
    new QueryCommand({
      TableName: LOCAL_TABLES.cases,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.case(caseId).PK },
    }),
  );
  expect(out.LastEvaluatedKey).toBeUndefined();
  return out.Items ?? [];
}

/** The OPEN reminders of a post, counted on the postReminders index (its partition, page by page). */
async function openReminders(postId: string): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(
      new QueryCommand({
        TableName: LOCAL_TABLES.cases,
        IndexName: REMINDERS.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': REMINDERS.partitionKey.name },
        ExpressionAttributeValues: { ':pk': keys.postReminders(postId, 'OPEN') },
        Select: 'COUNT',
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  return count;
}

describe('the national peak', () => {
  it('expires all 3,000 clocks and raises each overdue reminder once in one npm run sla', async () => {
    expect(filed).toHaveLength(CASES);
    expect(httpCaseIds).toHaveLength(HTTP_CASES);
    // One last day for all: every OVERDUE reminder is planned for the same day after it.
    const overdueOn = [...new Set(filed.map((f) => f.overdueOn))];
    expect(overdueOn).toHaveLength(1);

    // A clock and an event stored by the batch writes hold the same attributes as those of a case filed
    // over HTTP (the clock item is the adapter's update applied to a new item).
    const shape = async (caseId: string) =>
      Object.fromEntries(
        (await partition(caseId))
          .filter((it) => /^(CLOCK|EVENT)#/.test(String(it.SK)))
          .map((it) => [String(it.SK).split('#')[0], Object.keys(it).sort()]),
      );
    const stored = filed.find((f) => !httpCaseIds.includes(f.caseId))?.caseId as string;
    expect(await shape(stored)).toEqual(await shape(httpCaseIds[0] as string));

    // An hour past the start of the OVERDUE day (China time): the morning after the last day.
    const after = new Date(Date.parse(remindAt(overdueOn[0] as string)) + 3_600_000).toISOString();

    const started = Date.now();
    const first = await sla('--at', after);
    console.log(`peak: npm run sla in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^caught up to \d{4}-\d{2}-\d{2}$/m);
    expect(totals(first.stdout)).toMatchObject({ raised: CASES, expired: CASES, failures: 0 });
    // What it raised: one OVERDUE escalation per case and nothing else; every clock of these cases expired.
    const raised = first.stdout.split('\n').filter((l) => l.startsWith('  raised '));
    const overdue = raised.filter((l) => /^ {2}raised ESCALATION +OVERDUE /.test(l));
    expect(overdue).toHaveLength(raised.length);
    expect(new Set(overdue.map((l) => l.trim().split(/\s+/)[3])).size).toBe(CASES);
    const expired = first.stdout.split('\n').filter((l) => l.startsWith('  expired '));
    expect(new Set(expired.map((l) => l.slice('  expired '.length)))).toEqual(
      new Set(filed.map((f) => `${f.caseId}~${f.clockId}`)),
    );

    // The local clock itself past the day, as a developer moves it: the stack's schedule now sweeps as of
    // it too, and `npm run sla` as of it raises and expires nothing more.
    const moved = await fetch(`${stack.url}/_local/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ offsetDays: (Date.parse(after) - Date.now()) / DAY }),
    });
    expect(moved.status).toBe(200);
    const again = await sla();
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^sweep as of /m);
    expect(totals(again.stdout)).toMatchObject({ raised: 0, expired: 0, failures: 0 });
    expect(again.stdout).not.toMatch(/^ {2}(raised|expired) /m);

    // Each case, read by key: its clock EXPIRED, one OVERDUE reminder and no other, one CLOCK_EXPIRED event.
    await inParallel(filed.length, IN_FLIGHT, async (i) => {
      const f = filed[i] as (typeof filed)[number];
      const items = await partition(f.caseId);
      const clock = items.find((it) => it.SK === keys.clock(f.caseId, f.clockId).SK);
      expect(clock?.status, f.caseId).toBe('EXPIRED');
      expect(clock?.stageReached, f.caseId).toBe('OVERDUE');
      const reminders = items.filter((it) => String(it.SK).startsWith('REMINDER#'));
      expect(reminders.map((r) => r.SK)).toEqual([keys.reminder(f.caseId, f.clockId, 'OVERDUE').SK]);
      expect(items.filter((it) => it.type === 'CLOCK_EXPIRED')).toHaveLength(1);
    });
    // And the posts' lists of open reminders, on their index: 3,000 in all, no more.
    const perPost = await Promise.all(POSTS.map(openReminders));
    expect(perPost.reduce((a, b) => a + b, 0)).toBe(CASES);

    // Over HTTP: the cases filed over HTTP and as many filed by the use case read back expired, masked.
    const supervisors = new Map<string, ReturnType<typeof apiClient>>();
    for (const post of POSTS) supervisors.set(post, apiClient(stack.url, await tokenFor('supervisor', post)));
    const direct = filed.filter((f) => !httpCaseIds.includes(f.caseId)).slice(0, HTTP_CASES);
    for (const caseId of [...httpCaseIds, ...direct.map((f) => f.caseId)]) {
      const postId = filed.find((f) => f.caseId === caseId)?.postId as string;
      const c = await (supervisors.get(postId) as ReturnType<typeof apiClient>)('GET', `/cases/${caseId}`);
      expect(c.status).toBe(200);
      expect(c.body.workers[0].idNumber).toMatch(/^\d{3}\*{11}[0-9X]{4}$/);
      const clock = (c.body.clocks as { clock: string; status: string }[]).find(
        (k) => k.clock === 'MEDIATION',
      );
      expect(clock?.status).toBe('EXPIRED');
    }
  }, 900_000 /* minutes on a loaded 2-core machine */);
});
