import * as z from 'zod';
import {
  createDocument,
  type oas31,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponsesObject,
} from 'zod-openapi';
import { type FunctionEntry, HTTP_FUNCTIONS } from '../../catalogue.ts';
import {
  ERROR_EXAMPLES,
  ERROR_EXAMPLES_ZH,
  type Example,
  PATH_EXAMPLES,
  ROUTE_EXAMPLES,
  type RouteExamples,
} from './examples.ts';
import { INFO, SERVERS } from './info.ts';
import { ERRORS, type ErrorStatus, ROUTE_DOCS, type RouteDoc } from './route-docs.ts';
import { ApiError, GatewayError, IdempotencyKey } from './schemas.ts';

/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the function catalogue (each route's method,
 * path, summary, handler and whether it is public: functions/catalogue.ts through routes.ts) and from the
 * zod schemas the handlers validate with (route-docs.ts). Served by `GET /openapi.json`; no other function
 * imports this module, so the generator stays out of their bundles.
 */

/** Servers and info live in info.ts; re-exported for the document's readers. */
export { LICENSE, SERVERS } from './info.ts';

/** The security scheme of the routes behind the JWT authorizer. */
export const BEARER = 'bearerJwt';
/** Standard Webhooks: the three headers a partner signs a callback with, all required together. */
export const WEBHOOK_SCHEMES = {
  webhookId: ['webhook-id', 'the message id; a repeated id is a duplicate'],
  webhookTimestamp: ['webhook-timestamp', 'seconds since the epoch; one too far from now is refused'],
  webhookSignature: [
    'webhook-signature',
    '`v1,<base64 HMAC-SHA256 of "id.timestamp.body">` with a secret of the partner',
  ],
} as const;

/** API Gateway's own answer when a route's throttle is exceeded (stage config `throttling`, `routes`). */
export const THROTTLED = 429;

/** An HTTP function of the catalogue, as the document reads it. */
type Route = FunctionEntry & { readonly trigger: Extract<FunctionEntry['trigger'], { kind: 'http' }> };

const keyOf = (route: Route) => `${route.trigger.method} ${route.trigger.path}`;
const isPublic = (route: Route) => route.trigger.publicBecause !== undefined;
const camel = (kebab: string) => kebab.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
/** Routes are grouped by their first path segment: cases, handoffs, partners, … */
const tagOf = (route: Route) => route.trigger.path.split('/')[1]?.replace(/\..*$/, '') || 'api';
/** Idempotency-Key on the routes that keep its receipts; partners' callbacks use their webhook-id instead. */
const takesIdempotencyKey = (route: Route, doc: RouteDoc) =>
  route.access.idempotency === true && !doc.webhook;
const errorRef = (status: ErrorStatus | 500 | typeof THROTTLED) => ({
  $ref: `#/components/responses/${status}`,
});
/** OpenAPI's named examples from ours. */
const examplesOf = (named: Readonly<Record<string, Example>>) =>
  Object.fromEntries(Object.entries(named).map(([name, { summary, value }]) => [name, { summary, value }]));
const paragraphs = (...parts: (string | undefined)[]) => parts.filter(Boolean).join('\n\n') || undefined;

function errorsOf(route: Route, doc: RouteDoc): ErrorStatus[] {
  const statuses = new Set<ErrorStatus>(doc.errors ?? []);
  const idempotent = takesIdempotencyKey(route, doc);
  if (doc.path || doc.query || doc.headers || doc.body || idempotent) statuses.add(400);
  const add = (...more: ErrorStatus[]) => {
    for (const status of more) statuses.add(status);
  };
  if (!isPublic(route)) add(401, 403);
  if (doc.webhook) add(401);
  if (doc.body) add(413, 415);
  if (idempotent) add(422);
  return [...statuses].sort();
}

function securityOf(route: Route, doc: RouteDoc | undefined): oas31.SecurityRequirementObject[] {
  if (doc?.webhook) return [Object.fromEntries(Object.keys(WEBHOOK_SCHEMES).map((name) => [name, []]))];
  return isPublic(route) ? [] : [{ [BEARER]: [] }];
}

