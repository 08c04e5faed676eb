import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import {
  type Language,
  type Message,
  message,
  negotiateLanguage,
  render,
} from '../../domain/shared/messages.ts';
import { errorJson, unauthorized } from '../../functions/http/errors.ts';
import { handlerModule, ROUTES, type RouteDefinition, routeKey } from '../../functions/http/routes.ts';
import { DASHBOARD_PATH, LOCAL_TOKEN_PATH, localToken, serveDashboard } from './dashboard.ts';
import { checkLocalToken } from './dev-auth.ts';
import { lambdaContext } from './lambda-context.ts';
import { LOCAL_SLA_PATH, localSla } from './sla-control.ts';

type Handler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<unknown>;

interface CompiledRoute {
  readonly route: RouteDefinition;
  readonly pattern: RegExp;
  readonly handler: Handler;
}

/** What the local gateway reads before handing a body over; API Gateway's own limit is 10 MB. */
const GATEWAY_BODY_LIMIT = 1024 * 1024;
/** API Gateway's integration timeout. */
const TIMEOUT_MS = 29_000;

/** Imports the handler module of every route — the very modules Lambda runs. */
export async function loadRoutes(root: string): Promise<CompiledRoute[]> {
  return Promise.all(
    ROUTES.map(async (route) => {
      const mod = (await import(pathToFileURL(resolve(root, handlerModule(route))).href)) as {
        handler?: Handler;
      };
      if (typeof mod.handler !== 'function') throw new Error(`${handlerModule(route)} exports no handler`);
      const pattern = new RegExp(`^${route.path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`);
      return { route, pattern, handler: mod.handler };
    }),
  );
}

/**
 * A small stand-in for API Gateway (HTTP API, payload v2): routes a request, checks the bearer token as
 * the JWT authorizer would, turns the request into the v2 event Lambda receives and invokes the handler.
 */
export function createGateway(routes: readonly CompiledRoute[], region: string): Server {
  return createServer((req, res) => {
    handle(routes, region, req, res).catch(() => {
      if (!res.headersSent) sendError(res, 500, 'INTERNAL', message('error.internal'), languageOf(req));
      else res.destroy();
    });
  });
}

