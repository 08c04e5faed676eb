import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type BuildOptions, build } from 'esbuild';
import { PROJECT_ROOT } from '../../infra/cdk/paths.ts';

/**
 * Bundles a handler module as `ServiceFunction` (infra/cdk/constructs/service-function.ts) has the CDK's
 * NodejsFunction bundle it: `esbuild --bundle <entry> --target=node24 --platform=node --format=esm
 * --minify --charset=utf8 --sourcemap --sources-content=false --main-fields=module,main --banner:js=<createRequire>`, every
 * dependency inside (externalModules: [], so the AWS SDK too), run from the project root.
 *
 * The construct does not export its settings, so they are repeated here; `bundlingDrift()` reads the
 * construct's source and names any setting that no longer matches, and the banner is taken from it.
 */
const SERVICE_FUNCTION_FILE = join(PROJECT_ROOT, 'infra/cdk/constructs/service-function.ts');

const FALLBACK_BANNER =
  "import { createRequire as __ldmCreateRequire } from 'node:module'; const require = __ldmCreateRequire(import.meta.url);";

/** What the construct's source must still say for the settings below to be the deployed ones. */
const EXPECTED_SETTINGS = [
  'format: nodejs.OutputFormat.ESM',
  "target: 'node24'",
  'minify: true',
  'charset: nodejs.Charset.UTF8',
  'sourceMap: true',
  'sourceMapMode: nodejs.SourceMapMode.DEFAULT',
  'sourcesContent: false',
  "mainFields: ['module', 'main']",
  'externalModules: []',
  'banner: ESM_REQUIRE_BANNER',
] as const;

function constructSource(): string {
  try {
    return readFileSync(SERVICE_FUNCTION_FILE, 'utf8');
  } catch {
    return '';
  }
}

/** The construct's banner as its source declares it (a single- or double-quoted literal). */
function deployedBanner(source: string): string | null {
  const m = /ESM_REQUIRE_BANNER\s*=\s*(["'])((?:(?!\1).)*)\1\s*;/s.exec(source);
  return m?.[2] ?? null;
}

/** Settings of ServiceFunction this helper no longer mirrors; empty when they match. */
export function bundlingDrift(): string[] {
  const source = constructSource();
  if (!source) return [`cannot read ${SERVICE_FUNCTION_FILE}`];
  const compact = source.replace(/\s+/g, ' ');
  const missing: string[] = EXPECTED_SETTINGS.filter((s) => !compact.includes(s));
  if (deployedBanner(source) === null) missing.push('ESM_REQUIRE_BANNER (not found; a fallback is used)');
  return missing;
}

export const SERVICE_FUNCTION_BUILD: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  minify: true,
  charset: 'utf8',
  sourcemap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  external: [],
  banner: { js: deployedBanner(constructSource()) ?? FALLBACK_BANNER },
  absWorkingDir: PROJECT_ROOT,
  logLevel: 'silent',
};

export interface BuiltBundle {
  readonly file: string;
  readonly bytes: number;
}

/** Bundles `entry` (relative to the project root) into `outdir/index.mjs` (+ index.mjs.map). */
export async function bundleLikeServiceFunction(entry: string, outdir: string): Promise<BuiltBundle> {
  const file = join(outdir, 'index.mjs');
  await build({ ...SERVICE_FUNCTION_BUILD, entryPoints: [resolve(PROJECT_ROOT, entry)], outfile: file });
  return { file, bytes: statSync(file).size };
}
