import { Match } from 'aws-cdk-lib/assertions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CASES_TABLE,
  IDEMPOTENCY_TABLE,
  type TableDesign,
} from '../../functions/adapters/dynamodb/table-design.ts';
import { HANDOFF_QUEUES } from '../../functions/adapters/sqs/queues.ts';
import { type Json, logicalId, resourcesOf, type Synthesized, synth } from './support/synth.ts';

const FOURTEEN_DAYS = 14 * 24 * 3600;

describe.each(['dev', 'prod'] as const)('stateful stack (%s)', (stageName) => {
  let s: Synthesized;
  let keyId: string;
  beforeAll(() => {
    s = synth(stageName);
    keyId = logicalId(s.stateful.key);
  });
  afterAll(() => s?.cleanup());

  const production = stageName === 'prod';
  const keyArn = () => ({ 'Fn::GetAtt': [keyId, 'Arn'] });

  it('has a data key and a log key, both rotated; only the log key is usable by CloudWatch Logs and alarms', () => {
    // Besides the data and log keys, only the sealing keys and the checkpoint signing key (issue 22), whose
    // policies name no service either (checked below).
    s.statefulTemplate.resourceCountIs('AWS::KMS::Key', 5);
    expect(Object.keys(s.statefulTemplate.findResources('AWS::KMS::Key')).sort()).toEqual(
      [
        s.stateful.key,
        s.stateful.logKey,
        s.stateful.sealingKeys.fieldKey,
        s.stateful.sealingKeys.duplicateKey,
        s.stateful.auditTrail.signingKey,
      ]
        .map(logicalId)
        .sort(),
    );
    const keyPolicy = (key: kms.Key) =>
      s.statefulTemplate.toJSON().Resources[logicalId(key)].Properties.KeyPolicy.Statement as Json[];
    expect(s.statefulTemplate.toJSON().Resources[logicalId(s.stateful.logKey)].Properties).toMatchObject({
      EnableKeyRotation: true,
      PendingWindowInDays: 30,
    });
    expect(keyPolicy(s.stateful.logKey)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Principal: { Service: 'logs.ap-southeast-1.amazonaws.com' },
          Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': expect.anything() } },
        }),
        expect.objectContaining({
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        }),
      ]),
    );
    for (const key of [
      s.stateful.key,
      s.stateful.sealingKeys.fieldKey,
      s.stateful.sealingKeys.duplicateKey,
      s.stateful.auditTrail.signingKey,
    ]) {
      const services = keyPolicy(key).flatMap((statement) => statement.Principal?.Service ?? []);
      expect(services, logicalId(key)).toEqual([]);
    }
    s.statefulTemplate.hasResource('AWS::KMS::Key', {
      DeletionPolicy: production ? 'Retain' : 'Delete',
    });
  });

  it.each([
    ['cases', CASES_TABLE],
    ['idempotency', IDEMPOTENCY_TABLE],
  ] as [string, TableDesign][])('builds the %s table from its design', (name, design) => {
    const table = s.statefulTemplate.findResources('AWS::DynamoDB::Table', {
      Properties: { TableName: `ldm-${stageName}-${name}` },
    });
    const [resource] = Object.values(table) as { Properties: Json; DeletionPolicy: string }[];
    expect(resource, `table ldm-${stageName}-${name}`).toBeDefined();
    const props = resource?.Properties;
    expect(props.BillingMode).toBe('PAY_PER_REQUEST');
    expect(props.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(props.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: keyArn() });
    expect(props.KeySchema).toEqual([
      { AttributeName: design.partitionKey.name, KeyType: 'HASH' },
      ...(design.sortKey ? [{ AttributeName: design.sortKey.name, KeyType: 'RANGE' }] : []),
    ]);
    expect(props.TimeToLiveSpecification).toEqual({
      AttributeName: design.timeToLiveAttribute,
      Enabled: true,
    });
    expect(props.StreamSpecification?.StreamViewType).toBe(design.stream);
    const indexes = (props.GlobalSecondaryIndexes ?? []) as Json[];
    expect(indexes.map((i) => i.IndexName).sort()).toEqual(design.indexes.map((i) => i.indexName).sort());
    for (const index of design.indexes) {
      const gsi = indexes.find((i) => i.IndexName === index.indexName);
      expect(gsi.KeySchema).toEqual([
        { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
      ]);
      expect(gsi.Projection.ProjectionType).toBe('INCLUDE');
      expect([...gsi.Projection.NonKeyAttributes].sort()).toEqual([...index.nonKeyAttributes].sort());
    }
    if (production) {
      expect(props.DeletionProtectionEnabled).toBe(true);
      expect(resource?.DeletionPolicy).toBe('Retain');
    } else {
      expect(props.DeletionProtectionEnabled).toBe(false);
    }
  });

  it('streams the cases table with old and new images (the handoff relay reads it)', () => {
    expect(CASES_TABLE.stream).toBe('NEW_AND_OLD_IMAGES');
    s.statefulTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: `ldm-${stageName}-cases`,
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });

  it.each(Object.entries(HANDOFF_QUEUES))(
    'builds the %s FIFO queue and its DLQ from the design',
    (_, design) => {
      const queues = resourcesOf(s.statefulTemplate, 'AWS::SQS::Queue');
      const byName = (name: string) =>
        Object.entries(queues).find(([, q]) => q.Properties.QueueName === `ldm-${stageName}-${name}`);
      const [dlqId, dlq] = byName(design.deadLetter) ?? [];
      const [, queue] = byName(design.name) ?? [];
      expect(queue, design.name).toBeDefined();
      expect(dlq, design.deadLetter).toBeDefined();
      for (const q of [queue, dlq]) {
        expect(q?.Properties).toMatchObject({
          FifoQueue: true,
          ContentBasedDeduplication: false,
          KmsMasterKeyId: keyArn(),
          MessageRetentionPeriod: FOURTEEN_DAYS,
        });
        expect(q?.DeletionPolicy).toBe(production ? 'Retain' : 'Delete');
      }
      expect(queue?.Properties.VisibilityTimeout).toBe(design.visibilityTimeoutSeconds);
      expect(design.maxReceiveCount).toBeGreaterThanOrEqual(5);
      expect(queue?.Properties.RedrivePolicy).toEqual({
        deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
        maxReceiveCount: design.maxReceiveCount,
      });
    },
  );

  it('refuses plain-HTTP access to every queue', () => {
    const queueIds = Object.keys(resourcesOf(s.statefulTemplate, 'AWS::SQS::Queue'));
    // Each handoff queue and its dead letters, and the reminder sweep's shard tasks and theirs.
    expect(queueIds).toHaveLength(Object.keys(HANDOFF_QUEUES).length * 2 + 2);
    for (const id of queueIds) {
      s.statefulTemplate.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 'sqs:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
  });

  it('generates the cursor-signing secret, encrypted with the key', () => {
    s.statefulTemplate.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: `ldm-${stageName}-cursor-secret`,
      KmsKeyId: keyArn(),
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
    });
    // Nothing secret in the template: no SecretString literal.
    s.statefulTemplate.hasResourceProperties('AWS::SecretsManager::Secret', {
      SecretString: Match.absent(),
    });
  });

  it('has a mediator user pool: admin-created accounts, role and post attributes, MFA, Plus threat protection', () => {
    s.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolName: `ldm-${stageName}-mediators`,
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      DeletionProtection: production ? 'ACTIVE' : 'INACTIVE',
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 14,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      Schema: Match.arrayWith([
        Match.objectLike({ Name: 'role', AttributeDataType: 'String', Mutable: true }),
        Match.objectLike({ Name: 'postId', AttributeDataType: 'String', Mutable: true }),
      ]),
    });
  });

  it('lets the app client read role and post but never write them', () => {
    const [client] = Object.values(resourcesOf(s.statefulTemplate, 'AWS::Cognito::UserPoolClient'));
    const props = client?.Properties;
    expect(props.GenerateSecret).toBe(false);
    expect(props.ExplicitAuthFlows.sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']);
    expect(props.ReadAttributes).toEqual(expect.arrayContaining(['custom:role', 'custom:postId']));
    expect(props.WriteAttributes.length).toBeGreaterThan(0);
    expect(props.WriteAttributes.filter((a: string) => a.startsWith('custom:'))).toEqual([]);
    expect(props.AllowedOAuthFlows).toBeUndefined();
    expect(props.PreventUserExistenceErrors).toBe('ENABLED');
  });
});
