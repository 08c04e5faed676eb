import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES_TABLE } from '../../functions/adapters/dynamodb/table-design.ts';
import { FUNCTIONS } from '../../functions/catalogue.ts';
import { actorOf, claimNames, type HttpEvent } from '../../functions/http/request.ts';
import { ROUTES, routeKey } from '../../functions/http/routes.ts';
import {
  NATIONAL_THRESHOLDS,
  SYSTEM_METRICS,
  WATCHED_SWEEPS,
} from '../../infra/cdk/constructs/alarm-rules.ts';
import { copyVaultName } from '../../infra/cdk/constructs/backup.ts';
import { partnerCallbackRouteKey } from '../../infra/cdk/constructs/mediator-api.ts';
import {
  parseStageConfig,
  resolveStage,
  resourceName,
  routeThrottleKind,
  STAGES,
  type StageName,
} from '../../infra/cdk/stage-config.ts';
import {
  functionNamed,
  type Json,
  logicalId,
  type Resources,
  resourcesOf,
  type Synthesized,
  synth,
} from './support/synth.ts';

/**
 * Stages for any partition, alarms that reach a person, recoverable records and the front door's limits, on
 * the synthesized templates of dev, prod and cn.
 */

/** What exists in the China regions and this system uses; Cognito user pools are not among them. */
const CHINA_SERVICES = [
  'ApiGatewayV2',
  // The cases exports and their saved bulletin queries (infra/cdk/constructs/analytics.ts).
  'Athena',
  'Backup',
  // The stateless stack's nested stacks, Watch and Edge (AWS::CloudFormation::Stack).
  'CloudFormation',
  'CloudWatch',
  // Canary rollouts of the functions' aliases (available in both China regions).
  'CodeDeploy',
  'DynamoDB',
  'Events',
  'Glue',
  'IAM',
  'KMS',
  'Lambda',
  'Logs',
  'S3',
  'SNS',
  'SQS',
  'SecretsManager',
];

