import { Aws, Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../../functions/shared/constants.ts';
import { resourceName, type StageConfig } from '../stage-config.ts';
import type { AddAlarm } from './alarm-rules.ts';

/** How long a checkpoint is kept under Object Lock (compliance mode): no one can delete it before. */
export const CHECKPOINT_RETENTION_YEARS = 10;
/** 401 and 403 answers of the API in 5 minutes that raise the alarm. */
export const DENIED_BURST = 100;
/** Reveals by one person in 5 minutes that raise the alarm (the daily per-person limit bounds the rest). */
export const REVEAL_BURST = 20;

/**
 * The checkpoints' trust anchors (docs/audit.md): the asymmetric key that signs every checkpoint's tree head
 * (ECC_NIST_P256, ECDSA_SHA_256; the private key never leaves KMS, anyone may have the public key) and the
 * bucket they are written to, with Object Lock in compliance mode and a default retention, versioned,
 * private, TLS only.
 */
export class AuditTrail extends Construct {
  readonly signingKey: kms.Key;
  readonly checkpointBucket: s3.Bucket;
  readonly checkpointBucketName: string;
  readonly checkpointStageName: string;

  constructor(
    scope: Construct,
    id: string,
    props: { readonly stage: StageConfig; readonly removalPolicy: RemovalPolicy },
  ) {
    super(scope, id);
    this.checkpointBucketName = checkpointBucketName(props.stage.name);
    this.checkpointStageName = props.stage.name;
    this.signingKey = new kms.Key(this, 'CheckpointSigningKey', {
      alias: `alias/${resourceName(props.stage, 'checkpoint-signing')}`,
      description: `ldm ${props.stage.name}: signs the hash-chain checkpoints' tree heads`,
      keySpec: kms.KeySpec.ECC_NIST_P256,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
      pendingWindow: Duration.days(30),
      removalPolicy: props.removalPolicy,
    });
    this.checkpointBucket = new s3.Bucket(this, 'CheckpointBucket', {
      bucketName: checkpointBucketName(props.stage.name),
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.compliance(
        Duration.days(365 * CHECKPOINT_RETENTION_YEARS),
      ),
      versioned: true,
      // Case ids, versions and hashes only, no personal data: SSE-S3, so no function needs the data key here.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.checkpointBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Checkpoints are written once by the checkpoint job and can be neither overwritten nor deleted (Object Lock, compliance mode); CloudTrail records every call, and each checkpoint names the one before it.',
    });
  }
}

/** Read checkpoints (the proof route): GetObject on the checkpoint objects only; sets CHECKPOINT_BUCKET. */
export function readCheckpoints(fn: lambda.Function, trail: AuditTrailResources): void {
  fn.addEnvironment('CHECKPOINT_BUCKET', checkpointBucketName(trail.checkpointStageName));
  objectAccess(fn, trail, ['s3:GetObject']);
}

/**
 * Write checkpoints and sign them: GetObject and PutObject on the checkpoint objects (no delete: Object
 * Lock would refuse it anyway), kms:Sign and kms:GetPublicKey on the signing key; sets CHECKPOINT_KEY_ID.
 */
export function writeCheckpoints(fn: lambda.Function, trail: AuditTrailResources): void {
  fn.addEnvironment('CHECKPOINT_BUCKET', checkpointBucketName(trail.checkpointStageName));
  objectAccess(fn, trail, ['s3:GetObject', 's3:PutObject']);
  fn.addEnvironment('CHECKPOINT_KEY_ID', trail.signingKey.keyArn);
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['kms:Sign', 'kms:GetPublicKey'],
      resources: [trail.signingKey.keyArn],
    }),
  );
}

/**
 * The checkpoint bucket's name, fixed by stage and account (pseudo-parameters, not a reference to the
 * stateful stack), so the grants name its objects without a cross-stack token.
 */
export const checkpointBucketName = (stageName: string) => `ldm-${stageName}-checkpoints-${Aws.ACCOUNT_ID}`;

function objectAccess(fn: lambda.Function, trail: AuditTrailResources, actions: string[]): void {
  const objects = `arn:${Aws.PARTITION}:s3:::${checkpointBucketName(trail.checkpointStageName)}/checkpoints/*`;
  fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources: [objects] }));
  if (fn.role) {
    Validations.of(fn.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::ldm-${trail.checkpointStageName}-checkpoints-<AWS::AccountId>/checkpoints/*]`,
      reason:
        'The checkpoint objects (one per run, named by its time) cannot be named in advance: GetObject (and PutObject for the job) on that prefix only, never delete.',
    });
  }
}

export interface AuditTrailResources {
  readonly signingKey: kms.IKey;
  readonly checkpointBucket: s3.IBucket;
  readonly checkpointStageName: string;
}

/**
 * Alarms on misuse: a burst of 401 and 403 answers (someone probing tokens or posts), counted from the API's
 * access log; a burst of reveals by one person (a Contributor Insights rule over the functions' logs, keyed
 * by the revealing person's subject, on the `audit: "reveal"` line the access log writes).
 */
export function alarmOnMisuse(alarm: AddAlarm, stage: StageConfig, accessLogs: logs.ILogGroup): void {
  const scope = accessLogs as unknown as Construct;
  const denied = new logs.MetricFilter(scope, 'Denied', {
    logGroup: accessLogs,
    filterPattern: logs.FilterPattern.any(
      logs.FilterPattern.stringValue('$.status', '=', '401'),
      logs.FilterPattern.stringValue('$.status', '=', '403'),
    ),
    metricNamespace: METRICS_NAMESPACE,
    metricName: 'ApiDenied',
    metricValue: '1',
    dimensions: { service: SERVICE_NAME },
  });
  alarm('ApiDeniedBurst', {
    alarmName: resourceName(stage, 'api-denied-burst'),
    alarmDescription: `${DENIED_BURST} or more 401/403 answers in 5 minutes: tokens or posts being probed. The access log's routeKey and the authorizer errors say where.`,
    metric: denied.metric({ period: Duration.minutes(5), statistic: 'Sum' }),
    threshold: DENIED_BURST,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
  });
  const ruleName = resourceName(stage, 'reveals-by-person');
  new cloudwatch.CfnInsightRule(scope, 'RevealsByPerson', {
    ruleName,
    ruleState: 'ENABLED',
    ruleBody: JSON.stringify({
      Schema: { Name: 'CloudWatchLogRule', Version: 1 },
      LogGroupNames: [`/aws/lambda/${resourceName(stage, 'http-')}*`],
      LogFormat: 'JSON',
      Contribution: { Keys: ['$.actorSub'], Filters: [{ Match: '$.audit', In: ['reveal'] }] },
      AggregateOn: 'Count',
    }),
  });
  alarm('RevealBurst', {
    alarmName: resourceName(stage, 'reveal-burst'),
    alarmDescription: `One person revealed ${REVEAL_BURST} or more cases' personal data in 5 minutes. The Contributor Insights rule ${ruleName} names who; the case access logs say which cases and why.`,
    metric: new cloudwatch.MathExpression({
      expression: `INSIGHT_RULE_METRIC("${ruleName}", "MaxContributorValue")`,
      period: Duration.minutes(5),
      label: 'reveals by the most revealing person',
    }),
    threshold: REVEAL_BURST,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
  });
}
