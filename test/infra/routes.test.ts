import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, posix } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESTINATION_KINDS } from '../../domain/shared/destinations.ts';
import { LocalSigner } from '../../functions/adapters/audit/signer.ts';
import { HANDOFF_QUEUES } from '../../functions/adapters/sqs/queues.ts';
import {
  functionOf,
  handlerModule,
  ROUTES,
  type RouteDefinition,
  routeKey,
} from '../../functions/http/routes.ts';
import {
  MediatorApi,
  PARTNER_CALLBACK_ROUTE,
  partnerCallbackRouteKey,
} from '../../infra/cdk/constructs/mediator-api.ts';
import { PROJECT_ROOT } from '../../infra/cdk/paths.ts';
import { resolveStage } from '../../infra/cdk/stage-config.ts';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../infra/local/dynamodb-local.ts';
import { lambdaContext } from '../../infra/local/lambda-context.ts';
import { seedPartnerTable } from '../../infra/local/partner-table.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/ports.ts';
import { TEST_PARTNER_SECRET } from '../support/partner-callbacks.ts';
import { resourcesOf, type Synthesized, synth } from './support/synth.ts';

let s: Synthesized;
let deployed: Map<string, { AuthorizationType: string; Target: unknown }>;

/**
 * The routes deployed beyond the catalogue's: a literal callback route per partner the stage throttles on
 * its own (stage config `callbacks.partners`), served by the callback route's function.
 */
const PER_PARTNER_ROUTES = Object.keys(resolveStage('dev').callbacks.partners).map(partnerCallbackRouteKey);
const EXPECTED_ROUTES = [...ROUTES.map(routeKey), ...PER_PARTNER_ROUTES];

beforeAll(() => {
  s = synth('dev');
  deployed = new Map(
    Object.values(resourcesOf(s.statelessTemplate, 'AWS::ApiGatewayV2::Route')).map((r) => [
      r.Properties.RouteKey as string,
      r.Properties,
    ]),
  );
});
afterAll(() => s?.cleanup());

