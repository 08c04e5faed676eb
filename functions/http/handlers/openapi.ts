import { httpHandler } from '../middleware.ts';
import { openApiDocument } from '../openapi/document.ts';
import type { HttpEvent } from '../request.ts';
import { jsonUnmasked } from '../response.ts';

let document: ReturnType<typeof openApiDocument> | undefined;

/** A host as API Gateway and the local gateway report it: a name or address and maybe a port, nothing else. */
const HOST = /^[A-Za-z0-9.-]{1,253}(?::\d{1,5})?$/;

/**
 * The server this request reached, so a client reading the document talks to the API it read it from.
 * API Gateway says `x-forwarded-proto: https`; the local gateway says nothing (plain http). A host that is
 * not plainly a host is left out rather than echoed into the document.
 */
export function servedFrom(event: HttpEvent): { url: string; description: string } | undefined {
  const host = event.requestContext?.domainName ?? event.headers?.host;
  if (!host || !HOST.test(host)) return undefined;
  const proto = event.headers?.['x-forwarded-proto'] === 'https' ? 'https' : 'http';
  return { url: `${proto}://${host}`, description: 'This server: where this document was served from' };
}

/**
 * `GET /openapi.json` — the OpenAPI 3.1 document of this API, generated from the function catalogue and
 * the handlers' zod schemas; built once per container, on the first request. Its first server is the one
 * the request reached; the templates follow.
 */
export const handler = httpHandler(async (event) => {
  document ??= openApiDocument();
  const here = servedFrom(event);
  const servers = [...(here ? [here] : []), ...(document.servers ?? [])];
  // Documentation, not personal data: its request examples show ID and phone numbers as people type them.
  return jsonUnmasked(200, { ...document, servers }, { 'cache-control': 'no-cache' });
});
