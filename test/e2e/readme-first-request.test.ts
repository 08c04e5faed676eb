import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchLocalStack, type RunningStack } from '../support/local-stack.ts';

/**
 * The README's first request, run as a newcomer runs it: its shell blocks verbatim in bash (only the port
 * changed to the test stack's), with the tools a fresh machine has — no `uuidgen`. It fails when the
 * README's commands stop working, not only when the API changes.
 */

const run = promisify(execFile);
const README_URL = 'http://127.0.0.1:3000';

/** The shell blocks of the README's "A first request" section, in order. */
function firstRequestBlocks(): string[] {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('## A first request');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] as string);
}

let stack: RunningStack;

beforeAll(async () => {
  stack = await launchLocalStack(['--port', '0', '--partners', 'manual']);
}, 90_000);

afterAll(async () => {
  await stack?.stop();
});

async function bash(script: string, env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script], {
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return stdout;
}

describe("the README's first request", () => {
  it('files a case with the commands as written, then acts on it and reads its history', async () => {
    const [file, act] = firstRequestBlocks();
    expect(file, 'the README has the filing block').toContain('curl');
    expect(act, 'the README has the action block').toContain('/actions');
    expect(file).not.toContain('uuidgen');

    // Arrange: the README's URL is the default port; the test stack listens on another.
    const filing = (file as string).replaceAll(README_URL, stack.url);

    // Act: the filing block as it stands, printing the answer.
    const filed = JSON.parse(await bash(`${filing}\n`));

    // Assert: a filed case, numbered at the post, with what was typed normalised and masked.
    expect(filed.status).toBe('FILED');
    expect(filed.caseNumber).toMatch(/^QD-SN-01-\d{4}-\d{6}$/);
    expect(JSON.stringify(filed)).not.toContain('11010519491231002');
    expect(JSON.stringify(filed)).not.toContain('1234 5678');

    // The second block, with CASE set to the filed case (the README says to paste it).
    const token = (await bash('npm run -s token -- --role mediator --post QD-SN-01')).trim();
    const acting = (act as string)
      .replace(/^CASE=.*$/m, `CASE=${filed.caseId}`)
      .replaceAll(README_URL, stack.url)
      // Each curl prints its answer; a newline between them keeps them apart.
      .replace(/(-d '\{"action".*\}')\n/, '$1; echo\n');
    const [acted, history] = (await bash(acting, { TOKEN: token })).trim().split('\n');
    expect(JSON.parse(acted as string).status).toBe('MEDIATING');
    const events = JSON.parse(history as string).items.map((e: { type: string }) => e.type);
    expect(events).toContain('CASE_FILED');

    // The number the README tells the reader to search for finds the case.
    const found = await fetch(`${stack.url}/cases?number=${filed.caseNumber}`, {
      headers: { authorization: `Bearer ${token}` },
    }).then((r) => r.json() as Promise<{ items: { caseId: string }[] }>);
    expect(found.items.map((c) => c.caseId)).toEqual([filed.caseId]);
  }, 120_000);
});
