import { createHash } from 'node:crypto';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/ports.ts';
import { LOCAL_TABLES } from '../../infra/local/stack.ts';
import { creditCode, intake, OTHER_POST, POST, residentId } from '../support/fixtures.ts';
import { apiClient, launchLocalStack, type RunningStack, tokenFor } from '../support/local-stack.ts';
import { partnerClient, TEST_PARTNER_SECRET } from '../support/partner-callbacks.ts';

/**
 * Duplicate filings over HTTP on the local stack: the same worker (ID number typed with a lower-case x)
 * against the same employer at another post is named in the create answer by case number and post; each
 * post's supervisors see the pair and mark it; an idempotent replay answers what the first answer said; a
 * court's or an institute's opening is checked the same way; bad input is a 400 naming the field, a mediator
 * a 403; no stored value is an unkeyed SHA-256 of the ID number.
 */

let stack: RunningStack;
let mediator: ReturnType<typeof apiClient>;
let supervisor: ReturnType<typeof apiClient>;
let otherPost: ReturnType<typeof apiClient>;
let otherSupervisor: ReturnType<typeof apiClient>;
let partner: ReturnType<typeof partnerClient>;

const WORKER_ID = residentId('11010519491231002'); // ends in X
const EMPLOYER = creditCode();

beforeAll(async () => {
  stack = await launchLocalStack(['--port', '0', '--partners', 'manual'], {
    LOCAL_PARTNER_SECRET: TEST_PARTNER_SECRET,
  });
  partner = partnerClient(stack.url);
  mediator = apiClient(stack.url, await tokenFor('mediator', POST));
  supervisor = apiClient(stack.url, await tokenFor('supervisor', POST));
  otherPost = apiClient(stack.url, await tokenFor('mediator', OTHER_POST));
  otherSupervisor = apiClient(stack.url, await tokenFor('supervisor', OTHER_POST));
}, 300_000);

afterAll(async () => {
  await stack?.stop();
});

const filing = (idNumber: string, credit = EMPLOYER) =>
  intake({
    workers: [{ name: '王芳', idNumber, phone: '13912345678' }],
    employer: { name: '青岛港湾物流有限公司', creditCode: credit },
  });

