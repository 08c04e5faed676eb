import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * On every answer, JSON, CSV and errors alike: a browser must not sniff a JSON body that echoes typed text
 * into HTML or script (OWASP Secure Headers). `httpHandler` adds it to answers a handler builds itself.
 */
export const NOSNIFF = { 'x-content-type-options': 'nosniff' } as const;

export function json(
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
