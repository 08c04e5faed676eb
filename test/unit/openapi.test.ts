import { gunzipSync } from 'node:zlib';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import { listCases } from '../../domain/case/list-cases.ts';
import { maskedCase } from '../../domain/case/masked.ts';
import { readHistory } from '../../domain/case/read-history.ts';
import { listHandoffs } from '../../domain/handoffs/list-handoffs.ts';
import { HTTP_FUNCTIONS } from '../../functions/catalogue.ts';
import { BEARER, openApiDocument, undocumentedRoutes } from '../../functions/http/openapi/document.ts';
import { REFERENCE_ASSETS } from '../../functions/http/openapi/reference-page.ts';
import { ROUTE_DOCS } from '../../functions/http/openapi/route-docs.ts';
import {
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
  parameters?: { in: string; name: string; required?: boolean }[];
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

  it('gives every 4xx the one JSON error shape', () => {
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      for (const [method, op] of Object.entries(item as Record<string, Operation>)) {
        if (!ROUTE_DOCS[`${method.toUpperCase()} ${path}`]) continue; // the coverage test names it
        const statuses = Object.keys(op.responses);
        expect(
          statuses.filter((s) => /^2/.test(s)),
          `${method} ${path}`,
        ).toHaveLength(1);
        for (const status of statuses.filter((s) => /^[45]/.test(s))) {
          expect(op.responses[status], `${method} ${path} ${status}`).toEqual({
            $ref: `#/components/responses/${status}`,
          });
        }
      }
    }
    for (const response of Object.values(document.components?.responses ?? {})) {
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

describe('the answer schemas', () => {
  it('describe the use cases’ real answers field for field (a new domain field needs its line in schemas.ts)', async () => {
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

  it('GET /openapi.json answers the document', async () => {
    const res = await openapi(get('/openapi.json'), context);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body as string)).toEqual(JSON.parse(JSON.stringify(document)));
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
