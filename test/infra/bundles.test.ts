import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, type FunctionEntry } from '../../functions/catalogue.ts';
import { ORIGIN_HEADER } from '../../functions/shared/constants.ts';
import { type BundleSize, bundleSizes } from '../../infra/cdk/bundle-report.ts';
import { PROJECT_ROOT } from '../../infra/cdk/paths.ts';
import { SERVICE_FUNCTION_BUILD } from '../bench/bundle.ts';
import { functionNamed, type Json, type Synthesized, synth } from './support/synth.ts';

const run = promisify(execFile);

/**
 * Size budgets (KiB of index.mjs as the CDK bundles it), a regression guard for cold starts: the bare-SDK
 * floor (one DocumentClient GetItem) is about 335 KiB. A function's budget is its own row in
 * FUNCTION_BUDGETS_KIB if it has one, else its trigger kind's. Measured: health 81 KiB; the API document
 * 313 KiB; the other API functions 426–567 KiB (zod/mini about 35 KiB, the message catalogue in two
 * languages about 45 KiB, the Powertools Logger 21 KiB, the compact holiday data 5 KiB); the relay 419 KiB
 * and the statistics consumer 457 KiB; the queue consumers 567–572 KiB (the SQS client besides DynamoDB's);
 * the schedules 478–555 KiB. No function carries the X-Ray SDK or zod's classic build (but the API
 * document). Timings are the benchmark's (`npm run bench`).
 */
const KIB = 1024;
// Raised by 40–60 KiB each when the lifecycle gained the law's other paths (about twenty actions, their
// payload schemas and guards), every message gained its Chinese (carried by every function that can
// refuse anything) and the API gained consultations and figures. The module-load ratios of `npm run
// bench` are the judge.
// Raised again when every store gained field sealing (the KMS client, about 28 KiB) and the features of
// issues 20–22 their code: measured 609–615 KiB for the largest routes, 496–501 for the statistics and the
// dispositions, 619–622 for the queue consumers, 635–638 for the sweep and the checkpoints, 630 for the
// shard sweep; each budget is that plus about 3 %.
const KIND_BUDGETS_KIB: Readonly<Record<FunctionEntry['trigger']['kind'], number>> = {
  http: 635,
  stream: 520,
  queue: 640,
  schedule: 660,
  // The shard sweep: the schedules' sweep plus the SQS client.
  sweepTasks: 650,
};
/**
 * Budgets of their own: liveness, which touches no storage; the API document (zod and zod-openapi, about
 * 200 KiB) and the API reference, which carries Swagger UI's script and styles as text (about 2 MB; served
 * gzipped, about 0.5 MB). None of them touches an SDK client. Then the three heaviest of their kinds, each
 * its measured size plus about 3 %.
 */
const FUNCTION_BUDGETS_KIB: Readonly<Record<string, number>> = {
  // The error edge it shares with every route carries the bilingual message catalogue (about 45 KiB).
  'http-health': 110,
  'http-openapi': 355,
  'http-docs': 2300,
  // The proof route reads checkpoints (the S3 client and its checksums, about 110 KiB): measured 692 KiB.
  'http-get-proof': 715,
  // The partner callback acts on cases (lifecycle, sealing) and publishes warnings (SNS): measured 666 KiB.
  'http-partner-callback': 690,
  // The cases' signals publish warnings (the SNS client, about 22 KiB) besides writing: measured 574 KiB.
  'warning-signals': 595,
};
/** The one function that builds with zod's classic API (zod-openapi's `.meta()`): the API document. */
const CLASSIC_ZOD = new Set(['http-openapi']);
const budgetOf = (f: FunctionEntry) =>
  (FUNCTION_BUDGETS_KIB[f.name] ?? KIND_BUDGETS_KIB[f.trigger.kind]) * KIB;
/** Every function of the catalogue: its name after `ldm-dev-` and its handler module. */
const HANDLERS = FUNCTIONS.map((f) => f.name);
const MODULES = new Map(FUNCTIONS.map((f) => [f.name, f.entry]));

