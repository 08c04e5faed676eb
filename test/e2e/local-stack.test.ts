import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchLocalStack } from '../support/local-stack.ts';

const refused = async (url: string) =>
  fetch(url).then(
    () => false,
    () => true,
  );

const PATH = `${resolve('node_modules/.bin')}:${process.env.PATH}`;

/** Every process with its parent and command line (Linux `ps`). */
function processes(): { pid: number; ppid: number; args: string }[] {
  return execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m) => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] as string }));
}

/** The processes under `root`, however deep. */
function descendants(root: number) {
  const all = processes();
  const found: typeof all = [];
  const walk = (pid: number) => {
    for (const p of all.filter((q) => q.ppid === pid)) {
      found.push(p);
      walk(p.pid);
    }
  };
  walk(root);
  return found;
}

const alive = (pid: number) => processes().some((p) => p.pid === pid);

/** Waits for the banner on `child`'s output: the stack's URL, its node process and DynamoDB Local's. */
async function startedUnder(child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 90_000;
  while (!/Ctrl-C stops everything/.test(output())) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`npm start did not start:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const tree = descendants(child.pid as number);
  const node = tree.find((p) => p.args.includes('infra/local/start.ts') && !p.args.startsWith('sh'));
  const java = tree.find((p) => p.args.includes('DynamoDBLocal.jar'));
  if (!node || !java) throw new Error(`no node or java under ${child.pid}: ${JSON.stringify(tree)}`);
  return { url: /listening on (\S+)/.exec(output())?.[1] as string, node: node.pid, java: java.pid, tree };
}

/** Resolves once none of `pids` runs and `url` refuses connections; false after 20 s. */
async function allGone(pids: number[], url: string): Promise<boolean> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (!pids.some(alive) && (await refused(`${url}/health`))) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** A last resort for a failed test: nothing it started outlives it. */
const killAll = (pids: number[]) => {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
};

describe('npm start', () => {
  it('serves the API and stops DynamoDB Local and the SQS emulator on SIGTERM', async () => {
    const stack = await launchLocalStack();
    expect(stack.output()).toMatch(/ready in \d+ ms/);
    expect((await fetch(`${stack.url}/health`)).status).toBe(200);
    expect(await refused(stack.dynamodbEndpoint)).toBe(false);

    expect(await stack.stop()).toBe(0);
    expect(await refused(`${stack.url}/health`)).toBe(true);
    expect(await refused(stack.dynamodbEndpoint)).toBe(true);
  });

  it('stops everything, DynamoDB Local included, on a SIGTERM to npm', async () => {
    const npm = spawn('npm', ['start', '--', '--port', '0', '--partners=manual'], {
      env: { ...process.env, PATH, POWERTOOLS_LOG_LEVEL: 'WARN' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stdout.on('data', (c: Buffer) => {
      output += c.toString();
    });
    npm.stderr.on('data', (c: Buffer) => {
      output += c.toString();
    });
    const started = await startedUnder(npm, () => output);
    try {
      expect((await fetch(`${started.url}/health`)).status).toBe(200);

      process.kill(npm.pid as number, 'SIGTERM');

      expect(await allGone([started.node, started.java], started.url), output).toBe(true);
    } finally {
      killAll([npm.pid as number, ...started.tree.map((p) => p.pid)]);
    }
  }, 120_000);

  it('stops everything on Ctrl-C (SIGINT to the whole process group, as a terminal sends it)', async () => {
    // Its own process group, as a terminal's foreground job: npm, sh, node and java all get the SIGINT.
    const npm = spawn('npm', ['start', '--', '--port', '0', '--partners=manual'], {
      env: { ...process.env, PATH, POWERTOOLS_LOG_LEVEL: 'WARN' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    npm.stdout.on('data', (c: Buffer) => {
      output += c.toString();
    });
    npm.stderr.on('data', (c: Buffer) => {
      output += c.toString();
    });
    const started = await startedUnder(npm, () => output);
    try {
      process.kill(-(npm.pid as number), 'SIGINT');

      expect(await allGone([npm.pid as number, started.node, started.java], started.url), output).toBe(true);
    } finally {
      killAll([npm.pid as number, ...started.tree.map((p) => p.pid)]);
    }
  }, 120_000);

  it('stops everything when the process that ran npm start dies (SIGKILL)', async () => {
    // A wrapper that runs npm start and is then killed outright: no signal reaches npm or the stack.
    const wrapper = spawn(
      process.execPath,
      [
        '-e',
        "require('node:child_process').spawn('npm', ['start', '--', '--port', '0', '--partners=manual'], { stdio: ['ignore', 'inherit', 'inherit'] }); setInterval(() => {}, 60000);",
      ],
      { env: { ...process.env, PATH, POWERTOOLS_LOG_LEVEL: 'WARN' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    wrapper.stdout.on('data', (c: Buffer) => {
      output += c.toString();
    });
    wrapper.stderr.on('data', (c: Buffer) => {
      output += c.toString();
    });
    const started = await startedUnder(wrapper, () => output);
    const npm = started.tree.find((p) => p.ppid === wrapper.pid) as { pid: number };
    try {
      expect((await fetch(`${started.url}/health`)).status).toBe(200);

      wrapper.kill('SIGKILL');

      expect(await allGone([npm.pid, started.node, started.java], started.url), output).toBe(true);
    } finally {
      killAll(started.tree.map((p) => p.pid));
    }
  }, 120_000);

  it('answers --help with its usage, starting nothing', () => {
    const out = execFileSync('npm', ['start', '--silent', '--', '--help'], {
      env: { ...process.env, PATH },
      encoding: 'utf8',
    });
    expect(out).toMatch(/^usage: npm start -- \[--port 3000\]/);
    expect(out).toContain('--partners');
  });

  it('says clearly when the port is taken, and leaves nothing running', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(launchLocalStack(['--port', String(port)])).rejects.toThrow(
        new RegExp(`exited with 1:[\\s\\S]*port ${port} is already in use`),
      );
    } finally {
      blocker.close();
    }
  });
});
