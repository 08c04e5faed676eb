import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HANDOFF_QUEUES } from '../../functions/adapters/sqs/queues.ts';
import type { Access, FunctionEntry } from '../../functions/catalogue.ts';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../functions/shared/constants.ts';

/**
 * Cold-start module load: each bundle imported in a fresh `node` process with the environment its function
 * is deployed with, `performance.now()` around the `await import()`. Runs go round-robin over every
 * subject (a different starting subject each round), one process at a time, so machine noise hits all alike.
 */

const REGION = 'us-east-1';

/** Every handoff queue and dead-letter queue URL, as the CDK sets HANDOFF_QUEUES (names are stand-ins). */
const handoffQueuesJson = () =>
  JSON.stringify(
    Object.fromEntries(
      Object.entries(HANDOFF_QUEUES).map(([kind, design]) => [
        kind,
        {
          queueUrl: `https://sqs.${REGION}.amazonaws.com/000000000000/ldm-bench-${design.name}`,
          deadLetterUrl: `https://sqs.${REGION}.amazonaws.com/000000000000/ldm-bench-${design.deadLetter}`,
        },
      ]),
    ),
  );

/** Writes the empty partner registry the pipeline functions are pointed at; returns its path. */
export function writeEmptyRegistry(dir: string): string {
  const file = join(dir, 'partners.json');
  writeFileSync(file, JSON.stringify({ partners: [] }), { mode: 0o600 });
  return file;
}

/** The Lambda-like base every process gets: region, credentials, Powertools quiet, source maps on. */
export function baseEnvironment(): Record<string, string> {
  return {
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
    POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_TRACE_ENABLED: 'false',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    // ServiceFunction deploys every function with NODE_OPTIONS=--enable-source-maps.
    NODE_OPTIONS: '--enable-source-maps',
  };
}

const KMS_KEY = (n: number) =>
  `arn:aws:kms:${REGION}:000000000000:key/00000000-0000-0000-0000-00000000000${n}`;

/**
 * The variables the CDK's grants set from the entry's `access` (infra/cdk/constructs/grants.ts and the
 * feature grants), with local stand-ins: the cursor secret's value instead of its ARN (so nothing is
 * fetched), a registry file instead of the registry secret, key ARNs of no key (loading calls no KMS). One
 * row per kind of access; a kind without a row stops the bench naming it.
 */
const STAND_INS: {
  readonly [K in keyof Access]-?: (registryFile: string, granted: Access[K]) => Record<string, string>;
} = {
  // A writer of cases seals, so it learns the sealing key and the cipher (grantSealing, sealing-keys.ts); a
  // filing writer also the duplicate MAC's key; a reader, the calendar and the posts no key.
  cases: (_, granted) => ({
    TABLE_NAME: 'ldm-bench-cases',
    ...(granted === 'read' ? {} : { SEALING_KEY_ARN: KMS_KEY(1), SEALING_ALGORITHM: 'aes256gcm' }),
    ...(granted === 'write' ? { DUPLICATE_KEY_ARN: KMS_KEY(2) } : {}),
  }),
  calendar: () => ({ TABLE_NAME: 'ldm-bench-cases' }),
  posts: () => ({ TABLE_NAME: 'ldm-bench-cases' }),
  findsDuplicates: () => ({ DUPLICATE_KEY_ARN: KMS_KEY(2) }),
  cursorSecret: () => ({ CURSOR_SECRET: 'b'.repeat(48) }),
  idempotency: () => ({ IDEMPOTENCY_TABLE_NAME: 'ldm-bench-idempotency' }),
  caseStream: () => ({}),
  sendHandoffs: () => ({ HANDOFF_QUEUES: handoffQueuesJson() }),
  consumeHandoffs: () => ({ HANDOFF_QUEUES: handoffQueuesJson() }),
  redriveDeadLetters: () => ({ HANDOFF_QUEUES: handoffQueuesJson() }),
  partners: () => ({ PARTNER_TABLE_NAME: 'ldm-bench-partners' }),
  recordAccess: () => ({}),
  checkpoints: (_, granted) => ({
    CHECKPOINT_BUCKET: 'ldm-bench-checkpoints-000000000000',
    ...(granted === 'write' ? { CHECKPOINT_KEY_ID: KMS_KEY(3) } : {}),
  }),
  sealing: () => ({ SEALING_KEY_ARN: KMS_KEY(1), SEALING_ALGORITHM: 'aes256gcm' }),
  publishReminders: () => ({ REMINDER_TOPIC_ARN: `arn:aws:sns:${REGION}:000000000000:ldm-bench-reminders` }),
  sweepTasks: () => ({
    SWEEP_TASKS_QUEUE_URL: `https://sqs.${REGION}.amazonaws.com/000000000000/ldm-bench-sweep-tasks`,
  }),
  publishWarnings: () => ({ WARNING_TOPIC_ARN: `arn:aws:sns:${REGION}:000000000000:ldm-bench-warnings` }),
};

