import { fstatSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandLine, usageError } from './cli.ts';
import { loadDemo } from './demo.ts';
import { LocalServiceError } from './dynamodb-local.ts';
import { startLocalStack } from './stack.ts';

/**
 * `npm start` — the backend on this machine. Options: `--port N` (or PORT, default 3000; 0 = any free
 * port), `--persist` to keep DynamoDB data in .local/dynamodb (or `--data-dir DIR`) instead of memory,
 * `--partners=scripted|manual` (default scripted: the simulated court and institute answer each handoff with
 * decisions, LOCAL_PARTNER_STEP_MS apart; manual: they only receive), `--demo` to load a year of cases and
 * consultations for the dashboard (infra/local/demo.ts). Ctrl-C, SIGTERM (to npm or to this
 * process), SIGHUP, or the process that started it going away stops everything, DynamoDB Local included.
 */
const USAGE = [
  'usage: npm start -- [--port 3000] [--persist | --data-dir DIR] [--partners scripted|manual] [--demo]',
  '  runs the whole backend on this machine: DynamoDB Local, the SQS emulator, the API, the pipeline,',
  '  the schedules and a simulated court and arbitration institute',
  '  --port      the API port (default PORT or 3000; 0 picks a free one)',
  '  --persist   keep the DynamoDB data in .local/dynamodb across restarts (default: in memory)',
  '  --data-dir  keep it in DIR instead',
  '  --partners  scripted (default): the simulated partners answer each handoff with decisions;',
  '              manual: they only take handoffs, send decisions with npm run partner',
  '  --demo      load a year of cases and consultations over the posts, for the dashboard (a minute or two)',
  '  stops on Ctrl-C, SIGTERM or SIGHUP (to npm or to node), or when the process that started it exits',
].join('\n');