describe('the route table', () => {
  it('every route has a handler module, an access entry, and (if public) a reason', () => {
    for (const route of ROUTES) {
      expect(existsSync(join(PROJECT_ROOT, handlerModule(route))), handlerModule(route)).toBe(true);
      expect(functionOf(route).entry, route.handler).toBe(handlerModule(route));
      expect(functionOf(route).access, route.handler).toBeDefined();
      if (!route.auth) expect(route.publicBecause?.trim(), routeKey(route)).toBeTruthy();
    }
  });

  it('the public routes are exactly the ones marked auth: false (health, the API description, partner callbacks)', () => {
    const publicKeys = ROUTES.filter((r) => !r.auth).map(routeKey);
    expect(publicKeys.sort()).toEqual(
      ['GET /health', 'GET /openapi.json', 'GET /docs', 'POST /partners/{partnerId}/callbacks'].sort(),
    );
    const deployedPublic = [...deployed]
      .filter(([, r]) => r.AuthorizationType === 'NONE')
      .map(([key]) => key);
    // The per-partner copies of the callback route are public like it: the signature is the check.
    expect(deployedPublic.sort()).toEqual([...publicKeys, ...PER_PARTNER_ROUTES].sort());
  });

  it('every deployed route has a function integration and, unless public, the JWT authorizer', () => {
    expect([...deployed.keys()].sort()).toEqual([...EXPECTED_ROUTES].sort());
    for (const route of ROUTES) {
      const r = deployed.get(routeKey(route));
      expect(r?.Target, routeKey(route)).toBeDefined();
      expect(r?.AuthorizationType, routeKey(route)).toBe(route.auth ? 'JWT' : 'NONE');
    }
  });

  it('deploys the catalogue’s routes and, beyond them, only the per-partner callback routes of the stage config', () => {
    expect(PER_PARTNER_ROUTES.length).toBeGreaterThan(0);
    const extras = [...deployed.keys()].filter((key) => !ROUTES.some((r) => routeKey(r) === key));
    expect(extras.sort()).toEqual([...PER_PARTNER_ROUTES].sort());
    const generic = deployed.get(PARTNER_CALLBACK_ROUTE.key);
    for (const key of PER_PARTNER_ROUTES) {
      expect(key).toMatch(/^POST \/partners\/[A-Za-z0-9][A-Za-z0-9_-]*\/callbacks$/);
      expect(deployed.get(key)?.Target, key).toEqual(generic?.Target);
    }
  });

  it.each(ROUTES.map((r) => [r.handler, r] as const))(
    'access for %s matches what its code imports',
    (_, route) => {
      // A drift guard: the catalogue's access was written by reading the handlers; this re-reads them.
      const module = handlerModule(route);
      const source = readFileSync(join(PROJECT_ROOT, module), 'utf8');
      // Imports as paths from the repository root, wherever the handler lives (http/handlers, callbacks).
      const imports = new Set(
        [...source.matchAll(/^import\s[^;]*?from\s*'([^']+)'/gms)].map((m) =>
          posix.join(posix.dirname(module), m[1] as string),
        ),
      );
      // The reminder routes reach the cases table through their own composition root; the list pages.
      const usesReminders = imports.has('functions/shared/reminders.ts');
      // So do the consultation routes (functions/shared/consultations.ts), whose repository pages with cursors.
      const usesConsultations = imports.has('functions/shared/consultations.ts');
      // The warning routes (functions/shared/warnings.ts) page their lists and sign their cursors, but
      // the admin's loads (PUT) only write; the duplicate routes page the post's review queue (a partner's
      // callback reaches the same root to mark the cases it opens, and pages nothing).
      const usesWarnings =
        imports.has('functions/shared/warnings.ts') || imports.has('functions/shared/warning-reports.ts');
      const usesDuplicates = imports.has('functions/shared/duplicates-deps.ts') && route.auth;
      const usesCursors =
        imports.has('functions/shared/http-deps.ts') ||
        (usesReminders && route.method === 'GET') ||
        usesConsultations ||
        // (a bureau's signal reaches the same root through the public callback route, and pages nothing)
        (usesWarnings && route.method !== 'PUT' && route.auth) ||
        usesDuplicates;
      // A reveal reads the sealed values and counts the person's reveals of the day (a write).
      const reveals = imports.has('functions/shared/reveal-deps.ts');
      const usesCases =
        usesCursors ||
        usesReminders ||
        usesWarnings ||
        reveals ||
        imports.has('functions/shared/use-case-deps.ts');
      const usesIdempotency = imports.has('functions/shared/idempotency.ts');
      // The store itself serves both: the handler that lists partners calls the listing use case.
      const listsPartners = imports.has('functions/shared/partner-store.ts') && /listPartners\(/.test(source);
      const usesPartners =
        imports.has('functions/shared/partner-store.ts') || imports.has('functions/shared/partners.ts');
      const redrives = imports.has('functions/shared/pipeline.ts') && /redrive/i.test(source);
      const { access } = functionOf(route);
      // Writes: every POST, and a calendar load, which recomputes the provisional clocks of its year.
      const writesCases =
        route.method === 'POST' ||
        /recomputeClocks\(/.test(source) ||
        (usesWarnings && route.method === 'PUT');
      // A district's post is checked against the directory, not written to it (PUT /districts/{district}).
      const putsPosts =
        imports.has('functions/adapters/dynamodb/post-directory.ts') &&
        route.method === 'PUT' &&
        !usesWarnings;
      // The posts listing reads the post directory's partition alone, never a case.
      const listsPosts =
        imports.has('functions/adapters/dynamodb/post-directory.ts') && route.method === 'GET';
      // A partner's callback and a reminder's acknowledgement write the items of cases only.
      const writesCaseItemsOnly = ['partner-callback', 'ack-reminder'].includes(route.handler);
      expect(access.cases).toBe(
        usesCases && !listsPosts
          ? writesCases
            ? writesCaseItemsOnly
              ? 'case-items'
              : 'write'
            : 'read'
          : undefined,
      );
      expect(access.cursorSecret ?? false).toBe(usesCursors);
      expect(access.idempotency ?? false).toBe(usesIdempotency);
      expect(access.redriveDeadLetters ?? []).toEqual(redrives ? DESTINATION_KINDS : []);
      const usesCalendar = imports.has('functions/shared/calendar-deps.ts');
      expect(access.calendar).toBe(usesCalendar ? (route.method === 'GET' ? 'read' : 'write') : undefined);
      // The partner table: one partner with its secrets (the callbacks verify with them), or the listing
      // index alone, for the route that lists them and for the directory an action checks names against.
      const findsPartners = imports.has('functions/shared/partner-store.ts') && !listsPartners;
      expect(access.partners).toBe(findsPartners ? 'find' : usesPartners ? 'list' : undefined);
      expect(access.posts).toBe(putsPosts ? 'write' : listsPosts ? 'read' : undefined);
      // No HTTP handler reads the stream, drains a queue or publishes handoffs.
      expect(access.caseStream).toBeUndefined();
      expect(access.consumeHandoffs).toBeUndefined();
      expect(access.sendHandoffs).toBeUndefined();
    },
  );

  it.each([
    ['no reason', undefined],
    ['a blank reason', '   '],
  ])('stops synth for a public route with %s', (_, publicBecause) => {
    const stack = new Stack(new App(), 'PublicRoute');
    const userPool = new cognito.UserPool(stack, 'Pool');
    const fn = new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('export const handler = async () => ({});'),
    });
    const route: RouteDefinition = {
      method: 'GET',
      path: '/open',
      handler: 'open',
      name: 'http-open',
      entry: 'functions/http/handlers/open.ts',
      auth: false,
      summary: 'a route nobody explained',
      ...(publicBecause === undefined ? {} : { publicBecause }),
    };
    expect(
      () =>
        new MediatorApi(stack, 'Api', {
          stage: resolveStage('dev'),
          routes: [route],
          functions: new Map([[routeKey(route), fn]]),
          signIn: { issuer: 'https://id.example.org', audience: ['app'], userPool },
          logKey: new kms.Key(stack, 'Key'),
        }),
    ).toThrow(/GET \/open is public .*publicBecause/);
  });
});

