import { gunzipSync } from 'node:zlib';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { ACTION_EVENTS, CallbackEnvelope, openingDataSchema } from '../../domain/callbacks/events.ts';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import { listCases } from '../../domain/case/list-cases.ts';
import { maskedCase } from '../../domain/case/masked.ts';
import { readHistory } from '../../domain/case/read-history.ts';
import { listHandoffs } from '../../domain/handoffs/list-handoffs.ts';
import { parseCommand } from '../../domain/lifecycle/command.ts';
import { ACTIONS } from '../../domain/lifecycle/table.ts';
import { residentIdProblem } from '../../domain/shared/identifiers.ts';
import { parseOrThrow } from '../../domain/shared/validation.ts';
import { HTTP_FUNCTIONS } from '../../functions/catalogue.ts';
import {
  BEARER,
  LICENSE,
  openApiDocument,
  SERVERS,
  THROTTLED,
  undocumentedRoutes,
} from '../../functions/http/openapi/document.ts';
import {
  ACTION_EXAMPLES,
  ERROR_EXAMPLES,
  ERROR_EXAMPLES_ZH,
  EXAMPLE_CREDIT_CODE,
  EXAMPLE_ID_NUMBER,
  PATH_EXAMPLES,
  ROUTE_EXAMPLES,
} from '../../functions/http/openapi/examples.ts';
import { REFERENCE_ASSETS } from '../../functions/http/openapi/reference-page.ts';
import { HUMAN_ACTIONS, ROUTE_DOCS } from '../../functions/http/openapi/route-docs.ts';
import {
  ApiError,
  CaseEvent,
  CaseSummary,
  CaseView,
  HandoffRecord,
  pageOf,
} from '../../functions/http/openapi/schemas.ts';
import type { HttpEvent } from '../../functions/http/request.ts';
import { depsWith, intake, mediator, settle } from '../support/fixtures.ts';
import { MemoryCaseRepository } from '../support/memory-repository.ts';

type Operation = {
  operationId: string;
  summary: string;
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string; required?: boolean; example?: unknown }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
};

const document = openApiDocument();
const operation = (method: string, path: string) =>
  (document.paths?.[path] as Record<string, Operation> | undefined)?.[method.toLowerCase()];