const started = performance.now();
const { values } = commandLine(USAGE, {
  port: { type: 'string' },
  persist: { type: 'boolean', default: false },
  'data-dir': { type: 'string' },
  /** `scripted` (default): the simulated partners answer each handoff; `manual`: they only receive. */
  partners: { type: 'string', default: 'scripted' },
  demo: { type: 'boolean', default: false },
});
if (values.partners !== 'scripted' && values.partners !== 'manual') {
  usageError(USAGE, `invalid --partners=${values.partners}: scripted or manual`);
}
const port = Number(values.port ?? process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  usageError(USAGE, `invalid port ${values.port ?? process.env.PORT}`);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = values['data-dir'] ?? (values.persist ? resolve(root, '.local/dynamodb') : undefined);

/** How long a shutdown may take before the process exits anyway (DynamoDB Local is killed on exit). */
const SHUTDOWN_GRACE_MS = 10_000;
let stack: Awaited<ReturnType<typeof startLocalStack>> | undefined;
let stopping = false;
// Watched from the first moment: a stop asked for while the stack starts waits for it, then stops it
// (a signal's default action would end this process and leave DynamoDB Local running).
const starting = startLocalStack({
  port,
  root,
  partners: values.partners,
  ...(dataDir ? { dataDir } : {}),
});
const shutdown = async (why: string) => {
  if (stopping) return;
  stopping = true;
  console.error(`${why}: stopping the local stack`);
  setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
  await (stack ?? (await starting.catch(() => undefined)))?.stop();
  process.exit(0);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.on(signal, () => void shutdown(signal));
watchLineage(() => void shutdown('the process that started npm start exited'));

try {
  stack = await starting;
} catch (error) {
  console.error(error instanceof LocalServiceError ? `cannot start: ${error.message}` : error);
  process.exit(1);
}
if (stopping) await new Promise(() => undefined);

console.log(`labour-dispute-mediation API listening on ${stack.url}`);
console.log(`  DynamoDB Local ${stack.dynamodbEndpoint} (${dataDir ? `data in ${dataDir}` : 'in memory'})`);
console.log(`  SQS emulator  ${stack.sqsEndpoint}`);
console.log(
  `  partners      ${stack.partnersUrl} (simulated court, arbitration and the bureau; GET /received)`,
);
const setup = stack.partnerSetup;
console.log(
  setup.mode === 'scripted'
    ? `                scripted: each handoff is answered with decisions ${setup.stepMs} ms apart (docs/local-stack.md)`
    : '                manual: they only take handoffs; send decisions with npm run partner',
);
// A generated secret is random and lives only as long as this process: printing it is how a person signs
// with it. One from LOCAL_PARTNER_SECRET is theirs, maybe reused elsewhere: it is never echoed.
console.log(
  setup.secretFrom === 'environment'
    ? '  partner secret LOCAL_PARTNER_SECRET (from the environment) signs callbacks as either partner'
    : `  partner secret ${setup.secret} (generated for this run; set LOCAL_PARTNER_SECRET to choose one)`,
);
console.log(
  `  send one:      npm run partner -- <partnerId> <event type> --case <id> --data '{…}'${setup.secretFrom === 'environment' ? '' : ' --secret <partner secret>'}`,
);
console.log(
  `  a signal:      npm run partner -- qd-hrss-bureau monitoring.signal --data '{"creditCode":…}'${setup.secretFrom === 'environment' ? '' : ' --secret <partner secret>'}`,
);
console.log('  handoffs      stream relay and queue consumers polling');
console.log(`  ready in ${Math.round(performance.now() - started)} ms`);
console.log('  get a token:   npm run token -- --role mediator --post QD-SN-01');
console.log(`  try:           curl -H "Authorization: Bearer $(npm run -s token)" ${stack.url}/cases`);
console.log('  sweep now:     npm run sla (as of the local clock, which POST /_local/clock moves)');
console.log(`  dashboard     ${stack.url}/dashboard/ (sign in as a supervisor or admin of a post)`);
console.log('  Ctrl-C stops everything.');

if (values.demo) {
  console.log('loading the demo year (the local clock walks through it, then comes back to now)');
  try {
    const demo = await loadDemo(stack.url, {
      log: (line) => console.log(line),
      bureauSecret: stack.partnerSetup.secret,
    });
    const consultations =
      demo.consultations === 'unavailable'
        ? 'no consultations (no POST /consultations)'
        : `${demo.consultations} consultations`;
    console.log(
      `demo year loaded in ${Math.round(demo.ms / 1000)} s: ${demo.cases} cases, ${demo.actions} actions, ${consultations}; open ${stack.url}/dashboard/`,
    );
    if (demo.refused > 0) console.log(`  ${demo.refused} planned steps refused, e.g. ${demo.refusals[0]}`);
    if (demo.warnings !== 'unavailable') {
      const w = demo.warnings;
      console.log(
        `  warnings: ${w.signals} bureau signals at ${w.employers} employers, ${w.steps} steps taken`,
      );
      if (w.refused > 0) console.log(`  ${w.refused} warning steps refused, e.g. ${w.refusals[0]}`);
    }
  } catch (error) {
    // Stopped while loading: the shutdown says so; anything else is worth showing.
    if (!stopping) console.error('the demo year could not be loaded:', error);
  }
}

/**
 * Calls `gone` once whoever started this process is no longer there. `npm start` runs node under `sh -c`
 * under npm: a SIGTERM to npm kills the shell without reaching node, and a wrapper that is killed leaves
 * npm running. So, every second: has this process, its parent or its grandparent been adopted by another
 * process (the one above it exited)? Linux tells through /proc; elsewhere only this process's own parent
 * is watched. And if stdin is a pipe from the starter, its end means the starter exited.
 */
function watchLineage(gone: () => void): void {
  const parentOf = (pid: number): number | null => {
    if (pid === process.pid) return process.ppid;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      return null;
    }
  };
  // This process and up to two above it, each with the parent it has now; init (1) has none to lose.
  const lineage: { pid: number; parent: number }[] = [];
  for (let pid = process.pid; lineage.length < 3 && pid > 1; ) {
    const parent = parentOf(pid);
    if (parent === null) break;
    lineage.push({ pid, parent });
    pid = parent;
  }
  const timer = setInterval(() => {
    if (lineage.some(({ pid, parent }) => parentOf(pid) !== parent)) gone();
  }, 1000);
  timer.unref();
  try {
    if (fstatSync(0).isFIFO()) process.stdin.on('end', gone).on('error', gone).resume();
  } catch {
    // No stdin at all: nothing to watch there.
  }
}
