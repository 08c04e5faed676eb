import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../domain/clocks/legal-time.ts';
import { intake, OTHER_POST, POST } from '../support/fixtures.ts';
import { apiClient, launchLocalStack, type RunningStack, tokenFor } from '../support/local-stack.ts';

/**
 * The figures over HTTP on the local stack: cases filed and withdrawn through the API reach GET /stats
 * through the stack's stream poller (the stats-aggregator of the catalogue); each post sees its own, an
 * admin every post; the same table as CSV; a month's report frozen and read back with what changed since;
 * bad queries are 400s naming the field; and `npm run stats:rebuild` on the stack's table finds nothing
 * to correct.
 */

let stack: RunningStack;
let mediator: ReturnType<typeof apiClient>;
let otherMediator: ReturnType<typeof apiClient>;
let supervisor: ReturnType<typeof apiClient>;
let otherSupervisor: ReturnType<typeof apiClient>;
let admin: ReturnType<typeof apiClient>;
let supervisorToken: string;
const month = shanghaiDate(new Date()).slice(0, 7);
const q = (extra = '') => `/stats?from=${month}&to=${month}&groupBy=month${extra}`;

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const received = async (client: ReturnType<typeof apiClient>) =>
  (await client('GET', q())).body?.totals?.received;

beforeAll(async () => {
  stack = await launchLocalStack(['--port', '0', '--partners', 'manual']);
  mediator = apiClient(stack.url, await tokenFor('mediator', POST));
  otherMediator = apiClient(stack.url, await tokenFor('mediator', OTHER_POST));
  supervisorToken = await tokenFor('supervisor', POST);
  supervisor = apiClient(stack.url, supervisorToken);
  otherSupervisor = apiClient(stack.url, await tokenFor('supervisor', OTHER_POST));
  admin = apiClient(stack.url, await tokenFor('admin', 'QD-HQ'));
  const first = await mediator('POST', '/cases', intake());
  const second = await mediator(
    'POST',
    '/cases',
    intake({ claims: [{ category: 'OVERTIME', amountFen: 300_000, description: 'Overtime unpaid' }] }),
  );
  expect([first.status, second.status]).toEqual([201, 201]);
  const withdrawn = await mediator('POST', `/cases/${second.body.caseId}/actions`, {
    action: 'WITHDRAW',
    reason: 'paid',
  });
  expect(withdrawn.status).toBe(200);
  expect((await otherMediator('POST', '/cases', intake())).status).toBe(201);
  await until(
    () => supervisor('GET', q()),
    (r) => r.body?.totals?.closed === 1 && r.body.totals.received === 2,
    'the figures',
  );
}, 180_000); // the stack's start and the stream poller on a shared machine

afterAll(async () => {
  await stack?.stop();
});