const parameterNames = (op: Operation | undefined, where: string) =>
  (op?.parameters ?? []).filter((p) => p.in === where).map((p) => p.name);

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('documents every route of the catalogue in ROUTE_DOCS (add the missing ones there)', () => {
    expect(undocumentedRoutes()).toEqual([]);
    // …and nothing that is no route any more.
    const keys = HTTP_FUNCTIONS.map((f) => `${f.trigger.method} ${f.trigger.path}`);
    expect(Object.keys(ROUTE_DOCS).filter((key) => !keys.includes(key))).toEqual([]);
  });

  it('lists every HTTP function of the catalogue with its method, path and summary, and nothing else', () => {
    const listed = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
      Object.keys(item as object).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(listed.sort()).toEqual(HTTP_FUNCTIONS.map((f) => `${f.trigger.method} ${f.trigger.path}`).sort());
    for (const f of HTTP_FUNCTIONS) {
      const op = operation(f.trigger.method, f.trigger.path);
      expect(op?.summary, f.name).toBe(f.trigger.summary);
      for (const name of f.trigger.path.match(/\{(\w+)\}/g) ?? []) {
        expect(parameterNames(op, 'path'), f.name).toContain(name.slice(1, -1));
      }
    }
    const ids = HTTP_FUNCTIONS.map((f) => operation(f.trigger.method, f.trigger.path)?.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('asks a bearer JWT of every route behind the authorizer and none of the public ones', () => {
    for (const { trigger } of HTTP_FUNCTIONS) {
      const key = `${trigger.method} ${trigger.path}`;
      const security = operation(trigger.method, trigger.path)?.security;
      if (trigger.publicBecause === undefined) expect(security, key).toEqual([{ [BEARER]: [] }]);
      else if (ROUTE_DOCS[key]?.webhook) {
        expect(security, key).toEqual([{ webhookId: [], webhookTimestamp: [], webhookSignature: [] }]);
      } else expect(security, key).toEqual([]);
    }
    expect(Object.keys(document.components?.securitySchemes ?? {}).sort()).toEqual(
      [BEARER, 'webhookId', 'webhookSignature', 'webhookTimestamp'].sort(),
    );
  });

  it('documents Idempotency-Key where the handler keeps receipts, If-Match on actions, paging on lists', () => {
    for (const f of HTTP_FUNCTIONS) {
      const doc = ROUTE_DOCS[`${f.trigger.method} ${f.trigger.path}`];
      if (!doc) continue; // the coverage test names it
      const headers = parameterNames(operation(f.trigger.method, f.trigger.path), 'header');
      // Partners' callbacks are deduplicated by their webhook-id instead.
      expect(headers.includes('Idempotency-Key'), f.name).toBe(f.access.idempotency === true && !doc.webhook);
    }
    expect(parameterNames(operation('POST', '/cases/{caseId}/actions'), 'header')).toContain('If-Match');
    for (const path of ['/cases', '/cases/{caseId}/history', '/cases/{caseId}/handoffs']) {
      expect(parameterNames(operation('GET', path), 'query')).toEqual(
        expect.arrayContaining(['cursor', 'limit']),
      );
    }
  });

  it('names its servers (the local stack, the deployed stages) and its licence', () => {
    expect(document.servers).toEqual(SERVERS);
    expect(document.servers?.map((s) => s.url)).toContain('http://127.0.0.1:{port}');
    expect(document.info.license).toEqual(LICENSE);
  });

  it("gives every operation a 4XX answer, and every 4xx but the gateway's 429 the one JSON error shape", () => {
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      for (const [method, op] of Object.entries(item as Record<string, Operation>)) {
        if (!ROUTE_DOCS[`${method.toUpperCase()} ${path}`]) continue; // the coverage test names it
        const statuses = Object.keys(op.responses);
        expect(
          statuses.filter((s) => /^2/.test(s)),
          `${method} ${path}`,
        ).toHaveLength(1);
        expect(
          statuses.filter((s) => /^4/.test(s)),
          `${method} ${path}`,
        ).toContain(`${THROTTLED}`);
        for (const status of statuses.filter((s) => /^[45]/.test(s))) {
          expect(op.responses[status], `${method} ${path} ${status}`).toEqual({
            $ref: `#/components/responses/${status}`,
          });
        }
      }
    }
    const { [THROTTLED]: throttled, ...errors } = document.components?.responses ?? {};
    expect(throttled).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/GatewayError' } } },
    });
    for (const response of Object.values(errors)) {
      expect(response).toMatchObject({
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      });
    }
  });

  it('offers in the action schema exactly the actions people take, each with its payload', () => {
    const schema = document.components?.schemas?.ActionCommand as { oneOf?: { properties: object }[] };
    const names = (schema.oneOf ?? []).map(
      (v) => (v.properties as { action: { const: string } }).action.const,
    );
    expect(names).toContain('ASSIGN_MEDIATOR');
    expect(names).toContain('SIGN_AGREEMENT');
    expect(names).not.toContain('FILE');
    expect(names).not.toContain('ACCEPT_TRANSFER');
  });
});

/** The JSON schema of a route's success answer, as the document is built from it. */
const successSchema = (key: string) => ROUTE_DOCS[key]?.success.content?.['application/json'];
const mediaType = (op: Operation | undefined, where: 'request' | 'success') => {
  if (where === 'request') {
    return (op?.requestBody as { content: Record<string, Record<string, unknown>> } | undefined)?.content[
      'application/json'
    ];
  }
  const status = Object.keys(op?.responses ?? {}).find((s) => /^2/.test(s)) ?? '';
  return (op?.responses[status] as { content?: Record<string, Record<string, unknown>> } | undefined)
    ?.content?.['application/json'];
};