// Filings, callbacks and the review queue over HTTP: generous time for a loaded machine.
describe('duplicate filings over HTTP', { timeout: 240_000 }, () => {
  it('names an open case of the same worker and employer at another post, and queues the pair at both', async () => {
    const first = await mediator('POST', '/cases', filing(WORKER_ID));
    expect(first.status).toBe(201);
    expect(first.body.possibleDuplicates).toEqual([]);
    const second = await otherPost('POST', '/cases', filing(WORKER_ID.toLowerCase()));
    expect(second.status).toBe(201);
    expect(second.body.possibleDuplicates).toEqual([{ caseNumber: first.body.caseNumber, postId: POST }]);
    const another = await otherPost('POST', '/cases', filing(WORKER_ID, creditCode('91370200MA3C4222Y')));
    expect(another.body.possibleDuplicates).toEqual([]);

    const queue = await supervisor('GET', '/duplicates');
    expect(queue.status).toBe(200);
    const pair = queue.body.items.find(
      (p: { filed: { caseId: string } }) => p.filed.caseId === second.body.caseId,
    );
    expect(pair).toMatchObject({
      postId: POST,
      status: 'PENDING',
      filed: { caseNumber: second.body.caseNumber, postId: OTHER_POST },
      earlier: { caseNumber: first.body.caseNumber, postId: POST },
    });
    expect(JSON.stringify(queue.body)).not.toContain(WORKER_ID.slice(6, 14));
    const theirs = await otherSupervisor('GET', '/duplicates');
    expect(
      theirs.body.items.some((p: { filed: { caseId: string } }) => p.filed.caseId === second.body.caseId),
    ).toBe(true);

    const marked = await supervisor('POST', `/duplicates/${pair.pairId}`, {
      decision: 'SAME',
      note: '同一争议',
    });
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ status: 'SAME', note: '同一争议', decidedBy: `supervisor@${POST}` });
    const after = await supervisor('GET', '/duplicates');
    expect(after.body.items.some((p: { pairId: string }) => p.pairId === pair.pairId)).toBe(false);
    expect(
      (await supervisor('POST', `/duplicates/${pair.pairId}`, { decision: 'SAME', note: 'x' })).status,
    ).toBe(404);
  });

  it('answers an idempotent replay of a filing with the duplicates the first answer named', async () => {
    const worker = residentId('37020219850611003');
    const first = await mediator('POST', '/cases', filing(worker));
    expect(first.status).toBe(201);
    const key = { 'idempotency-key': `dup-replay-${Date.now()}` };
    const filed = await otherPost('POST', '/cases', filing(worker), key);
    expect(filed.status).toBe(201);
    expect(filed.body.possibleDuplicates).toEqual([{ caseNumber: first.body.caseNumber, postId: POST }]);
    const replay = await otherPost('POST', '/cases', filing(worker), key);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(filed.body);
  });

  it('finds the open cases of a worker a court or an institute opens a case for, at any post or partner', async () => {
    const worker = residentId('37020219790923004');
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const walkIn = await mediator('POST', '/cases', filing(worker));
    expect(walkIn.status).toBe(201);
    const { origin: _origin, ...parties } = filing(worker);
    const open = (type: string, postId: string, reference: string) =>
      partner(type.startsWith('court.') ? 'qd-shinan-court' : 'qd-arbitration', {
        type,
        data: { ...parties, postId, reference, receivedOn: today },
      });
    const delegated = await open(
      'court.mediation_delegated',
      OTHER_POST,
      `(2026)鲁0202民诉前调${Date.now()}号`,
    );
    expect(delegated.status, JSON.stringify(delegated.body)).toBe(200);
    // The callback's answer stays the acknowledgement of its contract: no duplicates, no hash.
    expect(Object.keys(delegated.body).sort()).toEqual(['caseId', 'status', 'version']);
    const delegatedCase = (await otherPost('GET', `/cases/${delegated.body.caseId}`)).body;

    const pairsOf = async (client: ReturnType<typeof apiClient>, caseId: string) =>
      ((await client('GET', '/duplicates?limit=100')).body.items as { filed: { caseId: string } }[]).filter(
        (p) => p.filed.caseId === caseId,
      );
    expect(await pairsOf(otherSupervisor, delegated.body.caseId)).toMatchObject([
      {
        postId: OTHER_POST,
        filed: { caseNumber: delegatedCase.caseNumber, postId: OTHER_POST },
        earlier: { caseNumber: walkIn.body.caseNumber, postId: POST },
      },
    ]);
    expect(await pairsOf(supervisor, delegated.body.caseId)).toHaveLength(1);

    // The institute's opening at the first post finds both: the walk-in and the court's case.
    const requested = await open(
      'arbitration.mediation_requested',
      POST,
      `青劳人仲案字〔2026〕${Date.now()}号`,
    );
    expect(requested.status, JSON.stringify(requested.body)).toBe(200);
    const earlier = (await pairsOf(supervisor, requested.body.caseId)).map(
      (p) => (p as unknown as { earlier: { caseNumber: string } }).earlier.caseNumber,
    );
    expect(earlier.sort()).toEqual([walkIn.body.caseNumber, delegatedCase.caseNumber].sort());
    expect(await pairsOf(otherSupervisor, requested.body.caseId)).toHaveLength(1);
  });

  it('answers bad input with a 400 naming the field, a mediator with 403', async () => {
    const bad = async (path: string, body: unknown, field: string) => {
      const res = await supervisor('POST', path, body);
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues.map((i: { field: string }) => i.field)).toContain(field);
    };
    const id = '00000000-0000-4000-8000-000000000000';
    await bad(`/duplicates/${id}`, { decision: 'MAYBE', note: 'x' }, 'decision');
    await bad(`/duplicates/${id}`, { decision: 'SAME' }, 'note');
    await bad('/duplicates/not-a-pair', { decision: 'SAME', note: 'x' }, 'pairId');
    expect((await supervisor('GET', '/duplicates?limit=0')).status).toBe(400);
    expect((await mediator('GET', '/duplicates')).status).toBe(403);
    expect((await mediator('POST', `/duplicates/${id}`, { decision: 'SAME', note: 'x' })).status).toBe(403);
  });

  it('stores no unkeyed SHA-256 of an ID number', async () => {
    const db = new DynamoDBClient({
      endpoint: stack.dynamodbEndpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    // A test may scan the emulator's table: it looks for what no query should be able to find.
    const all = await db.send(new ScanCommand({ TableName: LOCAL_TABLES.cases }));
    db.destroy();
    const text = JSON.stringify(all.Items);
    expect(text).toContain('DUPKEY#');
    for (const input of [WORKER_ID, `${WORKER_ID}|${EMPLOYER}`]) {
      const digest = createHash('sha256').update(input).digest();
      for (const form of [digest.toString('hex'), digest.toString('base64'), digest.toString('base64url')]) {
        expect(text).not.toContain(form);
      }
    }
    expect(text).not.toContain(WORKER_ID);
  });
});
