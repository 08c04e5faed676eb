import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { formatBundleSizes } from './cdk/bundle-report.ts';
import { CDK_JSON_CONTEXT } from './cdk/cdk-json.ts';
import { PROJECT_ROOT } from './cdk/paths.ts';
import { createStacks, stageFromContext } from './cdk/stacks.ts';

/**
 * The CDK app. `npm run synth [-- -c stage=prod]` runs it with Node directly (TypeScript type stripping),
 * writes cdk.out and prints each function's bundle size; the CDK CLI runs it through cdk.json for
 * `npm run deploy`. Functions are bundled by the local esbuild, so synth needs neither Docker nor AWS
 * credentials nor the network.
 */
const USAGE = `usage: npm run synth [-- -c stage=prod] [-- -c key=value …]
  synthesizes the CDK app into cdk.out (or CDK_OUTDIR) and prints each function's bundle size; -c (or
  --context) sets a context value as the CDK CLI does, over cdk.json's`;
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
let context: Record<string, string>;
try {
  context = contextFromArgs(args);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
  process.exit(2);
}

const app = new App({
  // Under the CLI, its context (cdk.json and -c flags) takes precedence over these; run directly, the
  // command line's -c flags override cdk.json here.
  context: { ...CDK_JSON_CONTEXT, ...context },
  outdir: process.env.CDK_OUTDIR ?? join(PROJECT_ROOT, 'cdk.out'),
});
createStacks(app, stageFromContext(app));
const assembly = app.synth();
// The size of every function bundle, for the record (stderr: the CLI keeps stdout for templates).
process.stderr.write(`\nfunction bundles in ${assembly.directory}\n${formatBundleSizes(assembly.directory)}`);

/** `-c key=value` and `--context key=value`, as the CDK CLI accepts them. */
function contextFromArgs(args: readonly string[]): Record<string, string> {
  const context: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    if (args[i] !== '-c' && args[i] !== '--context') throw new Error(`unexpected argument ${args[i]}`);
    const pair = args[++i] ?? '';
    const eq = pair.indexOf('=');
    if (eq < 1) throw new Error(`expected -c key=value, got "${pair}"`);
    context[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return context;
}