describe('the examples', () => {
  const keys = HTTP_FUNCTIONS.map((f) => `${f.trigger.method} ${f.trigger.path}`);

  it('give every request body at least one example, and every JSON answer one (but the document itself)', () => {
    for (const key of keys) {
      const [method, path] = key.split(' ') as [string, string];
      const op = operation(method, path);
      if (ROUTE_DOCS[key]?.body) {
        expect(Object.keys(ROUTE_EXAMPLES[key]?.body ?? {}).length, key).toBeGreaterThan(0);
        expect(Object.keys(mediaType(op, 'request')?.examples ?? {}), key).toEqual(
          Object.keys(ROUTE_EXAMPLES[key]?.body ?? {}),
        );
      }
      if (successSchema(key) && key !== 'GET /openapi.json') {
        expect(ROUTE_EXAMPLES[key]?.success, key).toBeDefined();
        expect(mediaType(op, 'success')?.example, key).toEqual(ROUTE_EXAMPLES[key]?.success);
      }
    }
    expect(Object.keys(ROUTE_EXAMPLES).filter((key) => !keys.includes(key))).toEqual([]);
  });

  it('give every path parameter an example its route accepts', () => {
    for (const key of keys) {
      const [method, path] = key.split(' ') as [string, string];
      const op = operation(method, path) as
        | (Operation & { parameters?: { example?: unknown }[] })
        | undefined;
      const names = parameterNames(op, 'path');
      const params = (op?.parameters ?? []).filter((p) => p.in === 'path');
      for (const parameter of params) expect(parameter.example, `${key} ${parameter.name}`).toBeDefined();
      const schema = ROUTE_DOCS[key]?.path;
      if (!schema || names.length === 0) continue;
      const values = Object.fromEntries(names.map((name) => [name, PATH_EXAMPLES[name]]));
      expect(z.safeParse(schema, values).error?.issues, key).toBeUndefined();
    }
  });

  it('offer one action example per action people take, each named after its action', () => {
    expect(Object.keys(ACTION_EXAMPLES).sort()).toEqual([...HUMAN_ACTIONS].sort());
    for (const [name, { value }] of Object.entries(ACTION_EXAMPLES)) {
      expect((value as { action: string }).action).toBe(name);
    }
  });

  it('are request bodies the handlers accept: each parses with the very schema its handler uses', async () => {
    for (const [key, { body }] of Object.entries(ROUTE_EXAMPLES)) {
      for (const [name, { value }] of Object.entries(body ?? {})) {
        const label = `${key} ${name}`;
        const schema = ROUTE_DOCS[key]?.body;
        expect(schema, label).toBeDefined();
        // The action route's document schema is a union of the table's payloads; the handler parses a
        // command with parseCommand, so the example goes through it too.
        if (key === 'POST /cases/{caseId}/actions') {
          expect(() => parseCommand(value as Record<string, unknown>), label).not.toThrow();
        } else {
          expect(() => parseOrThrow(schema as never, value), label).not.toThrow();
        }
        if (key === 'POST /partners/{partnerId}/callbacks') {
          const { type, data } = parseOrThrow(CallbackEnvelope, value);
          const action = ACTION_EVENTS[type]?.action;
          const dataSchema = action ? ACTIONS[action].payload : openingDataSchema();
          expect(() => parseOrThrow(dataSchema, data), label).not.toThrow();
        }
      }
    }
    // The filing examples are accepted whole by the use case, not only by the schema.
    const deps = depsWith(new MemoryCaseRepository());
    for (const { value } of Object.values(ROUTE_EXAMPLES['POST /cases']?.body ?? {})) {
      const filed = await fileCase(deps, mediator, value as Record<string, unknown>);
      expect(filed.status).toBe('FILED');
    }
  });

  it("are answers as documented: each parses with its route's answer schema, each error with the error shape", () => {
    for (const [key, { success }] of Object.entries(ROUTE_EXAMPLES)) {
      if (success === undefined) continue;
      const schema = successSchema(key);
      expect(schema, key).toBeDefined();
      const parsed = z.safeParse(schema as z.ZodType, success);
      expect(parsed.error?.issues, key).toBeUndefined();
    }
    for (const [status, body] of [...Object.entries(ERROR_EXAMPLES), ...Object.entries(ERROR_EXAMPLES_ZH)]) {
      expect(ApiError.safeParse(body).error?.issues, status).toBeUndefined();
    }
    // The Chinese examples are Chinese: the catalogue's words, not an English fallback.
    for (const body of Object.values(ERROR_EXAMPLES_ZH)) {
      expect((body as { error: { message: string } }).error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('use identifiers with correct check characters (GB 11643, GB 32100)', () => {
    expect(residentIdProblem(EXAMPLE_ID_NUMBER, '2026-12-31')).toBeNull();
    expect(
      parseOrThrow(ACTIONS.FILE.payload, ROUTE_EXAMPLES['POST /cases']?.body?.walkIn?.value),
    ).toMatchObject({
      employer: { creditCode: EXAMPLE_CREDIT_CODE },
    });
  });
});

describe('the answer schemas', () => {
  it('describe the use cases’ real answers field for field (a new domain field needs its line in case-view.ts or schemas.ts)', async () => {
    const repo = new MemoryCaseRepository();
    const deps = depsWith(repo);
    const filed = await fileCase(deps, mediator, intake());
    await settle(deps, mediator, filed.caseId);
    const handed = await actOnCase(deps, mediator, filed.caseId, {
      action: 'REQUEST_JUDICIAL_CONFIRMATION',
      courtId: 'qd-shinan-court',
    });
    const page = { limit: 100 };
    const handoffs = await listHandoffs(deps, mediator, filed.caseId, page);
    expect(handed.agreement).not.toBeNull();
    expect(handoffs.items.length).toBeGreaterThan(0);

    CaseView.parse(maskedCase(filed));
    CaseView.parse(maskedCase(handed));
    pageOf(CaseSummary, 'P').parse(await listCases(deps, mediator, page));
    pageOf(CaseEvent, 'P').parse(await readHistory(deps, mediator, filed.caseId, page));
    pageOf(HandoffRecord, 'P').parse(handoffs);
  });
});

const context = {
  functionName: 'test',
  awsRequestId: 'r',
  getRemainingTimeInMillis: () => 10_000,
} as Context;
const get = (path: string, query?: Record<string, string>, headers: Record<string, string> = {}) =>
  ({
    version: '2.0',
    routeKey: `GET ${path}`,
    rawPath: path,
    headers,
    ...(query ? { queryStringParameters: query } : {}),
    requestContext: { http: { method: 'GET', path }, requestId: 'r', routeKey: `GET ${path}` },
    isBase64Encoded: false,
  }) as unknown as HttpEvent;
type Handler = (e: HttpEvent, c: Context) => Promise<APIGatewayProxyStructuredResultV2>;

describe('the openapi and docs functions', () => {
  let openapi: Handler;
  let docs: Handler;
  beforeAll(async () => {
    openapi = (await import('../../functions/http/handlers/openapi.ts')).handler as unknown as Handler;
    docs = (await import('../../functions/http/handlers/docs.ts')).handler as unknown as Handler;
  });

  it('GET /openapi.json answers the document, the server it was fetched from first', async () => {
    const res = await openapi(get('/openapi.json', undefined, { host: 'api.example.cn' }), context);
    expect(res.statusCode).toBe(200);
    const served = JSON.parse(res.body as string);
    const { servers, ...rest } = served;
    const { servers: _templates, ...expected } = JSON.parse(JSON.stringify(document));
    expect(rest).toEqual(expected);
    expect(servers).toEqual([
      { url: 'http://api.example.cn', description: expect.any(String) },
      ...JSON.parse(JSON.stringify(SERVERS)),
    ]);
  });

  it("GET /openapi.json names API Gateway's https host, and never echoes a host that is not one", async () => {
    const behindGateway = await openapi(
      get('/openapi.json', undefined, { host: 'abc.example.cn', 'x-forwarded-proto': 'https' }),
      context,
    );
    expect(JSON.parse(behindGateway.body as string).servers[0].url).toBe('https://abc.example.cn');
    const odd = await openapi(get('/openapi.json', undefined, { host: 'x"><script>' }), context);
    expect(JSON.parse(odd.body as string).servers).toEqual(JSON.parse(JSON.stringify(SERVERS)));
  });

  it('GET /docs answers a page whose scripts and styles are its own, with a CSP that allows no other host', async () => {
    const res = await docs(get('/docs'), context);
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['content-type']).toMatch(/^text\/html/);
    expect(res.headers?.['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    const html = res.body as string;
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    const refs = [...html.matchAll(/(?:src|href)="\?asset=([^"]+)"/g)].map((m) => m[1]);
    expect(refs.sort()).toEqual([...REFERENCE_ASSETS].sort());
  });

  it.each(REFERENCE_ASSETS)(
    'GET /docs?asset=%s answers it, gzipped when asked, 304 when unchanged',
    async (asset) => {
      const plain = await docs(get('/docs', { asset }), context);
      expect(plain.statusCode).toBe(200);
      expect(plain.headers?.['content-type']).toMatch(
        asset.endsWith('.css') ? /^text\/css/ : /^text\/javascript/,
      );
      expect((plain.body as string).length).toBeGreaterThan(100);

      const zipped = await docs(get('/docs', { asset }, { 'accept-encoding': 'gzip, br' }), context);
      expect(zipped.headers?.['content-encoding']).toBe('gzip');
      expect(gunzipSync(Buffer.from(zipped.body as string, 'base64')).toString('utf8')).toBe(plain.body);

      const again = await docs(
        get('/docs', { asset }, { 'if-none-match': String(plain.headers?.etag) }),
        context,
      );
      expect(again.statusCode).toBe(304);
    },
  );

  it('GET /docs with an unknown asset or parameter is a 400', async () => {
    expect((await docs(get('/docs', { asset: '../package.json' }), context)).statusCode).toBe(400);
    expect((await docs(get('/docs', { x: '1' }), context)).statusCode).toBe(400);
  });
});