const STAGE_NAMES = ['dev', 'prod', 'cn'] as const satisfies readonly StageName[];
const synths = new Map<StageName, Synthesized>();
const of = (name: StageName) => synths.get(name) as Synthesized;
const resources = (template: { toJSON(): Json }): Resources => template.toJSON().Resources;
const alarmsOf = (s: Synthesized) =>
  Object.values(resourcesOf(s.statelessTemplate, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties);
const alarmNamed = (s: Synthesized, name: string) =>
  alarmsOf(s).find((a) => a.AlarmName === `ldm-${s.stage.name}-${name}`);

// Three whole apps (dev and prod with the API's firewall stack): minutes on a loaded machine.
beforeAll(() => {
  for (const name of STAGE_NAMES) synths.set(name, synth(name));
}, 600_000);
afterAll(() => {
  for (const s of synths.values()) s.cleanup();
});

describe('stages for any partition', () => {
  it('synthesizes cn for cn-northwest-1 in aws-cn, with only services that exist there', () => {
    const s = of('cn');
    expect(s.stateful.region).toBe('cn-northwest-1');
    expect(s.stateless.region).toBe('cn-northwest-1');
    const templates = [s.statefulTemplate, s.statelessTemplate];
    const types = templates.flatMap((t) => Object.values(resources(t)).map((r) => r.Type));
    const services = new Set(types.map((type) => type.split('::')[1]));
    expect([...services].filter((service) => !CHINA_SERVICES.includes(service ?? ''))).toEqual([]);
    expect(types.filter((type) => type.startsWith('AWS::Cognito::'))).toEqual([]);
  });

  it('writes every ARN of cn for the aws-cn partition and the logs principal for its domain', () => {
    const s = of('cn');
    for (const template of [s.statefulTemplate, s.statelessTemplate]) {
      const text = JSON.stringify(template.toJSON());
      expect(text).not.toMatch(/arn:aws:/);
      expect(text).toMatch(/arn:aws-cn:/);
    }
    const logKey = resources(s.statefulTemplate)[logicalId(s.stateful.logKey)];
    const services = logKey?.Properties.KeyPolicy.Statement.flatMap(
      (st: Json) => st.Principal?.Service ?? [],
    );
    expect(services).toContain('logs.cn-northwest-1.amazonaws.com.cn');
  });

  it('refuses Cognito in the China regions and a region outside its partition', () => {
    expect(() => parseStageConfig({ ...STAGES.cn, signIn: { provider: 'cognito' } })).toThrow(
      /signIn\.provider: Cognito user pools do not exist in the China regions/,
    );
    expect(() => parseStageConfig({ ...STAGES.dev, region: 'cn-north-1' })).toThrow(
      /partition: is aws but region/,
    );
    expect(() => parseStageConfig({ ...STAGES.cn, partition: 'aws' })).toThrow(/partition:/);
    expect(() =>
      parseStageConfig({ ...STAGES.cn, signIn: { provider: 'oidc', issuer: 'http://id', audience: ['a'] } }),
    ).toThrow(/signIn\.issuer/);
  });

  it.each(STAGE_NAMES)(
    'guards the API with one JWT authorizer on the stage issuer and audience (%s)',
    (name) => {
      const s = of(name);
      const [authorizer] = Object.values(resourcesOf(s.statelessTemplate, 'AWS::ApiGatewayV2::Authorizer'));
      expect(authorizer?.Properties.AuthorizerType).toBe('JWT');
      const { signIn } = s.stage;
      if (signIn.provider === 'oidc') {
        expect(authorizer?.Properties.JwtConfiguration).toEqual({
          Issuer: signIn.issuer,
          Audience: signIn.audience,
        });
      } else {
        expect(JSON.stringify(authorizer?.Properties.JwtConfiguration.Issuer)).toMatch(/cognito-idp/);
      }
    },
  );

  it.each(STAGE_NAMES)('tells every authorized function the claim names of the stage (%s)', (name) => {
    const s = of(name);
    for (const route of ROUTES) {
      const fn = functionNamed(s.statelessTemplate, `ldm-${name}-${route.name}`);
      const env = fn.props.Environment?.Variables ?? {};
      if (route.auth && s.stage.claims) {
        expect(env, route.name).toMatchObject({
          AUTH_ROLE_CLAIM: s.stage.claims.role,
          AUTH_POST_CLAIM: s.stage.claims.post,
        });
      } else {
        expect(env.AUTH_ROLE_CLAIM, route.name).toBeUndefined();
      }
    }
  });

  it('reads the role and post from the configured claims, else from the Cognito names', () => {
    const event = (claims: Record<string, string>) =>
      ({
        requestContext: { authorizer: { jwt: { claims: { sub: 'u1', ...claims } } } },
      }) as unknown as HttpEvent;
    const federation = claimNames({ AUTH_ROLE_CLAIM: 'ldm_role', AUTH_POST_CLAIM: 'ldm_post' });
    expect(actorOf(event({ ldm_role: 'mediator', ldm_post: 'QD-SN-01' }), federation)).toEqual({
      sub: 'u1',
      role: 'mediator',
      postId: 'QD-SN-01',
    });
    // Configured names only: the Cognito spellings no longer count.
    expect(() => actorOf(event({ 'custom:role': 'mediator', postId: 'QD-SN-01' }), federation)).toThrow();
    expect(
      actorOf(event({ 'custom:role': 'mediator', 'custom:postId': 'QD-SN-01' }), claimNames({})),
    ).toMatchObject({ role: 'mediator', postId: 'QD-SN-01' });
    expect(() => claimNames({ AUTH_ROLE_CLAIM: 'no spaces allowed' })).toThrow('AUTH_ROLE_CLAIM');
  });
});

describe('alarms that reach a person', () => {
  it.each(STAGE_NAMES)(
    'lets CloudWatch of this account publish to the alarm topic over TLS only (%s)',
    (name) => {
      const s = of(name);
      const [policy] = Object.values(resourcesOf(s.statelessTemplate, 'AWS::SNS::TopicPolicy'));
      const statements = policy?.Properties.PolicyDocument.Statement as Json[];
      const allow = statements.find((st) => st.Principal?.Service === 'cloudwatch.amazonaws.com');
      expect(allow).toMatchObject({ Effect: 'Allow', Action: 'sns:Publish' });
      expect(Object.keys(allow.Condition.StringEquals)).toEqual(['aws:SourceAccount']);
      expect(JSON.stringify(allow.Condition.ArnLike['aws:SourceArn'])).toMatch(/:alarm:\*/);
      expect(statements).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
      // The topic's key is the log key, whose policy lets CloudWatch alarms use it.
      const logKey = resources(s.statefulTemplate)[logicalId(s.stateful.logKey)];
      const cloudwatch = logKey?.Properties.KeyPolicy.Statement.find(
        (st: Json) => st.Principal?.Service === 'cloudwatch.amazonaws.com',
      );
      expect(cloudwatch.Condition.StringEquals).toHaveProperty('aws:SourceAccount');
      expect(cloudwatch.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    },
  );

  it.each(STAGE_NAMES)('subscribes everyone the stage lists (%s)', (name) => {
    const s = of(name);
    const subscriptions = Object.values(resourcesOf(s.statelessTemplate, 'AWS::SNS::Subscription')).map(
      (r) => ({
        protocol: r.Properties.Protocol,
        endpoint: r.Properties.Endpoint,
      }),
    );
    expect(subscriptions).toEqual([
      { protocol: 'email', endpoint: s.stage.alarmEmail },
      ...s.stage.alarmSubscriptions,
    ]);
    if (name === 'prod')
      expect(subscriptions.map((x) => x.protocol).sort()).toEqual(['email', 'https', 'sms']);
  });

  it('alarms on rates where traffic varies: 5xx and 429 as a share of requests', () => {
    const s = of('prod');
    for (const alarm of ['api-5xx-rate', 'api-429-rate']) {
      const expressions = alarmNamed(s, alarm)
        ?.Metrics.map((m: Json) => m.Expression)
        .filter(Boolean);
      expect(expressions, alarm).toEqual([expect.stringMatching(/100 \* .*\/ requests/)]);
    }
    const [filter] = Object.values(resourcesOf(s.statelessTemplate, 'AWS::Logs::MetricFilter'));
    expect(filter?.Properties.FilterPattern).toMatch(/\$\.status\s*=\s*"?429/);
    expect(filter?.Properties.MetricTransformations[0].MetricName).toBe(SYSTEM_METRICS.apiThrottled);
  });

  it('alarms on DynamoDB throttles of each table and each index of the cases table', () => {
    const s = of('prod');
    const names = ['cases', 'idempotency', ...CASES_TABLE.indexes.map((i) => `cases-${i.indexName}`)];
    for (const table of names) {
      const alarm = alarmNamed(s, `dynamodb-${table}-throttles`.toLowerCase());
      expect(alarm, table).toBeDefined();
      const metrics = alarm.Metrics.filter((m: Json) => m.MetricStat).map((m: Json) => m.MetricStat.Metric);
      expect(metrics.map((m: Json) => m.MetricName).sort()).toEqual([
        'ReadThrottleEvents',
        'WriteThrottleEvents',
      ]);
    }
  });

  it('alarms on every function whose p99 duration nears its timeout', () => {
    const s = of('prod');
    for (const entry of FUNCTIONS) {
      const alarm = alarmNamed(s, `${entry.name}-near-timeout`);
      expect(alarm, entry.name).toMatchObject({
        ExtendedStatistic: 'p99',
        MetricName: 'Duration',
        Threshold: entry.timeoutSeconds * 1000 * NATIONAL_THRESHOLDS.durationOfTimeout,
      });
    }
  });

  it('alarms when a sweep has not succeeded for several of its periods, missing data included', () => {
    const s = of('prod');
    for (const sweep of WATCHED_SWEEPS) {
      const alarm = alarmNamed(s, `${sweep}-stalled`);
      expect(alarm, sweep).toMatchObject({
        ComparisonOperator: 'LessThanThreshold',
        Threshold: 1,
        TreatMissingData: 'breaching',
      });
      expect(alarm.Metrics.find((m: Json) => m.Expression)?.Expression).toMatch(/invocations.*- .*errors/);
    }
  });

  it('alarms when a case is filed without the holiday calendar of its year', () => {
    const alarm = alarmNamed(of('prod'), 'holiday-calendar-missing');
    expect(alarm).toMatchObject({ MetricName: SYSTEM_METRICS.holidayCalendarMissing, Threshold: 1 });
  });
});

describe('recoverable records', () => {
  it.each(STAGE_NAMES)('backs the tables up daily into their own vault, keeping PITR (%s)', (name) => {
    const s = of(name);
    const [plan] = Object.values(resourcesOf(s.statefulTemplate, 'AWS::Backup::BackupPlan'));
    const [rule] = plan?.Properties.BackupPlan.BackupPlanRule ?? [];
    expect(rule.ScheduleExpression).toMatch(/^cron\(0 19 \* \* \? \*\)$/);
    expect(rule.Lifecycle.DeleteAfterDays).toBe(s.stage.backup.retentionDays);
    const [selection] = Object.values(resourcesOf(s.statefulTemplate, 'AWS::Backup::BackupSelection'));
    const selected = JSON.stringify(selection?.Properties.BackupSelection.Resources);
    for (const table of [s.stateful.casesTable, s.stateful.idempotencyTable]) {
      expect(selected).toContain(logicalId(table));
    }
    for (const table of Object.values(resourcesOf(s.statefulTemplate, 'AWS::DynamoDB::Table'))) {
      expect(table.Properties.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled).toBe(true);
    }
  });

  it.each(['prod', 'cn'] as const)('copies each recovery point to the second region’s vault (%s)', (name) => {
    const s = of(name);
    const copyTo = s.stage.backup.copyTo;
    const [plan] = Object.values(resourcesOf(s.statefulTemplate, 'AWS::Backup::BackupPlan'));
    const [copy] = plan?.Properties.BackupPlan.BackupPlanRule[0].CopyActions ?? [];
    const arn = JSON.stringify(copy.DestinationBackupVaultArn);
    expect(arn).toContain(`:backup:${copyTo?.region}:`);
    expect(arn).toContain(`backup-vault:${copyVaultName(s.stage)}`);
    expect(s.backupCopy?.region).toBe(copyTo?.region);
    const vaults = s.backupCopy && resourcesOf(Template.fromStack(s.backupCopy), 'AWS::Backup::BackupVault');
    expect(Object.values(vaults ?? {})[0]?.Properties.BackupVaultName).toBe(copyVaultName(s.stage));
  });

  it('locks the production vaults in compliance mode; dev has none and no copy', () => {
    for (const name of ['prod', 'cn'] as const) {
      const s = of(name);
      const [vault] = Object.values(resourcesOf(s.statefulTemplate, 'AWS::Backup::BackupVault'));
      expect(vault?.Properties.LockConfiguration, name).toEqual({
        MinRetentionDays: s.stage.backup.lock?.minRetentionDays,
        // ChangeableForDays set: compliance mode, immutable once those days are over.
        ChangeableForDays: s.stage.backup.lock?.changeableForDays,
      });
      expect(vault?.DeletionPolicy).toBe('Retain');
    }
    const dev = of('dev');
    const [vault] = Object.values(resourcesOf(dev.statefulTemplate, 'AWS::Backup::BackupVault'));
    expect(vault?.Properties.LockConfiguration).toBeUndefined();
    expect(dev.backupCopy).toBeUndefined();
    expect(() => parseStageConfig({ ...STAGES.prod, backup: { retentionDays: 35 } })).toThrow(/backup\.lock/);
  });

  it.each(STAGE_NAMES)(
    'keeps separate keys for data and logs, deletion guarded, no extra kms:* (%s)',
    (name) => {
      const s = of(name);
      const keys = resourcesOf(s.statefulTemplate, 'AWS::KMS::Key');
      // Data, logs, the sealing of personal fields (symmetric, rotated), the duplicate HMAC and the
      // checkpoint signing key (HMAC and asymmetric keys: KMS rotates neither).
      const symmetric = [s.stateful.key, s.stateful.logKey, s.stateful.sealingKeys.fieldKey].map(logicalId);
      const unrotatable = [s.stateful.sealingKeys.duplicateKey, s.stateful.auditTrail.signingKey].map(
        logicalId,
      );
      expect(Object.keys(keys).sort()).toEqual([...symmetric, ...unrotatable].sort());
      for (const [id, key] of Object.entries(keys)) {
        expect(key.Properties.PendingWindowInDays, id).toBe(30);
        expect(key.Properties.EnableKeyRotation ?? false, id).toBe(symmetric.includes(id));
        expect(key.DeletionPolicy).toBe(s.stage.production ? 'Retain' : 'Delete');
        const everything = key.Properties.KeyPolicy.Statement.filter((st: Json) => st.Action === 'kms:*');
        // Only CDK's default: the account root, so IAM policies can administer the key.
        expect(everything).toHaveLength(1);
        expect(JSON.stringify(everything[0].Principal)).toMatch(/:root/);
      }
      const [vault] = Object.values(resourcesOf(s.statefulTemplate, 'AWS::Backup::BackupVault'));
      expect(JSON.stringify(vault?.Properties.EncryptionKeyArn)).toContain(logicalId(s.stateful.key));
      const [topic] = Object.values(resourcesOf(s.statelessTemplate, 'AWS::SNS::Topic'));
      expect(JSON.stringify(topic?.Properties.KmsMasterKeyId)).not.toContain(logicalId(s.stateful.key));
    },
  );
});

describe('front door', () => {
  it.each(STAGE_NAMES)('throttles every route by its kind, callbacks per partner (%s)', (name) => {
    const s = of(name);
    // The stage of each HTTP API, by the API's name: the mediator API and, with a partner door (prod), the
    // partners' own mutual-TLS API, which has the callback routes (constructs/partner-door.ts).
    const apis = resourcesOf(s.statelessTemplate, 'AWS::ApiGatewayV2::Api');
    const stages = Object.values(resourcesOf(s.statelessTemplate, 'AWS::ApiGatewayV2::Stage'));
    const settingsOf = (api: string) => {
      const ids = Object.keys(apis).filter((id) => apis[id]?.Properties.Name === resourceName(s.stage, api));
      const found = stages.filter((st) => ids.includes(st.Properties.ApiId.Ref));
      expect(found, api).toHaveLength(1);
      return found[0]?.Properties.RouteSettings as Record<string, Json>;
    };
    const settings = settingsOf('mediator-api');
    expect(stages).toHaveLength(s.stage.partnerDoor ? 2 : 1);
    const callbackSettings = s.stage.partnerDoor ? settingsOf('partner-api') : settings;
    const limits = (rateLimit: number, burstLimit: number) => ({
      ThrottlingRateLimit: rateLimit,
      ThrottlingBurstLimit: burstLimit,
      DetailedMetricsEnabled: true,
    });
    for (const route of ROUTES) {
      if (route.path.startsWith('/partners/{partnerId}/callbacks')) continue;
      const kind = s.stage.routes[routeThrottleKind(route)];
      expect(settings[routeKey(route)], routeKey(route)).toEqual(limits(kind.rateLimit, kind.burstLimit));
    }
    for (const [partnerId, partner] of Object.entries(s.stage.callbacks.partners)) {
      if (s.stage.partnerDoor) expect(settings[partnerCallbackRouteKey(partnerId)]).toBeUndefined();
      expect(callbackSettings[partnerCallbackRouteKey(partnerId)]).toEqual(
        limits(partner.rateLimit, partner.burstLimit),
      );
    }
    // GET /health: a function (HTTP APIs have no mock integration) behind the small public bucket.
    expect(settings['GET /health']).toEqual(
      limits(s.stage.routes.public.rateLimit, s.stage.routes.public.burstLimit),
    );
    expect(routeThrottleKind({ method: 'PUT', auth: true, summary: 'add a post (admin)' })).toBe('admin');
  });

  it('sizes production for the load model: the busiest route at a 5× peak fits its bucket', () => {
    // docs/performance.md, "Running it at national scale": 385 requests/s at the peak; GET /cases about 40 % of them,
    // the case actions about 15 %.
    const peak = 385;
    const prod = resolveStage('prod');
    expect(prod.routes.reads.rateLimit).toBeGreaterThanOrEqual(0.4 * peak);
    expect(prod.routes.actions.rateLimit).toBeGreaterThanOrEqual(0.15 * peak);
    expect(prod.routes.public.rateLimit).toBeLessThan(prod.routes.actions.rateLimit);
    expect(prod.routes.admin.rateLimit).toBeLessThan(prod.routes.actions.rateLimit);
  });
});