async function handle(
  routes: readonly CompiledRoute[],
  region: string,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  if (url.pathname === LOCAL_CLOCK_PATH) return localClock(req, res, method);
  if (url.pathname === LOCAL_SLA_PATH) return localSla(req, res, region);
  if (url.pathname === LOCAL_TOKEN_PATH) return localToken(req, res);
  if (url.pathname === '/dashboard') return redirect(res, DASHBOARD_PATH);
  if (url.pathname.startsWith(DASHBOARD_PATH)) return serveDashboard(req, res, url.pathname);
  let params: Record<string, string> = {};
  const match = routes.find((r) => {
    if (r.route.method !== method) return false;
    const m = r.pattern.exec(url.pathname);
    if (m) params = { ...m.groups };
    return m !== null;
  });
  const language = languageOf(req);
  if (!match) {
    const path = url.pathname.slice(0, 200);
    return sendError(res, 404, 'NOT_FOUND', message('http.noRoute', { method, path }), language);
  }

  const body = await readBody(req);
  if (body === null)
    return sendError(res, 413, 'PAYLOAD_TOO_LARGE', message('http.gatewayTooLarge'), language);

  let claims: Record<string, string | number | boolean | string[]> | undefined;
  if (match.route.auth) {
    // API Gateway's JWT authorizer answers 401 itself in AWS, in English ({"message":"Unauthorized"} and a
    // WWW-Authenticate naming the failed check); here the same checks answer in the API's own error shape.
    const checked = await checkLocalToken(req.headers.authorization);
    if (!checked.ok) {
      const refusal = unauthorized(checked.why, checked.reason);
      const text = render(refusal.text ?? message('auth.required'), language);
      return sendError(res, 401, refusal.code, text, language, refusal.details, refusal.headers);
    }
    claims = checked.claims as typeof claims;
  }

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const queryStringParameters: Record<string, string> = {};
  for (const name of new Set(url.searchParams.keys())) {
    queryStringParameters[name] = url.searchParams.getAll(name).join(',');
  }
  const now = Date.now();
  const requestId = randomUUID();
  const event = {
    version: '2.0',
    routeKey: routeKey(match.route),
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(url.search ? { queryStringParameters } : {}),
    ...(Object.keys(params).length > 0 ? { pathParameters: params } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      ...(claims
        ? { authorizer: { principalId: '', integrationLatency: 0, jwt: { claims, scopes: [] } } }
        : {}),
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: routeKey(match.route),
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    ...(body.length > 0 ? { body: body.toString('utf8') } : {}),
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

  const context = lambdaContext(`local-${match.route.handler}`, TIMEOUT_MS, region, requestId);

  const result = (await match.handler(event, context)) as
    | APIGatewayProxyStructuredResultV2
    | string
    | undefined;
  if (typeof result === 'object' && result !== null && 'statusCode' in result) {
    res.writeHead(result.statusCode ?? 200, {
      'apigw-requestid': requestId,
      ...stringHeaders(result.headers),
    });
    res.end(result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? ''));
    return;
  }
  send(res, 200, result ?? null);
}

function redirect(res: ServerResponse, location: string) {
  res.writeHead(301, { location });
  res.end();
}

function stringHeaders(headers: APIGatewayProxyStructuredResultV2['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name] = String(value);
  return out;
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

const languageOf = (req: IncomingMessage): Language => {
  const header = req.headers['accept-language'];
  return negotiateLanguage(Array.isArray(header) ? header.join(',') : header);
};

/** The gateway's own errors, in the API's error shape and the request's language (functions/http/errors.ts). */
function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  text: Message | string,
  language: Language,
  details: unknown = null,
  headers: Readonly<Record<string, string>> = {},
) {
  const rendered = typeof text === 'string' ? text : render(text, language);
  const result = errorJson(status, { code, message: rendered, details }, language, headers);
  res.writeHead(status, stringHeaders(result.headers));
  res.end(result.body);
}

/** The body, or null once it passes the gateway's limit (the rest is drained, not kept). */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= GATEWAY_BODY_LIMIT) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > GATEWAY_BODY_LIMIT ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The local stack's clock control, for demos and tests of what happens days later (a performance date
 * passing, a period lapsing): `GET /_local/clock` shows it, `POST /_local/clock {"offsetDays": 3}` moves
 * every function's clock forward (or back to 0). It exists only here: API Gateway has no such route, and in
 * AWS nothing sets LOCAL_CLOCK_OFFSET_MS.
 */
export const LOCAL_CLOCK_PATH = '/_local/clock';

async function localClock(req: IncomingMessage, res: ServerResponse, method: string) {
  if (method === 'POST') {
    const body = await readBody(req);
    let offsetDays: unknown;
    try {
      offsetDays = (JSON.parse(body?.toString('utf8') ?? '') as { offsetDays?: unknown }).offsetDays;
    } catch {
      offsetDays = undefined;
    }
    if (typeof offsetDays !== 'number' || !Number.isFinite(offsetDays) || Math.abs(offsetDays) > 3660) {
      return send(res, 400, {
        error: { code: 'VALIDATION_FAILED', message: 'offsetDays: must be a number of days', details: null },
      });
    }
    process.env.LOCAL_CLOCK_OFFSET_MS = String(Math.round(offsetDays * 24 * 60 * 60 * 1000));
  } else if (method !== 'GET') {
    return send(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'GET or POST', details: null } });
  }
  const offsetMs = Number(process.env.LOCAL_CLOCK_OFFSET_MS ?? 0);
  return send(res, 200, { offsetMs, now: new Date(Date.now() + offsetMs).toISOString() });
}
