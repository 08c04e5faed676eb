import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * The dashboard's files: the page, its style sheet and one script bundling ECharts, so the page loads
 * nothing from another host. `npm run web:build` writes them to web/dist for S3 + CloudFront; the local
 * stack builds the same files in memory on its first `/dashboard/` request (infra/local/dashboard.ts).
 */
export const WEB_ROOT = resolve(dirname(fileURLToPath(import.meta.url)));

/** The dashboard's Content-Security-Policy: every request stays on the page's own host. */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export interface WebFile {
  readonly type: string;
  readonly body: Buffer;
}

/** Builds the page: file name → its content and type. */
export async function buildDashboard(): Promise<Map<string, WebFile>> {
  const bundled = await build({
    entryPoints: [resolve(WEB_ROOT, 'src/main.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    outfile: 'dashboard.js',
    legalComments: 'none',
  });
  const files = new Map<string, WebFile>();
  for (const out of bundled.outputFiles) {
    files.set('dashboard.js', { type: 'text/javascript; charset=utf-8', body: Buffer.from(out.contents) });
  }
  files.set('index.html', {
    type: 'text/html; charset=utf-8',
    body: readFileSync(resolve(WEB_ROOT, 'index.html')),
  });
  files.set('dashboard.css', {
    type: 'text/css; charset=utf-8',
    body: readFileSync(resolve(WEB_ROOT, 'dashboard.css')),
  });
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = resolve(WEB_ROOT, 'dist');
  mkdirSync(out, { recursive: true });
  const files = await buildDashboard();
  for (const [name, file] of files) writeFileSync(resolve(out, name), file.body);
  process.stdout.write(`dashboard built in ${out}: ${[...files.keys()].join(', ')}\n`);
}
