import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { ROUTES, routeKey } from '../../functions/http/routes.ts';
import {
  MediatorApi,
  PARTNER_CALLBACK_ROUTE,
  partnerCallbackRouteKey,
} from '../../infra/cdk/constructs/mediator-api.ts';
import { resolveStage, STAGES, type StageConfig } from '../../infra/cdk/stage-config.ts';
import { type Json, logicalId, resourcesOf } from './support/synth.ts';

/**
 * The partners' front door. Before: the callback routes sat on the mediator API, public, each with a
 * route bucket anyone on the internet could spend (junk to a partner's literal route, or a few requests a
 * second to the shared one, made the real partner's callbacks 429). After, on a stage with a
 * `partnerDoor`: the callbacks are on an API of their own whose execute-api endpoint is disabled and
 * whose only domain requires a client certificate (mutual TLS) — an unauthenticated caller is refused in
 * the TLS handshake, before any bucket — and the mediator API has no callback route left to spend.
 * The API construct alone, in a stack of its own, with a stand-in function per route.
 */

interface Built {
  readonly api: MediatorApi;
  readonly template: Template;
}

function build(stage: StageConfig): Built {
  const stack = new Stack(new App(), 'FrontDoor', { env: { region: stage.region } });
  const code = lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 204 });');
  const functions = new Map<string, lambda.IFunction>(
    ROUTES.map((route, i) => [
      routeKey(route),
      new lambda.Function(stack, `Fn${i}`, {
        runtime: lambda.Runtime.NODEJS_22_X,
        handler: 'index.handler',
        code,
      }),
    ]),
  );
  const api = new MediatorApi(stack, 'MediatorApi', {
    stage,
    routes: ROUTES,
    functions,
    signIn: { issuer: 'https://issuer.example.org', audience: ['client'] },
    logKey: new kms.Key(stack, 'LogKey'),
  });
  return { api, template: Template.fromStack(stack) };
}

const s = { dev: build(resolveStage('dev')), prod: build(resolveStage('prod')) };

const apis = (b: Built) => resourcesOf(b.template, 'AWS::ApiGatewayV2::Api');
const routesOf = (b: Built, apiId: string) =>
  Object.values(resourcesOf(b.template, 'AWS::ApiGatewayV2::Route'))
    .filter((r) => r.Properties.ApiId?.Ref === apiId)
    .map((r) => r.Properties as Json);
const stageOf = (b: Built, apiId: string) =>
  Object.values(resourcesOf(b.template, 'AWS::ApiGatewayV2::Stage')).find(
    (st) => st.Properties.ApiId?.Ref === apiId,
  )?.Properties as Json;
const callbackKeys = (stage: keyof typeof STAGES) => [
  PARTNER_CALLBACK_ROUTE.key,
  ...Object.keys(STAGES[stage].callbacks.partners).map(partnerCallbackRouteKey),
];

describe('without a partner door (dev): the starvation defect, as it stands there', () => {
  it('puts the public callback buckets on the mediator API, reachable by anyone', () => {
    expect(STAGES.dev).not.toHaveProperty('partnerDoor');
    const mediator = logicalId(s.dev.api.httpApi);
    expect(Object.keys(apis(s.dev))).toEqual([mediator]);
    const routes = routesOf(s.dev, mediator);
    for (const key of callbackKeys('dev')) {
      expect(routes.find((r) => r.RouteKey === key)?.AuthorizationType).toBe('NONE');
      expect(stageOf(s.dev, mediator).RouteSettings[key].ThrottlingRateLimit).toBeGreaterThan(0);
    }
    expect(apis(s.dev)[mediator]?.Properties.DisableExecuteApiEndpoint).toBeUndefined();
  });
});

describe('with a partner door (prod): mutual TLS before any bucket', () => {
  it('leaves no callback route on the mediator API', () => {
    const mediator = logicalId(s.prod.api.httpApi);
    const keys = routesOf(s.prod, mediator).map((r) => r.RouteKey);
    expect(keys.length).toBeGreaterThan(10);
    for (const key of callbackKeys('prod')) expect(keys).not.toContain(key);
    expect(Object.keys(stageOf(s.prod, mediator).RouteSettings ?? {})).not.toContain(
      PARTNER_CALLBACK_ROUTE.key,
    );
  });

  it('serves the callbacks on an API of their own, its execute-api endpoint disabled, with the partner limits', () => {
    const door = s.prod.api.partnerDoor;
    if (!door) throw new Error('prod has a partner door');
    const api = logicalId(door.httpApi);
    expect(apis(s.prod)[api]?.Properties.DisableExecuteApiEndpoint).toBe(true);
    expect(
      routesOf(s.prod, api)
        .map((r) => r.RouteKey)
        .sort(),
    ).toEqual(callbackKeys('prod').sort());
    const stage = stageOf(s.prod, api);
    expect(stage.DefaultRouteSettings.ThrottlingRateLimit).toBe(STAGES.prod.callbacks.default.rateLimit);
    for (const [id, limits] of Object.entries(STAGES.prod.callbacks.partners)) {
      expect(stage.RouteSettings[partnerCallbackRouteKey(id)].ThrottlingRateLimit).toBe(limits.rateLimit);
    }
  });

  it('maps it to the partners domain only, with mutual TLS against the truststore bucket', () => {
    const door = s.prod.api.partnerDoor;
    if (!door) throw new Error('prod has a partner door');
    const domains = Object.values(resourcesOf(s.prod.template, 'AWS::ApiGatewayV2::DomainName'));
    expect(domains).toHaveLength(1);
    const domain = domains[0]?.Properties as Json;
    expect(domain.DomainName).toBe(STAGES.prod.partnerDoor.domainName);
    expect(domain.DomainNameConfigurations[0].SecurityPolicy).toBe('TLS_1_2');
    expect(domain.DomainNameConfigurations[0].CertificateArn).toBe(STAGES.prod.partnerDoor.certificateArn);
    const truststoreUri = JSON.stringify(domain.MutualTlsAuthentication.TruststoreUri);
    expect(truststoreUri).toContain(logicalId(door.truststore));
    expect(truststoreUri).toContain('partners/truststore.pem');
    const mappings = Object.values(resourcesOf(s.prod.template, 'AWS::ApiGatewayV2::ApiMapping'));
    expect(mappings.map((m) => m.Properties.ApiId.Ref)).toEqual([logicalId(door.httpApi)]);
    const bucket = resourcesOf(s.prod.template, 'AWS::S3::Bucket')[logicalId(door.truststore)];
    expect(bucket?.Properties.VersioningConfiguration.Status).toBe('Enabled');
    expect(bucket?.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket?.DeletionPolicy).toBe('Retain');
  });
});