/** Values for the variables the stack sets from the stateful stack's resources. */
const STAND_INS: Readonly<Record<string, string>> = {
  TABLE_NAME: 'ldm-test-cases',
  IDEMPOTENCY_TABLE_NAME: 'ldm-test-idempotency',
  HANDOFF_QUEUES: JSON.stringify(
    Object.fromEntries(
      ['UNION_POST', 'ARBITRATION', 'COURT'].map((k) => [
        k,
        { queueUrl: `https://sqs.test/${k}`, deadLetterUrl: `https://sqs.test/${k}-dlq` },
      ]),
    ),
  ),
  PARTNER_TABLE_NAME: 'ldm-test-partners',
  REMINDER_TOPIC_ARN: 'arn:aws:sns:ap-southeast-1:000000000000:ldm-test-reminders',
  WARNING_TOPIC_ARN: 'arn:aws:sns:ap-southeast-1:000000000000:ldm-test-warnings',
  SWEEP_TASKS_QUEUE_URL: 'https://sqs.test/SWEEP_TASKS',
  // The keys of sealing (the functions that seal or open; sealing is built on first use, so a store loads
  // without it) and of the duplicate MAC (the filing writers); loading calls no KMS.
  SEALING_KEY_ARN: 'arn:aws:kms:ap-southeast-1:000000000000:key/00000000-0000-0000-0000-000000000001',
  DUPLICATE_KEY_ARN: 'arn:aws:kms:ap-southeast-1:000000000000:key/00000000-0000-0000-0000-000000000002',
  // The audit trail's checkpoints (its bucket's name carries the account) and their signing key.
  CHECKPOINT_BUCKET: 'ldm-test-checkpoints-000000000000',
  CHECKPOINT_KEY_ID: 'arn:aws:kms:ap-southeast-1:000000000000:key/00000000-0000-0000-0000-000000000003',
  // CloudFront's origin header value (a dynamic reference in the template); checked at cold start.
  ORIGIN_VERIFY: 'o'.repeat(48),
};

let s: Synthesized;
let bundles: Map<string, BundleSize>;

const bundleOf = (handler: string) => {
  const bundle = bundles.get(`ldm-dev-${handler}`);
  if (!bundle) throw new Error(`no bundle for ${handler}`);
  return bundle;
};
const bundleFile = (handler: string) => join(bundleOf(handler).assetDir, 'index.mjs');
const code = (handler: string) => readFileSync(bundleFile(handler), 'utf8');

/**
 * Every module a bundle still imports at run time, as esbuild parses it (not a text search: the SDK's
 * error messages mention package names).
 */
async function runtimeImports(file: string): Promise<string[]> {
  const result = await build({
    entryPoints: [file],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    external: ['*'],
    logLevel: 'silent',
  });
  return [
    ...new Set(Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path))),
  ];
}

