import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { functionOf, ROUTES, routeKey } from '../../functions/http/routes.ts';
import { ORIGIN_HEADER, ORIGIN_VARIABLE } from '../../functions/shared/constants.ts';
import { FIREWALL_REGION } from '../../infra/cdk/api-firewall-stack.ts';
import { RATE_RULES, tooManyRequestsBody } from '../../infra/cdk/constructs/api-firewall.ts';
import { PARTNER_CALLBACK_ROUTE } from '../../infra/cdk/constructs/mediator-api.ts';
import { parseStageConfig, resolveStage, STAGES } from '../../infra/cdk/stage-config.ts';
import { devStage } from './support/dev-stage.ts';
import { functionNamed, type Json, logicalId, resourcesOf } from './support/synth.ts';

/**
 * Issue 22, per-caller limits for the mediator routes. Before: HTTP APIs throttle per route, so one token
 * (or one address without a token) could spend a route's bucket for every post. After, on a stage with an
 * `apiFront`: a CloudFront distribution with a WAF web ACL (us-east-1) whose rate rules count each client
 * IP and each bearer token on their own and answer 429 in JSON; CloudFront adds a secret origin header,
 * and every function behind a mediator route refuses a request without it.
 */

const single = (template: Template, type: string): Json => {
  const all = Object.values(resourcesOf(template, type));
  expect(all, type).toHaveLength(1);
  return all[0]?.Properties;
};
const findings = (report: ReturnType<AwsSolutionsChecks['validateScope']>) =>
  report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`));

describe.each(['dev', 'prod'] as const)('per-caller limits on %s', (stageName) => {
  const built = devStage(stageName);
  let acl: Json;
  let distribution: Json;
  const front = resolveStage(stageName).apiFront;
  beforeAll(() => {
    if (!built.s.apiFirewall) throw new Error(`${stageName} has no firewall stack`);
    acl = single(Template.fromStack(built.s.apiFirewall), 'AWS::WAFv2::WebACL');
    distribution = single(built.s.statelessTemplate, 'AWS::CloudFront::Distribution').DistributionConfig;
  });

  it('keeps the web ACL in a stack of its own in us-east-1, scope CLOUDFRONT', () => {
    expect(front).toBeDefined();
    expect(built.s.apiFirewall?.region).toBe(FIREWALL_REGION);
    expect(built.s.stateless.region).toBe(STAGES[stageName].region);
    expect(acl).toMatchObject({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
  });

  it('limits each client IP and each bearer token with the stage’s numbers, answering 429 in JSON', () => {
    const rule = (name: string) => (acl.Rules as Json[]).find((r) => r.Name === name);
    expect(rule(RATE_RULES.perIp).Statement.RateBasedStatement).toEqual({
      AggregateKeyType: 'IP',
      Limit: front?.perIp,
      EvaluationWindowSec: front?.windowSeconds,
    });
    expect(rule(RATE_RULES.perToken).Statement.RateBasedStatement).toEqual({
      AggregateKeyType: 'CUSTOM_KEYS',
      CustomKeys: [
        { Header: { Name: 'authorization', TextTransformations: [{ Priority: 0, Type: 'NONE' }] } },
      ],
      Limit: front?.perToken,
      EvaluationWindowSec: front?.windowSeconds,
    });
    for (const name of Object.values(RATE_RULES)) {
      const response = rule(name).Action.Block.CustomResponse;
      expect(response).toMatchObject({ ResponseCode: 429, CustomResponseBodyKey: name });
      expect(response.ResponseHeaders).toContainEqual({
        Name: 'retry-after',
        Value: String(front?.windowSeconds),
      });
      const body = acl.CustomResponseBodies[name];
      expect(body.ContentType).toBe('APPLICATION_JSON');
      const parsed = JSON.parse(body.Content);
      expect(parsed.error).toMatchObject({ code: 'TOO_MANY_REQUESTS', details: { limit: name } });
      expect(parsed.error.details.messages['zh-CN']).toMatch(/请求过多/);
      // WAF keeps a response body to 4 KB.
      expect(Buffer.byteLength(body.Content)).toBeLessThan(4096);
    }
  });

  it('puts AWS’s common rule set after the rate rules, the 8 KB body rule only counting (bodies go to 64 KB)', () => {
    const common = (acl.Rules as Json[]).find((r) => r.Name === 'aws-common');
    expect(common.Priority).toBeGreaterThan(1);
    expect(common.Statement.ManagedRuleGroupStatement).toMatchObject({
      VendorName: 'AWS',
      Name: 'AWSManagedRulesCommonRuleSet',
      RuleActionOverrides: [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }],
    });
  });

  it('attaches the web ACL to a distribution in front of the API, by the ARN read across regions', () => {
    const firewall = built.s.apiFirewall;
    if (!firewall) throw new Error('no firewall');
    const aclId = firewall.getLogicalId(firewall.firewall.webAcl);
    expect(JSON.stringify(distribution.WebACLId)).toContain('Fn::GetStackOutput');
    expect(JSON.stringify(distribution.WebACLId)).toContain(FIREWALL_REGION);
    expect(JSON.stringify(Template.fromStack(firewall).toJSON().Outputs)).toContain(aclId);
  });

  it('forwards everything but Host to the API over TLS 1.2, caches nothing, adds the origin header', () => {
    const behavior = distribution.DefaultCacheBehavior;
    expect(behavior.AllowedMethods).toEqual(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']);
    expect(behavior.ViewerProtocolPolicy).toBe('https-only');
    expect(behavior.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // CachingDisabled
    expect(behavior.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac'); // AllViewerExceptHostHeader
    const [origin] = distribution.Origins as Json[];
    expect(JSON.stringify(origin.DomainName)).toContain(logicalId(built.s.stateless.api.httpApi));
    expect(JSON.stringify(origin.DomainName)).toContain('.execute-api.');
    expect(origin.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    const header = (origin.OriginCustomHeaders as Json[]).find((h) => h.HeaderName === ORIGIN_HEADER);
    // A dynamic reference to the stage's generated secret: its value is in no template.
    expect(JSON.stringify(header.HeaderValue)).toContain('{{resolve:secretsmanager:');
  });

  it('gives every function behind a mediator route the same secret, and none to the partners’ door', () => {
    const secret = single(built.s.statelessTemplate, 'AWS::SecretsManager::Secret');
    expect(secret.GenerateSecretString).toMatchObject({ PasswordLength: 48, ExcludePunctuation: true });
    const doorKeys = new Set(
      resolveStage(stageName).partnerDoor ? [PARTNER_CALLBACK_ROUTE.key] : ([] as string[]),
    );
    const names = new Set(ROUTES.filter((r) => !doorKeys.has(routeKey(r))).map((r) => functionOf(r).name));
    expect(names.size).toBeGreaterThan(20);
    for (const name of names) {
      const env = functionNamed(built.s.statelessTemplate, `ldm-${stageName}-${name}`).props.Environment
        .Variables;
      expect(JSON.stringify(env[ORIGIN_VARIABLE]), name).toContain('{{resolve:secretsmanager:');
    }
    for (const key of doorKeys) {
      const route = ROUTES.find((r) => routeKey(r) === key);
      const name = route && functionOf(route).name;
      const env = functionNamed(built.s.statelessTemplate, `ldm-${stageName}-${name}`).props.Environment
        .Variables;
      expect(env[ORIGIN_VARIABLE], 'the callback function on the mutual-TLS door').toBeUndefined();
    }
  });

  it('publishes the distribution as the API’s URL, to the outputs and the dashboard', () => {
    const output = built.s.stateless.api.url;
    expect(output).toMatch(/^https:\/\//);
    expect(built.s.stateless.api.front).toBeDefined();
    const config = JSON.stringify(built.s.dashboard ? Template.fromStack(built.s.dashboard).toJSON() : {});
    expect(config).not.toContain('execute-api');
  });

  it('passes cdk-nag on the firewall stack', () => {
    const firewall = built.s.apiFirewall;
    if (!firewall) throw new Error('no firewall');
    expect(findings(new AwsSolutionsChecks().validateScope(firewall))).toEqual([]);
  });
});

describe('stages without per-caller limits', () => {
  it('keeps cn without them: WAF is regional only in the China regions', () => {
    expect(STAGES.cn).not.toHaveProperty('apiFront');
    expect(() =>
      parseStageConfig({ ...STAGES.cn, apiFront: { perIp: 1000, perToken: 300 } }, 'cn with a front'),
    ).toThrow(/apiFront: is not available in aws-cn/);
  });

  it('refuses a window WAF does not offer, a limit under 10, and a token allowed more than its address', () => {
    const withFront = (apiFront: Json) => () => parseStageConfig({ ...STAGES.dev, apiFront });
    expect(withFront({ perIp: 1000, perToken: 300, windowSeconds: 30 })).toThrow(/apiFront.windowSeconds/);
    expect(withFront({ perIp: 5, perToken: 5 })).toThrow(/apiFront.perIp/);
    expect(withFront({ perIp: 100, perToken: 300 })).toThrow(/apiFront.perToken: must not exceed perIp/);
    expect(parseStageConfig({ ...STAGES.dev, apiFront: { perIp: 100, perToken: 50 } }).apiFront).toEqual({
      perIp: 100,
      perToken: 50,
      windowSeconds: 300,
      managedCommonRules: true,
    });
  });

  it('renders the 429 body from the message catalogue', () => {
    const body = JSON.parse(
      tooManyRequestsBody('perToken', {
        perIp: 100,
        perToken: 50,
        windowSeconds: 60,
        managedCommonRules: false,
      }),
    );
    expect(body.error.message).toBe('too many requests from this caller: wait 60 seconds and try again');
    expect(body.error.details).toMatchObject({ limit: 'per-token', perWindow: 50, windowSeconds: 60 });
  });
});