export function deployedEnvironment(entry: FunctionEntry, registryFile: string): Record<string, string> {
  const env = baseEnvironment();
  for (const kind of Object.keys(entry.access) as (keyof Access)[]) {
    const granted: unknown = entry.access[kind];
    if (!granted || (Array.isArray(granted) && granted.length === 0)) continue;
    const standIn = STAND_INS[kind] as
      | ((file: string, granted: unknown) => Record<string, string>)
      | undefined;
    if (!standIn)
      throw new Error(`${entry.name}: no stand-in for access "${kind}" in test/bench/module-load.ts`);
    Object.assign(env, standIn(registryFile, granted));
  }
  return env;
}

export interface LoadSubject {
  readonly name: string;
  readonly file: string;
  readonly env: Record<string, string>;
}

export interface LoadResult {
  readonly name: string;
  /** Milliseconds of `await import()` in each counted run. */
  readonly samples: number[];
  /** The first failure's message, when the module did not load. */
  readonly error: string | null;
}

const script = (file: string) => `
const url = ${JSON.stringify(pathToFileURL(file).href)};
const t0 = performance.now();
const mod = await import(url);
const ms = performance.now() - t0;
if (typeof mod.handler !== 'function') throw new Error('exports no handler');
process.stdout.write(JSON.stringify({ ms }));
`;

function loadOnce(subject: LoadSubject): Promise<{ ms: number } | { error: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', script(subject.file)],
      { env: subject.env, timeout: 30_000, maxBuffer: 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          const lines = `${stderr}`.split('\n').map((l) => l.trim());
          // The thrown error's own line, not the (minified) source line Node prints above it.
          const message =
            lines.find((l) => /^[\w.]*(Error|Exception)\b/.test(l)) ??
            lines.find((l) => l.length > 0 && l.length < 300 && !l.startsWith('at ')) ??
            error.message;
          resolve({ error: message.slice(0, 160) });
          return;
        }
        try {
          resolve({ ms: Number((JSON.parse(stdout) as { ms: number }).ms) });
        } catch {
          resolve({ error: `unexpected output: ${stdout.slice(0, 80)}` });
        }
      },
    );
  });
}

/**
 * `runs` counted rounds (after one uncounted warm-up round that fills the page cache), round-robin over
 * the subjects. A subject that fails once is not run again.
 */
export async function timeModuleLoads(
  subjects: readonly LoadSubject[],
  runs: number,
  onRound: (round: number) => void = () => {},
): Promise<LoadResult[]> {
  const results = subjects.map((s) => ({
    name: s.name,
    samples: [] as number[],
    error: null as string | null,
  }));
  for (let round = 0; round <= runs; round++) {
    onRound(round);
    for (let k = 0; k < subjects.length; k++) {
      const i = (round + k) % subjects.length;
      const subject = subjects[i] as LoadSubject;
      const result = results[i] as (typeof results)[number];
      if (result.error) continue;
      const outcome = await loadOnce(subject);
      if ('error' in outcome) result.error = outcome.error;
      else if (round > 0) result.samples.push(outcome.ms);
    }
  }
  return results;
}