describe('function bundles', () => {
  // Bundling some fifty functions takes minutes on a busy machine, more than the infra project's hook timeout.
  beforeAll(() => {
    s = synth('dev', { bundle: true });
    bundles = new Map(bundleSizes(s.outdir).map((b) => [b.functionName, b]));
  }, 600_000);
  afterAll(() => s?.cleanup());

  it('there is one per route and per pipeline function, within the size budget', () => {
    expect([...bundles.keys()].sort()).toEqual(HANDLERS.map((h) => `ldm-dev-${h}`).sort());
    // Every function over its budget at once, with its size, rather than the first one only.
    const over = FUNCTIONS.filter((f) => bundleOf(f.name).bundleBytes >= budgetOf(f)).map(
      (f) => `${f.name}: ${(bundleOf(f.name).bundleBytes / KIB).toFixed(1)} KiB ≥ ${budgetOf(f) / KIB} KiB`,
    );
    expect(over).toEqual([]);
  });

  it.each(HANDLERS)('%s: an ES module exporting handler, with require for its CommonJS parts', (handler) => {
    const source = code(handler);
    expect(/export\s*\{[^}]*\bas handler\b[^}]*\}|export\s*\{\s*handler\b/.test(source)).toBe(true);
    expect(source.startsWith('import { createRequire as __ldmCreateRequire }')).toBe(true);
  });

  it.each(HANDLERS)('%s: carries the AWS SDK inside and imports only Node built-ins', async (handler) => {
    const imports = await runtimeImports(bundleFile(handler));
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((spec) => !isBuiltin(spec))).toEqual([]);
    // Every handler that touches cases or queues carries its client; one that touches nothing carries none.
    const access = FUNCTIONS.find((f) => f.name === handler)?.access ?? {};
    const touchesStorage = Object.keys(access).length > 0;
    expect(code(handler).includes('DynamoDB_20120810') || code(handler).includes('AmazonSQS')).toBe(
      touchesStorage,
    );
  });

  it.each(HANDLERS)('%s: has a linked source map without sourcesContent', (handler) => {
    const source = code(handler);
    expect(source.trimEnd().endsWith('//# sourceMappingURL=index.mjs.map')).toBe(true);
    expect(source.includes('sourceMappingURL=data:')).toBe(false);
    const mapFile = join(bundleOf(handler).assetDir, 'index.mjs.map');
    expect(existsSync(mapFile)).toBe(true);
    const text = readFileSync(mapFile, 'utf8');
    expect(text.includes('"sourcesContent"')).toBe(false);
    const map = JSON.parse(text) as { sources: string[] };
    expect(map.sources.some((src) => src.endsWith(MODULES.get(handler) ?? '?'))).toBe(true);
    // Requests and configuration are validated with zod/mini; only the API document builds classic zod.
    expect(
      map.sources.some((src) => src.includes('zod/v4/classic')),
      'classic zod',
    ).toBe(CLASSIC_ZOD.has(handler));
  });

  it.each(HANDLERS)(
    '%s: loads with only the variables it is deployed with (its catalogue access)',
    async (handler) => {
      // A cold start parses only what the function's composition roots need: a function the stack does
      // not tell of a table, secret or queue must load without it.
      const deployed = functionNamed(s.statelessTemplate, `ldm-dev-${handler}`).props.Environment
        .Variables as Record<string, Json>;
      const env: Record<string, string> = {
        PATH: process.env.PATH ?? '',
        AWS_REGION: 'ap-southeast-1',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        POWERTOOLS_METRICS_DISABLED: 'true',
        POWERTOOLS_TRACE_ENABLED: 'false',
      };
      for (const [name, value] of Object.entries(deployed)) {
        if (typeof value === 'string') env[name] = value;
        else if (name === 'CURSOR_SECRET_ARN') {
          // The secret's value stands in for its ARN, so loading reaches no Secrets Manager.
          env.CURSOR_SECRET = 'x'.repeat(48);
        } else {
          const standIn = STAND_INS[name];
          if (standIn === undefined) throw new Error(`no stand-in for ${name} of ${handler}`);
          env[name] = standIn;
        }
      }
      env.POWERTOOLS_LOG_LEVEL = 'SILENT';
      const script = `
        const mod = await import(${JSON.stringify(bundleFile(handler))});
        if (typeof mod.handler !== 'function') throw new Error('exports no handler');
      `;
      await expect(
        run(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], { env }),
      ).resolves.toBeDefined();
    },
  );

  it('every bundle loads in Node 24 as Lambda loads it, and health answers', async () => {
    const modules = [...bundles.values()].map((b) => join(b.assetDir, 'index.mjs'));
    const script = `
      for (const file of ${JSON.stringify(modules)}) {
        const mod = await import(file);
        if (typeof mod.handler !== 'function') throw new Error(file + ' exports no handler');
      }
      const { handler } = await import(${JSON.stringify(bundleFile('http-health'))});
      const response = await handler(
        { version: '2.0', routeKey: 'GET /health', rawPath: '/health', isBase64Encoded: false,
          // As CloudFront sends it: the deployed API refuses a request without the origin header.
          headers: { ${JSON.stringify(ORIGIN_HEADER)}: ${JSON.stringify(STAND_INS.ORIGIN_VERIFY)} },
          requestContext: { http: { method: 'GET', path: '/health' }, requestId: 'r', routeKey: 'GET /health' } },
        { functionName: 'health', awsRequestId: 'r', getRemainingTimeInMillis: () => 10000 },
      );
      process.stdout.write(JSON.stringify(response));
    `;
    const { stdout } = await run(
      process.execPath,
      ['--enable-source-maps', '--input-type=module', '-e', script],
      {
        env: {
          PATH: process.env.PATH,
          AWS_REGION: 'ap-southeast-1',
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          // Every variable the stack sets from the stateful stack's resources, for all the bundles at once.
          ...STAND_INS,
          // Set directly, so loading reaches no Secrets Manager.
          CURSOR_SECRET: 'x'.repeat(48),
          POWERTOOLS_LOG_LEVEL: 'SILENT',
          POWERTOOLS_METRICS_DISABLED: 'true',
          POWERTOOLS_TRACE_ENABLED: 'false',
        },
      },
    );
    expect(JSON.parse(stdout)).toMatchObject({ statusCode: 200, body: JSON.stringify({ status: 'ok' }) });
  });
});

/** Built here with the construct's esbuild settings (test/bench/bundle.ts), without a synth. */
describe('bundling', () => {
  it.each([...new Set(FUNCTIONS.map((f) => f.entry))])(
    '%s: tree-shaken, without the DynamoDB client it does not use',
    async (entry) => {
      // `import()` of a module that the static graph also reaches (the store, anything importing
      // lib-dynamodb) makes esbuild wrap it and all it imports in lazy initialisers, and a barrel wrapped that
      // way is no longer tree-shaken: the whole DynamoDB client came in, aggregated class and waiters (about
      // 45 KiB). Lazy-load leaves only (secrets.ts and the Secrets Manager client).
      const result = await build({
        ...SERVICE_FUNCTION_BUILD,
        entryPoints: [join(PROJECT_ROOT, entry)],
        outfile: 'index.mjs',
        metafile: true,
        write: false,
      });
      // What is in the output, not every file esbuild read on the way.
      const inputs = Object.values(result.metafile.outputs).flatMap((output) =>
        Object.entries(output.inputs)
          .filter(([, input]) => input.bytesInOutput > 0)
          .map(([file]) => file),
      );
      expect(
        inputs.filter((file) => /client-dynamodb\/dist-es\/(DynamoDB\.js|waiters\/)/.test(file)),
      ).toEqual([]);
    },
  );
});
