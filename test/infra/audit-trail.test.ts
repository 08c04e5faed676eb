import { describe, expect, it } from 'vitest';
import { CHECKPOINT } from '../../functions/catalogue-trust.ts';
import {
  CHECKPOINT_RETENTION_YEARS,
  DENIED_BURST,
  REVEAL_BURST,
} from '../../infra/cdk/constructs/audit-trail.ts';
import { devStage } from './support/dev-stage.ts';
import { functionNamed, type Json, logicalId, resourcesOf } from './support/synth.ts';

/** The checkpoints' signing key and Object Lock bucket, the misuse alarms and the narrow grants, as deployed. */
const dev = devStage();

const statementsOf = (fnName: string): Json[] => {
  const fn = functionNamed(dev.s.statelessTemplate, fnName);
  const policies = Object.values(resourcesOf(dev.s.statelessTemplate, 'AWS::IAM::Policy')).filter((p) =>
    JSON.stringify(p.Properties.Roles).includes(fn.props.Role['Fn::GetAtt'][0]),
  );
  return policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Json[]);
};
const actionsOn = (fnName: string, resource: string) =>
  statementsOf(fnName)
    .filter((st) => [st.Resource].flat().some((r: unknown) => dev.ref(r).includes(resource)))
    .flatMap((st) => [st.Action].flat());

describe('the audit trail in the templates', () => {
  it('signs checkpoints with an ECC P-256 key used only to sign and verify', () => {
    const key = resourcesOf(dev.s.statefulTemplate, 'AWS::KMS::Key')[
      logicalId(dev.s.stateful.auditTrail.signingKey)
    ];
    expect(key?.Properties).toMatchObject({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
  });

  it('keeps checkpoints in a versioned, private bucket with Object Lock in compliance mode by default', () => {
    const bucket = resourcesOf(dev.s.statefulTemplate, 'AWS::S3::Bucket')[
      logicalId(dev.s.stateful.auditTrail.checkpointBucket)
    ];
    expect(bucket?.Properties).toMatchObject({
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 365 * CHECKPOINT_RETENTION_YEARS } },
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
  });

  it('runs the checkpoint job on its schedule; only it may sign or put checkpoints, the proof route reads them', () => {
    const rule = Object.values(resourcesOf(dev.s.statelessTemplate, 'AWS::Events::Rule')).find(
      (r) => r.Properties.Name === 'ldm-dev-checkpoint',
    );
    expect(rule?.Properties.ScheduleExpression).toBe(`rate(${CHECKPOINT.everyMinutes / 60} hour)`);
    const signingKey = logicalId(dev.s.stateful.auditTrail.signingKey);
    const bucket = 'ldm-dev-checkpoints-';
    expect(actionsOn('ldm-dev-checkpoint', `${signingKey}.Arn`)).toEqual(
      expect.arrayContaining(['kms:Sign', 'kms:GetPublicKey']),
    );
    expect(actionsOn('ldm-dev-checkpoint', bucket)).toEqual(expect.arrayContaining(['s3:PutObject']));
    expect(actionsOn('ldm-dev-http-get-proof', bucket)).not.toContain('s3:PutObject');
    expect(actionsOn('ldm-dev-http-get-proof', bucket)).toEqual(['s3:GetObject']);
    expect(actionsOn('ldm-dev-http-get-proof', `${signingKey}.Arn`)).toEqual([]);
    expect(actionsOn('ldm-dev-http-get-case', `${signingKey}.Arn`)).toEqual([]);
  });

  it('lets a reading function append access records only under ACCESS# keys', () => {
    const access = statementsOf('ldm-dev-http-get-case').filter((st) =>
      [st.Action].flat().includes('dynamodb:BatchWriteItem'),
    );
    expect(access).toHaveLength(1);
    expect([...access[0].Action].sort()).toEqual(['dynamodb:BatchWriteItem', 'dynamodb:PutItem']);
    expect([access[0].Condition['ForAllValues:StringLike']['dynamodb:LeadingKeys']].flat()).toEqual([
      'ACCESS#*',
    ]);
  });

  it('alarms on a burst of 401/403 answers and on a burst of reveals by one person', () => {
    const alarms = Object.values(resourcesOf(dev.s.statelessTemplate, 'AWS::CloudWatch::Alarm'));
    const denied = alarms.find((a) => a.Properties.AlarmName === 'ldm-dev-api-denied-burst');
    expect(denied?.Properties).toMatchObject({ Threshold: DENIED_BURST, MetricName: 'ApiDenied' });
    const reveals = alarms.find((a) => a.Properties.AlarmName === 'ldm-dev-reveal-burst');
    expect(reveals?.Properties.Threshold).toBe(REVEAL_BURST);
    expect(JSON.stringify(reveals?.Properties.Metrics)).toContain('INSIGHT_RULE_METRIC');
    const filters = Object.values(resourcesOf(dev.s.statelessTemplate, 'AWS::Logs::MetricFilter'));
    expect(filters.map((f) => f.Properties.FilterPattern)).toContainEqual(expect.stringContaining('401'));
    const rules = Object.values(resourcesOf(dev.s.statelessTemplate, 'AWS::CloudWatch::InsightRule'));
    const body = JSON.parse(
      rules.find((r) => r.Properties.RuleName === 'ldm-dev-reveals-by-person')?.Properties.RuleBody,
    );
    expect(body.Contribution).toEqual({
      Keys: ['$.actorSub'],
      Filters: [{ Match: '$.audit', In: ['reveal'] }],
    });
  });
});
