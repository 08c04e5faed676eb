import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { parseCommand } from '../../domain/lifecycle/command.ts';
import { parseOrThrow } from '../../domain/shared/validation.ts';
import { HTTP_FUNCTIONS } from '../../functions/catalogue.ts';
import { ROUTE_DOCS } from '../../functions/http/openapi/route-docs.ts';
import { type HttpFileRequest, parseHttpFile, resolver } from '../support/http-file.ts';

/**
 * docs/requests.http, read as the editors' REST clients read it (support/http-file.ts): every request must
 * be a route of the catalogue and its parameters and body must pass the route's schemas, so the collection
 * cannot drift from the API. test/e2e/requests-http.test.ts sends it to the local stack.
 */

const FILE = 'docs/requests.http';

const ROUTES = HTTP_FUNCTIONS.map((f) => ({
  key: `${f.trigger.method} ${f.trigger.path}`,
  method: f.trigger.method as string,
  names: [...f.trigger.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string),
  pattern: new RegExp(`^${f.trigger.path.replace(/\{\w+\}/g, '([^/]+)')}$`),
  isPublic: f.trigger.publicBecause !== undefined,
  takesKey: f.access.idempotency === true,
}));

const { variables, requests } = parseHttpFile(readFileSync(FILE, 'utf8'));
const resolve = resolver(variables);

/** The request's route, and its path and query parameters. */
function routed(request: HttpFileRequest) {
  const url = new URL(resolve(request.url));
  const route = ROUTES.find((r) => r.method === request.method && r.pattern.test(url.pathname));
  const values = route ? (route.pattern.exec(url.pathname) ?? []).slice(1) : [];
  const path = Object.fromEntries(
    route?.names.map((name, i) => [name, decodeURIComponent(values[i] ?? '')]) ?? [],
  );
  return { url, route, path, query: Object.fromEntries(url.searchParams) };
}

const valid = (schema: z.core.$ZodType | undefined, value: unknown) =>
  schema ? z.safeParse(schema, value).error?.issues : undefined;

describe(FILE, () => {
  it('holds the day: health, the document, filing, reading, listing, actions, history, calendar, reminders', () => {
    const keys = new Set(requests.map((r) => routed(r).route?.key));
    for (const key of [
      'GET /health',
      'GET /openapi.json',
      'POST /cases',
      'GET /cases/{caseId}',
      'GET /cases',
      'POST /cases/{caseId}/actions',
      'GET /cases/{caseId}/history',
      'GET /calendar/{year}',
      'PUT /calendar/{year}',
      'GET /reminders',
      'POST /reminders/{reminderId}/ack',
    ]) {
      expect(keys, key).toContain(key);
    }
    expect(variables.base).toBe('http://127.0.0.1:3000');
  });

  it.each(requests.map((r) => [r.title, r] as const))(
    '%s: a route of the catalogue, as its schemas want it',
    (_, request) => {
      const { url, route, path, query } = routed(request);
      expect(route, `${request.method} ${url.pathname} is no route of the catalogue`).toBeDefined();
      if (!route) return;
      expect(url.origin).toBe(variables.base);
      const doc = ROUTE_DOCS[route.key];
      expect(valid(doc?.path, path), 'path parameters').toBeUndefined();
      if (Object.keys(query).length > 0 || doc?.query) {
        expect(doc?.query, 'the route takes no query').toBeDefined();
        expect(valid(doc?.query, query), 'query parameters').toBeUndefined();
      }
      const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, resolve(v)]));
      if (!route.isPublic) expect(headers.authorization, 'a bearer token').toMatch(/^Bearer \S+$/);
      if (headers['idempotency-key'] !== undefined) {
        expect(route.takesKey, 'the route keeps no Idempotency-Key receipts').toBe(true);
        expect(headers['idempotency-key']).toMatch(/^[\x21-\x7e]{1,255}$/);
      }
      if (!doc?.body) {
        expect(request.body, 'the route takes no body').toBe('');
        return;
      }
      expect(headers['content-type']).toBe('application/json');
      const body = JSON.parse(resolve(request.body)) as Record<string, unknown>;
      // The handlers' own parsers: an action through parseCommand, any other body through its route's schema.
      if (route.key === 'POST /cases/{caseId}/actions') expect(() => parseCommand(body)).not.toThrow();
      else expect(() => parseOrThrow(doc.body as never, body)).not.toThrow();
    },
  );
});
