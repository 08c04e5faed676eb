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
