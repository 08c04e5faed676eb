import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../../domain/clocks/legal-time.ts';
import { intake, POST } from '../support/fixtures.ts';
import { apiClient, launchLocalStack, type RunningStack, tokenFor } from '../support/local-stack.ts';

/**
 * The local tools against a running `npm start`: `npm run sla` sweeps as of the stack's own clock and
 * catches up in one run, a sweep in the past does not send the next ones back, and a calendar load
 * recomputes the provisional deadlines of its year at once.
 */

const exec = promisify(execFile);
const PATH = `${resolve('node_modules/.bin')}:${process.env.PATH}`;

let stack: RunningStack;
let mediator: ReturnType<typeof apiClient>;
let admin: ReturnType<typeof apiClient>;

/** `npm run -s sla -- …` through the pinned Node, as a person types it; never rejects. */
async function sla(...args: string[]) {
  try {
    const { stdout, stderr } = await exec('npm', ['run', '-s', 'sla', '--', '--url', stack.url, ...args], {
      env: { ...process.env, PATH },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const setClock = async (offsetDays: number) => {
  const res = await fetch(`${stack.url}/_local/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ offsetDays }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { now: string }).now;
};

type Clock = { clock: string; clockId: string; status: string; dueOn: string; provisional: boolean };
const mediationOf = async (caseId: string) =>
  ((await mediator('GET', `/cases/${caseId}`)).body.clocks as Clock[]).find((c) => c.clock === 'MEDIATION');

beforeAll(async () => {
  // INFO: the tests read the stack's structured log lines.
  stack = await launchLocalStack(['--port', '0', '--partners=manual'], { POWERTOOLS_LOG_LEVEL: 'INFO' });
  mediator = apiClient(stack.url, await tokenFor('mediator', POST));
  admin = apiClient(stack.url, await tokenFor('admin', 'QD-HQ', 'admin-wang'));
});
afterAll(async () => {
  await stack?.stop();
});

describe('npm run sla', () => {
  it('without --at sweeps as of the local clock, and one run catches up over two months', async () => {
    const filed = await mediator('POST', '/cases', intake());
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const caseId = filed.body.caseId as string;
    const localNow = await setClock(60);

    const run = await sla();
    expect(run.code, run.stderr).toBe(0);
    // Two months of due partitions are more than one sweep reads: the tool swept until it caught up.
    expect(run.stdout.match(/^sweep as of /gm)?.length).toBeGreaterThan(1);
    expect(run.stdout).toContain(`sweep as of ${localNow.slice(0, 10)}`);
    expect(run.stdout, run.stdout).toContain(`expired ${caseId}~MEDIATION-1`);
    expect(run.stdout).toContain(`caught up to ${shanghaiDate(localNow)}`);
    expect((await mediationOf(caseId))?.status).toBe('EXPIRED');
  });

  it('a sweep in the past does not rewind the sweep: the next run reads only yesterday and today', async () => {
    const past = await sla('--at', '2026-04-01T01:00:00Z');
    expect(past.code, past.stderr).toBe(0);
    expect(past.stdout).toContain('sweep as of 2026-04-01T01:00:00.000Z');

    const localNow = (await (await fetch(`${stack.url}/_local/clock`)).json()) as { now: string };
    const today = shanghaiDate(localNow.now);
    const next = await sla();
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout.match(/^sweep as of .*$/gm)).toEqual([
      expect.stringMatching(new RegExp(`on ${addDays(today, -1)}, ${today}$`)),
    ]);
  });

  it('refuses a malformed --at with its usage (exit 2)', async () => {
    const run = await sla('--at', 'tomorrow');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--at must be an ISO-8601 instant[\s\S]*usage: npm run sla/);
  });
});

describe('the seeded directory', () => {
  it('names the posts and partners in Chinese, with their districts, under the same ids', async () => {
    const posts = await mediator('GET', '/posts?limit=100');
    expect(posts.status).toBe(200);
    expect(posts.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ postId: 'QD-SN-01', name: '市南区职工法律援助工作站', district: '市南区' }),
        expect.objectContaining({ postId: 'QD-LS-02', district: '崂山区' }),
        expect.objectContaining({ postId: 'QD-SB-03', district: '市北区' }),
        expect.objectContaining({ postId: 'QD-HD-04', district: '黄岛区' }),
        expect.objectContaining({ postId: 'QD-LC-05', district: '李沧区' }),
      ]),
    );
    const partners = await mediator('GET', '/partners');
    expect(partners.status).toBe(200);
    expect(partners.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'qd-shinan-court', name: '青岛市市南区人民法院（模拟）' }),
        expect.objectContaining({ id: 'qd-arbitration', name: '青岛市劳动人事争议仲裁委员会（模拟）' }),
      ]),
    );
  });
});

describe('PUT /calendar/{year}', () => {
  it('recomputes the provisional deadlines of the loaded year at once', async () => {
    // The local clock at 2 January of the first year nobody has published: the case's mediation period
    // ends in it, so its deadline is provisional.
    const thisYear = Number(shanghaiDate(new Date()).slice(0, 4));
    let year = thisYear + 1;
    while ((await mediator('GET', `/calendar/${year}`)).body.source !== 'NONE') year++;
    const days = Math.ceil((Date.parse(`${year}-01-02T04:00:00Z`) - Date.now()) / 86_400_000);
    await setClock(days);
    const filed = await mediator('POST', '/cases', intake());
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const before = await mediationOf(filed.body.caseId);
    expect(before).toMatchObject({ status: 'RUNNING', provisional: true });
    const lastDay = before?.dueOn as string;
    expect(lastDay.startsWith(`${year}-`)).toBe(true);

    // The year as published makes the provisional last day a holiday: the deadline moves past it.
    const put = await admin('PUT', `/calendar/${year}`, {
      restDays: [`${year}-01-01`, lastDay],
      workingDays: [],
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);

    const after = await mediationOf(filed.body.caseId);
    expect(after).toMatchObject({ status: 'RUNNING', provisional: false });
    expect((after?.dueOn ?? '') > lastDay).toBe(true);
    // Its structured log line names the case and the clock, no party.
    expect(stack.output()).toMatch(
      new RegExp(
        `provisional deadline recomputed with the holiday calendar.*"caseId":"${filed.body.caseId}"`,
      ),
    );

    // The daily job on demand reads the calendar as loaded now: the year is covered, the load did the work.
    const recompute = await sla('--recompute');
    expect(recompute.code, recompute.stderr).toBe(0);
    expect(recompute.stdout).toMatch(
      new RegExp(`^recomputed provisional deadlines of .*${year}.*, 0 changed`, 'm'),
    );
    expect(recompute.stdout).toMatch(
      /^recomputed provisional deadlines of .*: \d+ case\(s\) read, 0 changed, 0 failed$/m,
    );
    await setClock(0);
  });
});