describe('GET /stats on the local stack', () => {
  it("gives a supervisor their post's figures, counted from the cases by the stream consumer", async () => {
    const res = await supervisor('GET', q());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: month, to: month, groupBy: 'month', postId: POST });
    expect(res.body.rows).toHaveLength(1);
    expect(res.body.totals).toMatchObject({
      received: 2,
      closed: 1,
      receivedByOrigin: { WALK_IN: 2 },
      closedByManner: { WITHDRAWN: 1 },
      byCategory: { WAGE_ARREARS: 1, OVERTIME: 1 },
      claimedFen: 1_550_000,
      mediationSuccessRate: 0,
      daysToCloseMedian: 0,
    });
  });

  it('shows a supervisor of another post only theirs, and refuses another post by name', async () => {
    expect(await received(otherSupervisor)).toBe(1);
    const refused = await supervisor('GET', q(`&postId=${OTHER_POST}`));
    expect(refused.status).toBe(403);
  });

  it('lets an admin see every post', async () => {
    const res = await admin('GET', `/stats?from=${month}&to=${month}&groupBy=post`);
    expect(res.status).toBe(200);
    const byPost = Object.fromEntries(
      (res.body.rows as { key: string; figures: { received: number } }[]).map((r) => [
        r.key,
        r.figures.received,
      ]),
    );
    expect(byPost).toMatchObject({ [POST]: 2, [OTHER_POST]: 1 });
    expect(res.body.totals.received).toBe(3);
  });

  it('gives the same table as CSV with a byte-order mark', async () => {
    const res = await fetch(`${stack.url}${q()}`, {
      headers: { authorization: `Bearer ${supervisorToken}`, accept: 'text/csv' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split('\r\n');
    expect(lines[0]).toMatch(/^month,carriedOver,received,/);
    expect(lines[1]).toMatch(new RegExp(`^${month},0,2,`));
    expect(lines[2]).toMatch(/^totals,0,2,/);
  });

  it.each([
    [`/stats?from=${month}&to=2020-01&groupBy=month`, 'from'],
    ['/stats?from=2026-13&to=2026-12&groupBy=month', 'from'],
    ['/stats?from=2026-01&to=2026-1&groupBy=month', 'to'],
    ['/stats?from=2026-01&to=2026-02&groupBy=week', 'groupBy'],
    ['/stats?from=2026-01&to=2026-02', 'groupBy'],
  ])('answers %s with a 400 naming %s', async (path, field) => {
    const res = await supervisor('GET', path);
    expect(res.status).toBe(400);
    expect((res.body.error.details.issues as { field: string }[]).map((i) => i.field)).toContain(field);
  });
});

describe('monthly reports on the local stack', () => {
  it('freezes a month once, returns it unchanged, and says what changed since', async () => {
    expect((await supervisor('POST', `/reports/${month}`)).status).toBe(403);
    const frozen = await admin('POST', `/reports/${month}`);
    expect(frozen.status).toBe(201);
    expect(frozen.body.digest).toMatch(/^[0-9a-f]{64}$/);
    const again = await admin('POST', `/reports/${month}`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(frozen.body);

    expect((await mediator('POST', '/cases', intake())).status).toBe(201);
    await until(
      () => received(supervisor),
      (n) => n === 3,
      'the late case counted',
    );
    const read = await supervisor('GET', `/reports/${month}`);
    expect(read.status).toBe(200);
    expect(read.body.report).toEqual(frozen.body);
    expect(read.body.changedSince).toContainEqual({ row: POST, figure: 'received', frozen: 2, live: 3 });
    expect((await admin('GET', '/reports/2019-01')).status).toBe(404);
    expect((await admin('GET', '/reports/2019-1')).status).toBe(400);
  });

  it('leaves nothing for npm run stats:rebuild to correct', async () => {
    const endpoint = /DynamoDB Local (\S+)/.exec(stack.output())?.[1];
    expect(endpoint).toBeDefined();
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['infra/tools/stats-rebuild.ts', '--endpoint', endpoint as string],
      {
        env: { ...process.env, TABLE_NAME: 'ldm-local-cases' },
      },
    );
    expect(stdout).toMatch(/recounted 4 cases and 0 consultations .*0 counters differ/);
  });

  it('takes the employer’s GB/T 4754 section at filing, shows it on the case and counts the case by it', async () => {
    const employer = intake().employer as Record<string, unknown>;
    for (const industry of ['Z', 'c', 3]) {
      const refused = await mediator('POST', '/cases', intake({ employer: { ...employer, industry } }));
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain('employer.industry');
    }
    const filed = await mediator('POST', '/cases', intake({ employer: { ...employer, industry: 'G' } }));
    expect(filed.status).toBe(201);
    expect((await mediator('GET', `/cases/${filed.body.caseId}`)).body.employer.industry).toBe('G');
    const byIndustry = await until(
      () => supervisor('GET', `/stats?from=${month}&to=${month}&groupBy=industry`),
      (r) => (r.body?.rows ?? []).some((row: { key: string }) => row.key === 'G'),
      'the industry row',
    );
    const row = (key: string) =>
      byIndustry.body.rows.find((r: { key: string }) => r.key === key)?.figures.received;
    expect(row('G')).toBe(1);
    expect(row('UNKNOWN')).toBeGreaterThanOrEqual(2);
  });
});

describe('consultations in GET /stats by industry', () => {
  it('counts a consultation in its employer’s GB/T 4754 section, UNKNOWN without one', async () => {
    const employer = intake().employer as Record<string, unknown>;
    const consultation = (extra: Record<string, unknown>) => ({
      channel: 'PHONE',
      categories: ['WAGE_ARREARS'],
      newEmploymentForm: false,
      advice: 'Mediation first.',
      ...extra,
    });
    const refused = await mediator(
      'POST',
      '/consultations',
      consultation({ employer: { ...employer, industry: 'U' } }),
    );
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('employer.industry');
    const named = await mediator(
      'POST',
      '/consultations',
      consultation({ employer: { ...employer, industry: 'F' } }),
    );
    const unnamed = await mediator('POST', '/consultations', consultation({}));
    expect([named.status, unnamed.status]).toEqual([201, 201]);
    const byIndustry = await until(
      () => supervisor('GET', `/stats?from=${month}&to=${month}&groupBy=industry`),
      (r) => r.body?.totals?.consultations === 2,
      'the consultations counted',
    );
    const rows = byIndustry.body.rows as { key: string; figures: { consultations: number } }[];
    const of = (key: string) => rows.find((r) => r.key === key)?.figures.consultations;
    expect(of('F')).toBe(1);
    expect(of('UNKNOWN')).toBe(1);
    // Every consultation in exactly one industry row: the rows add up to the totals.
    expect(rows.reduce((sum, r) => sum + r.figures.consultations, 0)).toBe(
      byIndustry.body.totals.consultations,
    );
  });
});