describe('per-partner callback routes, on the construct alone', () => {
  const build = (
    partners: Record<string, { rateLimit: number; burstLimit: number }>,
    withCallback = true,
  ) => {
    const stack = new Stack(new App(), 'Callbacks');
    const userPool = new cognito.UserPool(stack, 'Pool');
    const fn = new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('export const handler = async () => ({});'),
    });
    const callback = ROUTES.find((r) => routeKey(r) === PARTNER_CALLBACK_ROUTE.key) as RouteDefinition;
    const health = ROUTES.find((r) => routeKey(r) === 'GET /health') as RouteDefinition;
    const routes = withCallback ? [callback, health] : [health];
    const stage = resolveStage('dev');
    new MediatorApi(stack, 'Api', {
      stage: { ...stage, callbacks: { ...stage.callbacks, partners } },
      routes,
      functions: new Map(routes.map((r) => [routeKey(r), fn])),
      signIn: { issuer: 'https://id.example.org', audience: ['app'], userPool },
      logKey: new kms.Key(stack, 'Key'),
    });
    return Template.fromStack(stack);
  };

  it('with no partner listed: the generic route alone, at the default limits', () => {
    const template = build({});
    const keys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties.RouteKey,
    );
    expect(keys.sort()).toEqual(['GET /health', PARTNER_CALLBACK_ROUTE.key]);
    const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));
    const { rateLimit, burstLimit } = resolveStage('dev').callbacks.default;
    const health = resolveStage('dev').routes.public;
    expect(stage?.Properties.RouteSettings).toEqual({
      [PARTNER_CALLBACK_ROUTE.key]: {
        ThrottlingRateLimit: rateLimit,
        ThrottlingBurstLimit: burstLimit,
        DetailedMetricsEnabled: true,
      },
      // A public route of its own kind: the stage's `routes.public` bucket.
      'GET /health': {
        ThrottlingRateLimit: health.rateLimit,
        ThrottlingBurstLimit: health.burstLimit,
        DetailedMetricsEnabled: true,
      },
    });
  });

  it('a partner listed gets its own route and limits', () => {
    const template = build({ 'jn-court_2': { rateLimit: 3, burstLimit: 4 } });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'POST /partners/jn-court_2/callbacks',
      AuthorizationType: 'NONE',
    });
    const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));
    expect(stage?.Properties.RouteSettings['POST /partners/jn-court_2/callbacks']).toMatchObject({
      ThrottlingRateLimit: 3,
      ThrottlingBurstLimit: 4,
    });
  });

  it('stops synth when the stage lists partners but the route table has no callback route', () => {
    expect(() => build({ 'qd-court': { rateLimit: 1, burstLimit: 1 } }, false)).toThrow(
      /throttles callbacks per partner but no route is POST \/partners\/\{partnerId\}\/callbacks/,
    );
    expect(() => build({}, false)).not.toThrow();
  });
});

