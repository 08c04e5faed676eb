import { App, Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Analytics, EXPORT_PREFIX } from '../../infra/cdk/constructs/analytics.ts';
import { BULLETIN_QUERIES } from '../../infra/cdk/constructs/analytics-queries.ts';
import { resolveStage } from '../../infra/cdk/stage-config.ts';
import { type Json, logicalId, resourcesOf, type Synthesized, synth } from './support/synth.ts';

/** The manners of closure of the agreed GET /stats answer (closedByManner). */
const MANNERS = [
  'AGREEMENT_PERFORMED',
  'CONFIRMED',
  'PAYMENT_ORDER',
  'REFERRED_TO_ARBITRATION',
  'REFERRED_TO_COURT',
  'WITHDRAWN',
  'OTHER',
];

describe.each(['dev', 'prod'] as const)('the analytics export (%s)', (stageName) => {
  let s: Synthesized;
  beforeAll(() => {
    s = synth(stageName);
  });
  afterAll(() => s?.cleanup());

  const the = () => s.stateful.analytics;
  const props = (bucket: s3.IBucket) =>
    resourcesOf(s.statefulTemplate, 'AWS::S3::Bucket')[logicalId(bucket)]?.Properties as Json;
  const dataKeyArn = () => ({ 'Fn::GetAtt': [logicalId(s.stateful.key), 'Arn'] });

  it('keeps point-in-time recovery on the cases table, which an incremental export reads', () => {
    s.statefulTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: `ldm-${stageName}-cases`,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('exports into a private, versioned bucket encrypted with the data key, TLS only, access-logged', () => {
    const exports = props(the().exportBucket);
    expect(exports).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: dataKeyArn() },
          },
        ],
      },
      LoggingConfiguration: {
        DestinationBucketName: { Ref: logicalId(the().logBucket) },
        LogFilePrefix: 'exports/',
      },
    });
    s.statefulTemplate.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId(the().exportBucket) },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    const retained = stageName === 'prod' ? 'Retain' : 'Delete';
    expect(s.statefulTemplate.toJSON().Resources[logicalId(the().exportBucket)].DeletionPolicy).toBe(
      retained,
    );
  });

  it('runs Athena in a workgroup that enforces its encrypted result location and a scan cutoff', () => {
    s.statefulTemplate.hasResourceProperties('AWS::Athena::WorkGroup', {
      Name: `ldm-${stageName}-analytics`,
      WorkGroupConfiguration: {
        EnforceWorkGroupConfiguration: true,
        BytesScannedCutoffPerQuery: 10 * 1024 ** 3,
        PublishCloudWatchMetricsEnabled: true,
        ResultConfiguration: {
          OutputLocation: {
            'Fn::Join': ['', ['s3://', { Ref: logicalId(the().resultBucket) }, '/results/']],
          },
          EncryptionConfiguration: { EncryptionOption: 'SSE_KMS', KmsKey: dataKeyArn() },
        },
      },
    });
    // Results are copies of case data: encrypted with the data key, private, gone after 30 days.
    expect(props(the().resultBucket)).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicPolicy: true, RestrictPublicBuckets: true },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: dataKeyArn() } },
        ],
      },
      LifecycleConfiguration: { Rules: [{ ExpirationInDays: 30, Status: 'Enabled' }] },
    });
  });

  it('defines a Glue table over the exports in DynamoDB JSON, full and incremental, without personal data', () => {
    s.statefulTemplate.hasResourceProperties('AWS::Glue::Database', {
      DatabaseInput: { Name: `ldm_${stageName}_analytics` },
    });
    const [table] = Object.values(resourcesOf(s.statefulTemplate, 'AWS::Glue::Table'));
    const input = table?.Properties.TableInput;
    expect(table?.Properties.DatabaseName).toBe(`ldm_${stageName}_analytics`);
    const descriptor = input.StorageDescriptor;
    expect(descriptor.Location).toEqual({
      'Fn::Join': ['', ['s3://', { Ref: logicalId(the().exportBucket) }, `/${EXPORT_PREFIX}/`]],
    });
    expect(descriptor.SerdeInfo.SerializationLibrary).toBe('org.openx.data.jsonserde.JsonSerDe');
    const columns = Object.fromEntries(descriptor.Columns.map((c: Json) => [c.Name, c.Type]));
    expect(Object.keys(columns).sort()).toEqual(['item', 'keys', 'metadata', 'newimage', 'oldimage']);
    expect(columns.keys).toBe('struct<pk:struct<s:string>,sk:struct<s:string>>');
    expect(columns.metadata).toBe('struct<writetimestampmicros:struct<n:string>>');
    for (const image of ['item', 'newimage', 'oldimage']) {
      expect(columns[image]).toContain('receivedon:struct<s:string>');
      expect(columns[image]).toContain('agreement:struct<m:struct<amountfen:struct<n:string>,paidfen');
    }
    // Workers' names, ID numbers and phones, and the case summary, are not columns at all.
    for (const personal of ['workers', 'idnumber', 'phone', 'name:', 'summary', 'employer']) {
      expect(JSON.stringify(columns), personal).not.toContain(personal);
    }
  });

  it('saves the yearly bulletin: received by month and post, closures by manner, money recovered', () => {
    const queries = Object.values(resourcesOf(s.statefulTemplate, 'AWS::Athena::NamedQuery'));
    expect(queries.map((q) => q.Properties.Name).sort()).toEqual(
      ['bulletin-closed-by-manner', 'bulletin-money-recovered', 'bulletin-received-by-month-and-post'].map(
        (name) => `ldm-${stageName}-${name}`,
      ),
    );
    for (const query of queries) {
      expect(query.Properties).toMatchObject({
        Database: `ldm_${stageName}_analytics`,
        WorkGroup: `ldm-${stageName}-analytics`,
      });
      expect(query.DependsOn).toContain(s.stateful.getLogicalId(the().workGroup));
      const sql = query.Properties.QueryString as string;
      // Case items only, the latest image of each, for the year asked.
      expect(sql).toContain("image.itemtype.s = 'CASE'");
      expect(sql).toMatch(/row_number\(\) OVER \(PARTITION BY pk, sk ORDER BY written DESC\)/);
      expect(sql).toContain('= CAST(? AS varchar)');
    }
    const sqlOf = (name: string) => BULLETIN_QUERIES.find((q) => q.name === name)?.sql ?? '';
    expect(sqlOf('bulletin-received-by-month-and-post')).toMatch(
      /substr\(image\.receivedon\.s, 1, 7\) AS month,\s+image\.postid\.s AS post_id/,
    );
    for (const manner of MANNERS) expect(sqlOf('bulletin-closed-by-manner')).toContain(`'${manner}'`);
    expect(sqlOf('bulletin-closed-by-manner')).toContain("AT TIME ZONE 'Asia/Shanghai'");
    expect(sqlOf('bulletin-money-recovered')).toMatch(/paidfen.*\n.*fen recovered/);
  });
});

describe('the analytics construct', () => {
  it('refuses a cases table without point-in-time recovery: the export call would fail', () => {
    const stack = new Stack(new App(), 'Bare', { env: { region: 'ap-southeast-1' } });
    const casesTable = new dynamodb.Table(stack, 'Cases', {
      partitionKey: { name: 'PK', type: dynamodb.AttributeType.STRING },
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false },
    });
    const key = new kms.Key(stack, 'Key');
    expect(() => new Analytics(stack, 'Analytics', { stage: resolveStage('dev'), casesTable, key })).toThrow(
      /point-in-time recovery/,
    );
  });
});
