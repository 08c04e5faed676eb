import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { redactDeep } from '../../domain/shared/masking.ts';

/**
 * On every answer, JSON, CSV and errors alike: a browser must not sniff a JSON body that echoes typed text
 * into HTML or script (OWASP Secure Headers). `httpHandler` adds it to answers a handler builds itself.
 */
export const NOSNIFF = { 'x-content-type-options': 'nosniff' } as const;

/**
 * A JSON answer with every string at every depth masked (`redactDeep`, domain/shared/masking.ts; PIPL
 * art. 6): a case, its history, a list, a handoff, an error detail. No route has to remember to.
 */
export function json(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return jsonUnmasked(statusCode, redactDeep(body), headers);
}

/**
 * A JSON answer as it is, for the few bodies meant to be read in full: the API's own document (its request
 * examples), and clear values a person revealed for a recorded purpose. Anything else goes through `json`.
 */
export function jsonUnmasked(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...NOSNIFF,
      ...headers,
    },
    body: JSON.stringify(body),
  };
}

/** Strong ETag carrying the case version. */
export const etag = (version: number) => `"${version}"`;
