import type { Access, FunctionEntry, HttpMethod } from './catalogue-types.ts';

/** Building blocks of the function catalogue's HTTP entries (functions/catalogue.ts and its feature parts). */

export const HTTP_TIMEOUT_SECONDS = 10;
export const READ: Access = { cases: 'read', cursorSecret: true };
/** A read of cases that appends an access record per case shown (domain/audit/access-log.ts). */
export const READ_RECORDED: Access = { ...READ, recordAccess: true };
export const WRITE: Access = { cases: 'write', cursorSecret: true, idempotency: true };

export const pascal = (kebab: string) =>
  kebab
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

/** An HTTP route's function: `functions/http/handlers/<handler>.ts`, deployed as `http-<handler>`. */
export const http = (
  handler: string,
  method: HttpMethod,
  path: string,
  summary: string,
  access: Access,
  publicBecause?: string,
): FunctionEntry => ({
  name: `http-${handler}`,
  id: `${pascal(handler)}Function`,
  entry: `functions/http/handlers/${handler}.ts`,
  description: `${method} ${path}: ${summary}`,
  trigger: { kind: 'http', method, path, summary, ...(publicBecause ? { publicBecause } : {}) },
  timeoutSeconds: HTTP_TIMEOUT_SECONDS,
  access,
});
