import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intake } from '../support/fixtures.ts';
import { apiClient, launchLocalStack, type RunningStack, tokenFor } from '../support/local-stack.ts';

/**
 * The national peak on the local stack: 3,000 cases filed the same day, so their mediation periods all
 * end on the same day (LDMAL art. 14); one `npm run sla` as of the morning after sweeps every shard of
 * every due date, expires all 3,000 clocks and raises each one's OVERDUE reminder once; a second raises
 * nothing. Cases are filed over HTTP in parallel, spread over the five seeded posts (each post's yearly
 * case-number counter is one item, so one post would serialise them).
 */

const exec = promisify(execFile);
const PATH = `${resolve('node_modules/.bin')}:${process.env.PATH}`;
const CASES = 3000;
const IN_FLIGHT = 24;
const POSTS = ['QD-SN-01', 'QD-LS-02', 'QD-SB-03', 'QD-HD-04', 'QD-LC-05'];

let stack: RunningStack;
const dueAts = new Set<string>();
const caseIds: string[] = [];

async function sla(...args: string[]) {
  const { stdout } = await exec('npm', ['run', '-s', 'sla', '--', '--url', stack.url, ...args], {
    env: { ...process.env, PATH },
    timeout: 600_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

beforeAll(async () => {
  stack = await launchLocalStack(['--port', '0', '--partners', 'manual']);
  const clients = await Promise.all(
    POSTS.map(async (post) => apiClient(stack.url, await tokenFor('mediator', post))),
  );
  let next = 0;
  const worker = async () => {
    while (next < CASES) {
      const i = next++;
      const filed = await (clients[i % clients.length] as (typeof clients)[number])(
        'POST',
        '/cases',
        intake(),
      );
      expect(filed.status).toBe(201);
      caseIds.push(filed.body.caseId);
      const clock = (filed.body.clocks as { clock: string; dueAt: string }[]).find(
        (k) => k.clock === 'MEDIATION',
      );
      dueAts.add(clock?.dueAt as string);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}, 1_500_000 /* 3,000 filings on DynamoDB Local: minutes on a loaded 2-core machine */);

afterAll(async () => {
  await stack?.stop();
});

describe('the national peak', () => {
  it('expires all 3,000 clocks and raises each overdue reminder once in one npm run sla', async () => {
    expect(caseIds).toHaveLength(CASES);
    // Filed the same day: one last day for all (a filing across midnight would make two).
    expect(dueAts.size).toBe(1);
    const after = new Date(Date.parse([...dueAts][0] as string) + 3_600_000).toISOString();

    const out = await sla('--at', after);
    const overdue = out.split('\n').filter((l) => /raised ESCALATION +OVERDUE/.test(l));
    const expired = out.split('\n').filter((l) => l.startsWith('  expired '));
    expect(overdue).toHaveLength(CASES);
    expect(new Set(overdue.map((l) => l.split(/\s+/)[4])).size).toBe(CASES);
    expect(new Set(expired).size).toBe(CASES);
    expect(out).toMatch(/caught up to /);

    // Once: the same sweep again raises and expires nothing.
    const again = await sla('--at', after);
    expect(again).not.toMatch(/raised ESCALATION/);
    expect(again).not.toMatch(/^ {2}expired /m);

    // The cases say so: a sample read back over HTTP.
    const supervisor = apiClient(stack.url, await tokenFor('supervisor', POSTS[0] as string));
    const sample = caseIds.filter((_, i) => i % POSTS.length === 0).slice(0, 20);
    for (const caseId of sample) {
      const c = await supervisor('GET', `/cases/${caseId}`);
      expect(c.status).toBe(200);
      const clock = (c.body.clocks as { clock: string; status: string }[]).find(
        (k) => k.clock === 'MEDIATION',
      );
      expect(clock?.status).toBe('EXPIRED');
    }
  }, 900_000);
});
