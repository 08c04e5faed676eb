import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESTINATION_KINDS } from '../../domain/shared/destinations.ts';
import { HANDOFF_QUEUES } from '../../functions/adapters/sqs/queues.ts';
import {
  functionOf,
  handlerModule,
  ROUTES,
  type RouteDefinition,
  routeKey,
} from '../../functions/http/routes.ts';
import { MediatorApi } from '../../infra/cdk/constructs/mediator-api.ts';
import { PROJECT_ROOT } from '../../infra/cdk/paths.ts';
import { resolveStage } from '../../infra/cdk/stage-config.ts';
import { resourcesOf, type Synthesized, synth } from './support/synth.ts';

let s: Synthesized;
let deployed: Map<string, { AuthorizationType: string; Target: unknown }>;

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
    expect(deployedPublic.sort()).toEqual(publicKeys);
  });

  it('every deployed route has a function integration and, unless public, the JWT authorizer', () => {
    expect([...deployed.keys()].sort()).toEqual(ROUTES.map(routeKey).sort());
    for (const route of ROUTES) {
      const r = deployed.get(routeKey(route));
      expect(r?.Target, routeKey(route)).toBeDefined();
      expect(r?.AuthorizationType, routeKey(route)).toBe(route.auth ? 'JWT' : 'NONE');
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
      const usesCursors = imports.has('functions/shared/http-deps.ts');
      const usesCases = usesCursors || imports.has('functions/shared/use-case-deps.ts');
      const usesIdempotency = imports.has('functions/shared/idempotency.ts');
      const usesPartners = imports.has('functions/shared/partners.ts');
      const redrives = imports.has('functions/shared/pipeline.ts') && /redrive/i.test(source);
      const { access } = functionOf(route);
      expect(access.cases).toBe(usesCases ? (route.method === 'POST' ? 'write' : 'read') : undefined);
      expect(access.cursorSecret ?? false).toBe(usesCursors);
      expect(access.idempotency ?? false).toBe(usesIdempotency);
      expect(access.redriveDeadLetters ?? []).toEqual(redrives ? DESTINATION_KINDS : []);
      const usesCalendar = imports.has('functions/shared/calendar-deps.ts');
      expect(access.calendar).toBe(usesCalendar ? (route.method === 'GET' ? 'read' : 'write') : undefined);
      // The partner registry: the directory an action checks names against, the callbacks' secrets.
      expect(access.partnerRegistry ?? false).toBe(usesPartners);
      const putsPosts =
        imports.has('functions/adapters/dynamodb/post-directory.ts') && route.method === 'PUT';
      expect(access.posts).toBe(putsPosts ? 'write' : undefined);
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
          userPool,
          userPoolClient: userPool.addClient('Client'),
          logKey: new kms.Key(stack, 'Key'),
        }),
    ).toThrow(/GET \/open is public .*publicBecause/);
  });
});

describe('the local stack', () => {
  let server: Server;
  let baseUrl: string;
  let served: string[];

  beforeAll(async () => {
    const registryFile = join(await mkdtemp(join(tmpdir(), 'ldm-routes-')), 'partners.json');
    await writeFile(registryFile, JSON.stringify({ partners: [] }));
    // What the local stack sets before it imports the handler modules (infra/local/stack.ts).
    Object.assign(process.env, {
      AWS_REGION: 'ap-southeast-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      TABLE_NAME: 'ldm-test-cases',
      IDEMPOTENCY_TABLE_NAME: 'ldm-test-idempotency',
      CURSOR_SECRET: 'x'.repeat(48),
      PARTNER_REGISTRY_FILE: registryFile,
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
    server = createGateway(routes, 'ap-southeast-1');
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  it('loads the same route set the CDK stack deploys', () => {
    expect([...served].sort()).toEqual([...deployed.keys()].sort());
  });

  it('answers every deployed route: 401 without a token or signature where one is required, 200 for the rest', async () => {
    const sample = { caseId: '00000000-0000-4000-8000-000000000000', handoffId: '0', kind: 'COURT' };
    for (const key of deployed.keys()) {
      const [method, path = ''] = key.split(' ');
      const url = path.replace(/\{(\w+)\}/g, (_, name: keyof typeof sample) => sample[name] ?? 'x');
      const response = await fetch(`${baseUrl}${url}`, { method });
      const signed = key === 'POST /partners/{partnerId}/callbacks';
      const expected = deployed.get(key)?.AuthorizationType === 'JWT' || signed ? 401 : 200;
      expect(response.status, key).toBe(expected);
    }
  });

  it('and does not answer a route that is not in the table', async () => {
    expect((await fetch(`${baseUrl}/cases/x/delete`, { method: 'POST' })).status).toBe(404);
  });
});