describe('the local stack', () => {
  let server: Server;
  let baseUrl: string;
  let served: string[];
  let callbackHandler: (event: unknown, context: unknown) => Promise<unknown>;
  let dynamo: DynamoDbLocal | undefined;

  beforeAll(async () => {
    // The callbacks read their partner's secrets from the partner table, in DynamoDB Local.
    dynamo = await startDynamoDbLocal();
    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    const court = {
      kind: 'COURT',
      id: 'qd-shinan-court',
      name: 'A court',
      endpoint: 'https://court.example.org/webhooks',
      // The callbacks below are signed with the inbound secret; the outbound one signs webhooks only.
      secrets: [`whsec_${Buffer.from('outbound: signs webhooks to the court').toString('base64')}`],
      callbackSecrets: [TEST_PARTNER_SECRET],
    };
    await seedPartnerTable(client, 'ldm-test-partners', { partners: [court] });
    client.destroy();
    // What the local stack sets before it imports the handler modules (infra/local/stack.ts).
    Object.assign(process.env, {
      AWS_REGION: 'ap-southeast-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      TABLE_NAME: 'ldm-test-cases',
      IDEMPOTENCY_TABLE_NAME: 'ldm-test-idempotency',
      CURSOR_SECRET: 'x'.repeat(48),
      PARTNER_TABLE_NAME: 'ldm-test-partners',
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      WARNING_TOPIC_ARN: 'arn:aws:sns:ap-southeast-1:000000000000:ldm-test-warnings',
      // Locally no KMS: the per-run stand-ins of the keys, and the checkpoints in the emulator's S3.
      SEALING_LOCAL_KEY: randomBytes(32).toString('base64'),
      DUPLICATE_LOCAL_KEY: randomBytes(32).toString('base64'),
      CHECKPOINT_BUCKET: 'ldm-test-checkpoints',
      S3_ENDPOINT: 'http://127.0.0.1:1',
      CHECKPOINT_LOCAL_KEY: new LocalSigner('local-checkpoint-key').privateKeyPem,
      HANDOFF_QUEUES: JSON.stringify(
        Object.fromEntries(
          Object.keys(HANDOFF_QUEUES).map((k) => [
            k,
            { queueUrl: `http://127.0.0.1:1/${k}`, deadLetterUrl: `http://127.0.0.1:1/${k}-dlq` },
          ]),
        ),
      ),
    });
    const { createGateway, loadRoutes } = await import('../../infra/local/gateway.ts');
    const routes = await loadRoutes(PROJECT_ROOT);
    served = routes.map((r) => routeKey(r.route));
    const callback = routes.find((r) => routeKey(r.route) === PARTNER_CALLBACK_ROUTE.key);
    callbackHandler = callback?.handler as typeof callbackHandler;
    server = createGateway(routes, 'ap-southeast-1');
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await dynamo?.stop();
  });

  it('loads the same route set the CDK stack deploys, but for the per-partner copies of the callback route', () => {
    // Locally nothing is throttled: each partner's calls take the `{partnerId}` route.
    expect([...served, ...PER_PARTNER_ROUTES].sort()).toEqual([...deployed.keys()].sort());
  });

  it('answers every deployed route: 401 without a token or signature where one is required, 200 for the rest', async () => {
    const sample = { caseId: '00000000-0000-4000-8000-000000000000', handoffId: '0', kind: 'COURT' };
    for (const key of deployed.keys()) {
      const [method, path = ''] = key.split(' ');
      const url = path.replace(/\{(\w+)\}/g, (_, name: keyof typeof sample) => sample[name] ?? 'x');
      const response = await fetch(`${baseUrl}${url}`, { method });
      const signed = key === PARTNER_CALLBACK_ROUTE.key || PER_PARTNER_ROUTES.includes(key);
      const expected = deployed.get(key)?.AuthorizationType === 'JWT' || signed ? 401 : 200;
      expect(response.status, key).toBe(expected);
    }
  });

  it('the callback function takes the partner id from a per-partner route’s key, as API Gateway sends it', async () => {
    // On a literal route API Gateway sends no path parameters; the route key names the partner.
    const invoke = async (key: string, secret: string) => {
      const webhookId = `msg_${randomUUID()}`;
      const now = new Date();
      const event = {
        version: '2.0',
        routeKey: key,
        rawPath: key.split(' ')[1],
        rawQueryString: '',
        headers: {
          'content-type': 'application/json',
          'webhook-id': webhookId,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': new Webhook(secret).sign(webhookId, now, ''),
        },
        requestContext: { http: { method: 'POST', path: key.split(' ')[1] }, routeKey: key },
        isBase64Encoded: false,
      };
      const context = lambdaContext('http-partner-callback', 10_000, 'ap-southeast-1');
      return ((await callbackHandler(event, context)) as { statusCode: number }).statusCode;
    };
    const other = `whsec_${Buffer.from('another partner secret, not the court!').toString('base64')}`;
    // Verified as the court, then the empty body is refused: a 400, not the 401 of an unknown partner.
    expect(await invoke(partnerCallbackRouteKey('qd-shinan-court'), TEST_PARTNER_SECRET)).toBe(400);
    expect(await invoke(partnerCallbackRouteKey('qd-shinan-court'), other)).toBe(401);
    // The court's signature on another partner's route proves nothing.
    expect(await invoke(partnerCallbackRouteKey('qd-arbitration'), TEST_PARTNER_SECRET)).toBe(401);
    expect(await invoke('POST /partners/{partnerId}/callbacks', TEST_PARTNER_SECRET)).toBe(401);
  });

  it('and does not answer a route that is not in the table', async () => {
    expect((await fetch(`${baseUrl}/cases/x/delete`, { method: 'POST' })).status).toBe(404);
  });
});
