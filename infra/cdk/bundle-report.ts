import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PROJECT_ROOT } from './paths.ts';

/**
 * Prints the bundle of every Lambda function in a synthesised cloud assembly (default: cdk.out): the
 * size of index.mjs, roughly what the deployment zip holds (gzip -9 of it), and the source map's size.
 */
interface Manifest {
  artifacts: Record<string, { type: string; properties?: { templateFile?: string } }>;
}
interface Template {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
}

export interface BundleSize {
  readonly stack: string;
  readonly functionName: string;
  readonly assetDir: string;
  readonly bundleBytes: number;
  readonly gzipBytes: number;
  readonly sourceMapBytes: number;
}

export function bundleSizes(outdir: string): BundleSize[] {
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as Manifest;
  const sizes: BundleSize[] = [];
  for (const [stack, artifact] of Object.entries(manifest.artifacts)) {
    const templateFile = artifact.properties?.templateFile;
    if (artifact.type !== 'aws:cloudformation:stack' || !templateFile) continue;
    const template = JSON.parse(readFileSync(join(outdir, templateFile), 'utf8')) as Template;
    for (const resource of Object.values(template.Resources)) {
      if (resource.Type !== 'AWS::Lambda::Function') continue;
      const props = resource.Properties ?? {};
      const key = (props.Code as { S3Key?: string } | undefined)?.S3Key;
      if (typeof key !== 'string') continue;
      const assetDir = join(outdir, `asset.${key.replace(/\.zip$/, '')}`);
      const bundle = join(assetDir, 'index.mjs');
      if (!existsSync(bundle)) continue;
      const map = join(assetDir, 'index.mjs.map');
      sizes.push({
        stack,
        functionName: String(props.FunctionName),
        assetDir,
        bundleBytes: statSync(bundle).size,
        gzipBytes: gzipSync(readFileSync(bundle), { level: 9 }).length,
        sourceMapBytes: existsSync(map) ? statSync(map).size : 0,
      });
    }
  }
  return sizes;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** A table: function, index.mjs, gzip -9 of it, source map. */
export function formatBundleSizes(outdir: string): string {
  const rows = bundleSizes(outdir);
  const width = Math.max(8, ...rows.map((r) => r.functionName.length));
  const line = (cells: string[]) =>
    `${(cells[0] ?? '').padEnd(width)}  ${cells
      .slice(1)
      .map((c) => c.padStart(11))
      .join('  ')}\n`;
  return [
    line(['function', 'index.mjs', 'gzip -9', 'source map']),
    ...rows.map((r) => line([r.functionName, kib(r.bundleBytes), kib(r.gzipBytes), kib(r.sourceMapBytes)])),
  ].join('');
}

if (import.meta.main) {
  process.stdout.write(
    formatBundleSizes(process.argv[2] ?? process.env.CDK_OUTDIR ?? join(PROJECT_ROOT, 'cdk.out')),
  );
}
