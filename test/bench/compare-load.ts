import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FUNCTIONS } from '../../functions/catalogue.ts';
import { bundleLikeServiceFunction } from './bundle.ts';
import {
  baseEnvironment,
  deployedEnvironment,
  type LoadSubject,
  timeModuleLoads,
  writeEmptyRegistry,
} from './module-load.ts';
import { median } from './stats.ts';

/**
 * `node test/bench/compare-load.ts <baseline checkout> [function …]` — module load of this checkout's
 * functions and a baseline checkout's (another worktree, e.g. the commit before a feature), against the
 * bare handler, in ONE interleaved run: both sides and the floor share the machine's noise, which a
 * before/after pair of `npm run bench` runs on a loaded machine does not. Each side is bundled and given
 * its variables by its own bench code (test/bench/bundle.ts, module-load.ts). Default subjects: the HTTP
 * functions the trust work touched (and queue-union-post); functions only one side has are timed too.
 * BENCH_LOAD_RUNS (default 15) counted rounds. Prints a markdown table.
 *
 * With BENCH_INSTRUCTIONS=1 it counts instructions instead of timing (valgrind's callgrind around
 * `node --single-threaded` importing the bundle, less an empty run; BENCH_PARALLEL at once, default 4):
 * one run each, steady to about ±1 % however loaded the machine is, but slow (a minute or more each).
 */

const [baselineArg, ...names] = process.argv.slice(2);
if (!baselineArg) {
  process.stderr.write('usage: node test/bench/compare-load.ts <baseline checkout> [function …]\n');
  process.exit(2);
}
const baseline = resolve(baselineArg);
const RUNS = Math.max(5, Number(process.env.BENCH_LOAD_RUNS ?? 15) || 15);
const DEFAULT = [
  'http-health',
  'http-get-case',
  'http-apply-action',
  'http-create-case',
  'http-list-cases',
  'http-get-history',
  'http-list-handoffs',
  'http-partner-callback',
  'http-reveal-fields',
  'http-get-access-log',
  'http-get-proof',
  'http-list-duplicates',
  'queue-union-post',
];
const wanted = new Set(names.length > 0 ? names : DEFAULT);

type Catalogue = typeof FUNCTIONS;
interface Side {
  readonly label: string;
  readonly functions: Catalogue;
  readonly bundle: typeof bundleLikeServiceFunction;
  readonly environment: typeof deployedEnvironment;
}
const here: Side = {
  label: 'now',
  functions: FUNCTIONS,
  bundle: bundleLikeServiceFunction,
  environment: deployedEnvironment,
};
const from = (path: string) => pathToFileURL(join(baseline, path)).href;
const before: Side = {
  label: 'baseline',
  functions: ((await import(from('functions/catalogue.ts'))) as { FUNCTIONS: Catalogue }).FUNCTIONS,
  bundle: ((await import(from('test/bench/bundle.ts'))) as { bundleLikeServiceFunction: Side['bundle'] })
    .bundleLikeServiceFunction,
  environment: (
    (await import(from('test/bench/module-load.ts'))) as { deployedEnvironment: Side['environment'] }
  ).deployedEnvironment,
};

const work = await mkdtemp(join(tmpdir(), 'ldm-compare-load-'));
try {
  const registry = writeEmptyRegistry(work);
  const subjects: LoadSubject[] = [];
  const bareDir = join(work, 'bare');
  await mkdir(bareDir);
  const bare = await bundleLikeServiceFunction('test/bench/bare-handler.ts', bareDir);
  subjects.push({
    name: 'bare',
    file: bare.file,
    env: { ...baseEnvironment(), TABLE_NAME: 'ldm-bench-cases' },
  });
  let n = 0;
  for (const side of [before, here]) {
    for (const f of side.functions.filter((f) => wanted.has(f.name))) {
      const outdir = join(work, String(n++));
      await mkdir(outdir);
      process.stderr.write(`bundling ${side.label} ${f.name}\n`);
      const built = await side.bundle(f.entry, outdir);
      subjects.push({
        name: `${side.label} ${f.name}`,
        file: built.file,
        env: side.environment(f, registry),
      });
    }
  }
  if (process.env.BENCH_INSTRUCTIONS === '1') {
    await countInstructions(subjects);
    process.exit(0);
  }
  const loads = await timeModuleLoads(subjects, RUNS, (round) =>
    process.stderr.write(`round ${round}/${RUNS}\n`),
  );
  const bareMs = median(loads.find((l) => l.name === 'bare')?.samples ?? []);
  const of = (name: string) => {
    const l = loads.find((x) => x.name === name);
    if (!l) return '—';
    if (l.error) return `error: ${l.error}`;
    const m = median(l.samples);
    return `${m.toFixed(0)} ms, ${(m / bareMs).toFixed(2)}×`;
  };
  console.log(
    `module load, median of ${RUNS} interleaved rounds; bare handler ${bareMs.toFixed(0)} ms (1.00×)\n`,
  );
  console.log('| function | baseline | now |\n| --- | --- | --- |');
  for (const name of [...wanted])
    console.log(`| ${name} | ${of(`baseline ${name}`)} | ${of(`now ${name}`)} |`);
} finally {
  await rm(work, { recursive: true, force: true });
}

function callgrind(subject: LoadSubject | null): Promise<number> {
  const script = subject ? `await import(${JSON.stringify(pathToFileURL(subject.file).href)});` : '1';
  return new Promise((done, fail) => {
    execFile(
      'valgrind',
      [
        '--tool=callgrind',
        '--callgrind-out-file=/dev/null',
        process.execPath,
        '--single-threaded',
        '--input-type=module',
        '-e',
        script,
      ],
      {
        env: { ...(subject?.env ?? baseEnvironment()), NODE_OPTIONS: '' },
        maxBuffer: 1 << 24,
        timeout: 1_800_000,
      },
      (error, _out, stderr) => {
        const collected = /Collected\s*:\s*(\d+)/.exec(String(stderr));
        if (error || !collected)
          fail(new Error(`${subject?.name ?? 'empty'}: ${String(stderr).slice(-300)}`));
        else done(Number(collected[1]));
      },
    );
  });
}

async function countInstructions(subjects: readonly LoadSubject[]): Promise<void> {
  const parallel = Math.max(1, Number(process.env.BENCH_PARALLEL ?? 4) || 4);
  const queue: (LoadSubject | null)[] = [null, ...subjects];
  const counts = new Map<string, number | string>();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
        const name = s?.name ?? 'empty';
        try {
          counts.set(name, await callgrind(s));
        } catch (error) {
          counts.set(name, (error as Error).message.split('\n')[0] ?? 'error');
        }
        process.stderr.write(`counted ${name}\n`);
      }
    }),
  );
  const empty = Number(counts.get('empty'));
  const bare = Number(counts.get('bare')) - empty;
  const of = (name: string) => {
    const n = counts.get(name);
    if (n === undefined) return '—';
    if (typeof n === 'string') return `error: ${n}`;
    return `${((n - empty) / 1e6).toFixed(0)} M, ${((n - empty) / bare).toFixed(2)}×`;
  };
  console.log(
    `instructions retired by the import, less an empty run (${(empty / 1e6).toFixed(0)} M); bare ${(bare / 1e6).toFixed(0)} M (1.00×)\n`,
  );
  console.log('| function | baseline | now |\n| --- | --- | --- |');
  for (const name of [...wanted])
    console.log(`| ${name} | ${of(`baseline ${name}`)} | ${of(`now ${name}`)} |`);
}
