import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { message, render } from '../../../domain/shared/messages.ts';
import { resourceName, type StageConfig } from '../stage-config.ts';
import type { ApiFront } from '../stage-edge.ts';

/** The per-caller rules, by name: what a 429's `details.limit` says and the rule's CloudWatch metric. */
export const RATE_RULES = {
  perIp: 'per-ip',
  perToken: 'per-token',
} as const;

/** The rule of AWS's common rule set that blocks bodies over 8 KB: the API takes up to 64 KB (counted only). */
const BODY_SIZE_RULE = 'SizeRestrictions_BODY';

/**
 * The JSON body of a 429 from WAF, in the API's error shape (`{ error: { code, message, details } }`). WAF
 * cannot read Accept-Language, so the message is English and `details.messages` carries both languages
 * from the catalogue (domain/shared/i18n/trust-edge.ts).
 */
export function tooManyRequestsBody(limit: keyof typeof RATE_RULES, front: ApiFront): string {
  const text = message('http.perCallerLimit', { seconds: front.windowSeconds });
  return JSON.stringify({
    error: {
      code: 'TOO_MANY_REQUESTS',
      message: render(text, 'en'),
      details: {
        limit: RATE_RULES[limit],
        perWindow: front[limit],
        windowSeconds: front.windowSeconds,
        messages: { en: render(text, 'en'), 'zh-CN': render(text, 'zh-CN') },
      },
    },
  });
}

const visibility = (stage: StageConfig, name: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName: resourceName(stage, `api-${name}`),
  // Sampled requests keep headers for three hours, in the WAF console only: the token a caller sent among them.
  sampledRequestsEnabled: true,
});

/**
 * The web ACL's rules: one rate-based rule keyed by client IP, one keyed by the bearer token (a custom
 * aggregation key on the `authorization` header; a request without one is counted by IP alone), each
 * answering 429 with the JSON body; then, if the stage wants it, AWS's common rule set with the body
 * size rule counted rather than blocking.
 */
export function firewallRules(stage: StageConfig, front: ApiFront): wafv2.CfnWebACL.RuleProperty[] {
  const tooMany = (limit: keyof typeof RATE_RULES): wafv2.CfnWebACL.RuleActionProperty => ({
    block: {
      customResponse: {
        responseCode: 429,
        customResponseBodyKey: RATE_RULES[limit],
        responseHeaders: [
          // WAF lifts the block once the caller's count over the window falls below its limit.
          { name: 'retry-after', value: String(front.windowSeconds) },
          { name: 'cache-control', value: 'no-store' },
          { name: 'x-content-type-options', value: 'nosniff' },
        ],
      },
    },
  });
  const rules: wafv2.CfnWebACL.RuleProperty[] = [
    {
      name: RATE_RULES.perIp,
      priority: 0,
      action: tooMany('perIp'),
      statement: {
        rateBasedStatement: {
          aggregateKeyType: 'IP',
          limit: front.perIp,
          evaluationWindowSec: front.windowSeconds,
        },
      },
      visibilityConfig: visibility(stage, RATE_RULES.perIp),
    },
    {
      name: RATE_RULES.perToken,
      priority: 1,
      action: tooMany('perToken'),
      statement: {
        rateBasedStatement: {
          aggregateKeyType: 'CUSTOM_KEYS',
          customKeys: [
            { header: { name: 'authorization', textTransformations: [{ priority: 0, type: 'NONE' }] } },
          ],
          limit: front.perToken,
          evaluationWindowSec: front.windowSeconds,
        },
      },
      visibilityConfig: visibility(stage, RATE_RULES.perToken),
    },
  ];
  if (front.managedCommonRules) {
    rules.push({
      name: 'aws-common',
      priority: 2,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name: 'AWSManagedRulesCommonRuleSet',
          ruleActionOverrides: [{ name: BODY_SIZE_RULE, actionToUse: { count: {} } }],
        },
      },
      visibilityConfig: visibility(stage, 'aws-common'),
    });
  }
  return rules;
}

export interface ApiFirewallProps {
  readonly stage: StageConfig;
  readonly front: ApiFront;
}

/**
 * The mediator API's web ACL (scope CLOUDFRONT, so it must be created in us-east-1): everything not
 * stopped by a rule is allowed on to the distribution and the API, whose JWT authorizer and route
 * throttles still apply behind it.
 */
export class ApiFirewall extends Construct {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    const { stage, front } = props;
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: resourceName(stage, 'api-acl'),
      description: `Per-caller limits of the ldm ${stage.name} mediator API, by IP and by token`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      rules: firewallRules(stage, front),
      customResponseBodies: Object.fromEntries(
        (Object.keys(RATE_RULES) as (keyof typeof RATE_RULES)[]).map((limit) => [
          RATE_RULES[limit],
          { contentType: 'APPLICATION_JSON', content: tooManyRequestsBody(limit, front) },
        ]),
      ),
      visibilityConfig: visibility(stage, 'acl'),
    });
  }
}
