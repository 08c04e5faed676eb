import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * Every npm script a person passes arguments to answers `--help` with its usage and exit code 0, without
 * doing its work (no stack started, no file rewritten, no bench run), through npm and the pinned Node as a
 * person types it; an unknown option is a usage error (exit 2), never a stack trace.
 */

const exec = promisify(execFile);
const PATH = `${resolve('node_modules/.bin')}:${process.env.PATH}`;

async function npmRun(script: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await exec('npm', ['run', '-s', script, '--', ...args], {
      env: { ...process.env, PATH },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const SCRIPTS = ['start', 'token', 'sla', 'partner', 'bench', 'docs', 'holidays', 'synth'] as const;

describe('the npm scripts', () => {
  it('lists every script this test covers', () => {
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> })
      .scripts;
    for (const script of SCRIPTS) expect(Object.keys(scripts)).toContain(script);
  });

  it.each(SCRIPTS)(
    'npm run %s -- --help prints its usage and exits 0',
    async (script) => {
      const run = await npmRun(script, '--help');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^usage: /);
      expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+/);
    },
    60_000,
  );

  it.each(['token', 'sla', 'start', 'holidays', 'bench'])(
    'npm run %s -- --no-such-option is a usage error (exit 2), not a stack trace',
    async (script) => {
      const run = await npmRun(script, '--no-such-option');
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/usage: /);
      expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    },
    60_000,
  );
});
