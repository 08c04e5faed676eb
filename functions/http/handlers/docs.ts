import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { httpHandler } from '../middleware.ts';
import {
  DocsQuery,
  REFERENCE_CSP,
  REFERENCE_HTML,
  REFERENCE_SCRIPT,
  type ReferenceAsset,
} from '../openapi/reference-page.ts';
import { swaggerUiScript, swaggerUiStyles } from '../openapi/swagger-ui.ts';
import { query } from '../request.ts';

interface File {
  readonly type: string;
  readonly text: string;
  readonly etag: string;
  readonly gzipped: string;
}

const SOURCES: Record<ReferenceAsset | 'page', () => Promise<[type: string, text: string]>> = {
  page: async () => ['text/html; charset=utf-8', REFERENCE_HTML],
  'reference.js': async () => ['text/javascript; charset=utf-8', REFERENCE_SCRIPT],
  'swagger-ui-bundle.js': async () => ['text/javascript; charset=utf-8', await swaggerUiScript()],
  'swagger-ui.css': async () => ['text/css; charset=utf-8', await swaggerUiStyles()],
};

/** Each file once per container: its text, a strong ETag and the gzip of it (Swagger UI is 1.7 MB, 0.5 MB zipped). */
const files = new Map<string, Promise<File>>();
const fileOf = (name: keyof typeof SOURCES) => {
  let file = files.get(name);
  if (!file) {
    file = SOURCES[name]().then(([type, text]) => ({
      type,
      text,
      etag: `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`,
      gzipped: gzipSync(text).toString('base64'),
    }));
    files.set(name, file);
  }
  return file;
};

/**
 * `GET /docs` — the API reference (Swagger UI on `/openapi.json`), and `GET /docs?asset=` its script and
 * style sheet, all from this function: the page loads nothing from another host (its CSP forbids it).
 * Browsers revalidate with the ETag (304) and get gzip when they accept it.
 */
export const handler = httpHandler(async (event) => {
  const { asset } = query(event, DocsQuery);
  const file = await fileOf(asset ?? 'page');
  const headers: Record<string, string> = {
    'content-type': file.type,
    'cache-control': 'no-cache',
    etag: file.etag,
    vary: 'accept-encoding',
    'x-content-type-options': 'nosniff',
    ...(asset ? {} : { 'content-security-policy': REFERENCE_CSP }),
  };
  if (event.headers?.['if-none-match'] === file.etag) {
    return { statusCode: 304, headers } satisfies APIGatewayProxyStructuredResultV2;
  }
  if (/\bgzip\b/.test(event.headers?.['accept-encoding'] ?? '')) {
    return {
      statusCode: 200,
      headers: { ...headers, 'content-encoding': 'gzip' },
      body: file.gzipped,
      isBase64Encoded: true,
    };
  }
  return { statusCode: 200, headers, body: file.text };
});