function operationOf(
  route: Route,
  doc: RouteDoc | undefined,
  examples: RouteExamples = {},
): ZodOpenApiOperationObject {
  const common = {
    operationId: camel(route.name.replace(/^http-/, '')),
    summary: route.trigger.summary,
    tags: [tagOf(route)],
    security: securityOf(route, doc),
  };
  const publicNote = isPublic(route) ? `Public: ${route.trigger.publicBecause}` : undefined;
  if (!doc) {
    // Listed with what the catalogue knows until someone documents it; test/unit/openapi.test.ts fails.
    const names = [...route.trigger.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
    return {
      ...common,
      description: paragraphs('Not documented yet (functions/http/openapi/route-docs.ts).', publicNote),
      ...(names.length > 0
        ? { requestParams: { path: z.object(Object.fromEntries(names.map((n) => [n, z.string()]))) } }
        : {}),
      responses: {
        default: { description: 'An answer', content: { 'application/json': { schema: ApiError } } },
      },
    };
  }
  const headers = {
    ...doc.headers?.shape,
    ...(takesIdempotencyKey(route, doc) ? { 'Idempotency-Key': IdempotencyKey } : {}),
  };
  const { success } = doc;
  const responses: ZodOpenApiResponsesObject = {
    [`${success.status}`]: {
      description: success.description,
      ...(success.headers ? { headers: success.headers } : {}),
      ...(success.content
        ? {
            content: Object.fromEntries(
              Object.entries(success.content).map(([type, schema]) => [
                type,
                type === 'application/json' && examples.success !== undefined
                  ? { schema, example: examples.success }
                  : { schema },
              ]),
            ),
          }
        : {}),
    },
  };
  for (const status of errorsOf(route, doc)) responses[`${status}`] = errorRef(status);
  responses[`${THROTTLED}`] = errorRef(THROTTLED);
  responses['500'] = errorRef(500);
  const description = paragraphs(doc.description, publicNote);
  return {
    ...common,
    ...(description ? { description } : {}),
    requestParams: {
      ...(doc.path ? { path: doc.path } : {}),
      ...(doc.query ? { query: doc.query } : {}),
      ...(Object.keys(headers).length > 0 ? { header: z.object(headers) } : {}),
    },
    ...(doc.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: doc.body,
                ...(examples.body ? { examples: examplesOf(examples.body) } : {}),
              },
            },
          },
        }
      : {}),
    responses,
  };
}

/** The catalogue's routes (`METHOD /path`) without an entry in ROUTE_DOCS. */
export const undocumentedRoutes = (routes: readonly Route[] = HTTP_FUNCTIONS): string[] =>
  routes.map(keyOf).filter((key) => !Object.hasOwn(ROUTE_DOCS, key));

/** The document for the given HTTP functions (the catalogue's by default). */
export function openApiDocument(routes: readonly Route[] = HTTP_FUNCTIONS): oas31.OpenAPIObject {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const item = paths[route.trigger.path] ?? {};
    paths[route.trigger.path] = item;
    const method = route.trigger.method.toLowerCase() as 'get' | 'post' | 'put';
    item[method] = operationOf(route, ROUTE_DOCS[keyOf(route)], ROUTE_EXAMPLES[keyOf(route)]);
  }
  const errorResponses = {
    ...ERRORS,
    500: 'Internal error; it says nothing about internals',
  };
  const document = createDocument({
    openapi: '3.1.0',
    info: INFO,
    servers: SERVERS,
    paths,
    components: {
      securitySchemes: {
        [BEARER]: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A JWT with the claims sub, role (mediator, supervisor, admin) and postId',
        },
        ...Object.fromEntries(
          Object.entries(WEBHOOK_SCHEMES).map(([id, [name, description]]) => [
            id,
            {
              type: 'apiKey' as const,
              in: 'header' as const,
              name,
              description: `Standard Webhooks: ${description}`,
            },
          ]),
        ),
      },
      responses: {
        ...Object.fromEntries(
          Object.entries(errorResponses).map(([status, description]) => [
            status,
            {
              description,
              content: {
                'application/json': {
                  schema: ApiError,
                  ...errorExamples(Number(status) as ErrorStatus | 500),
                },
              },
            },
          ]),
        ),
        [THROTTLED]: {
          description: "Over the route's rate limit: API Gateway's own answer, not the API's error shape",
          content: {
            'application/json': { schema: GatewayError, example: { message: 'Too Many Requests' } },
          },
        },
      },
    },
  }) as oas31.OpenAPIObject;
  withPathExamples(document);
  return document;
}

/** An error status's example, in English and Chinese where the reference shows both (Accept-Language). */
function errorExamples(status: ErrorStatus | 500) {
  const chinese = status === 500 ? undefined : ERROR_EXAMPLES_ZH[status];
  if (chinese === undefined) return { example: ERROR_EXAMPLES[status] };
  return {
    examples: {
      en: { summary: 'Accept-Language: en (the default)', value: ERROR_EXAMPLES[status] },
      'zh-CN': { summary: 'Accept-Language: zh-CN', value: chinese },
    },
  };
}

/** Each path parameter gets the example id of its name (examples.ts), so no reference shows `string`. */
function withPathExamples(document: oas31.OpenAPIObject): void {
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item as Record<string, oas31.OperationObject>)) {
      for (const parameter of (operation.parameters ?? []) as oas31.ParameterObject[]) {
        const example = PATH_EXAMPLES[parameter.name];
        if (parameter.in === 'path' && example !== undefined) parameter.example ??= example;
      }
    }
  }
}
