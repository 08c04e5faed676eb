import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as glue from 'aws-cdk-lib/aws-glue';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { resourceName, type StageConfig } from '../stage-config.ts';
import { BULLETIN_QUERIES, CASE_EXPORT_COLUMNS } from './analytics-queries.ts';

export interface AnalyticsProps {
  readonly stage: StageConfig;
  /** The cases table; its point-in-time recovery is what an incremental export reads. */
  readonly casesTable: dynamodb.Table;
  /** The data key: the exports and the query results hold what the cases hold. */
  readonly key: kms.IKey;
  /**
   * The most one query may scan before Athena cancels it.
   * @default 10 GiB — a year of national case items is far less; a runaway join is stopped early
   */
  readonly bytesScannedCutoffPerQuery?: number;
  /**
   * How long query results are kept: they are copies of case data, kept no longer than a bulletin needs.
   * @default 30 days
   */
  readonly resultRetention?: Duration;
}

/** Where the operator's exports go in the export bucket (`--s3-prefix`), and where the Glue table reads. */
export const EXPORT_PREFIX = 'cases';

/**
 * Ad-hoc analysis at national scale, away from the live table: DynamoDB's export to S3 (a FULL export
 * once, then INCREMENTAL exports, both from point-in-time recovery, no read capacity used) into an
 * encrypted private bucket; a Glue table over the exports' DynamoDB JSON (`Item` of a full export,
 * `Keys`/`NewImage`/`OldImage` of an incremental one) that declares only non-personal attributes; an
 * Athena workgroup whose result location, encryption and scan cutoff nobody can override; and the yearly
 * bulletin's saved queries. CloudFormation cannot start an export: the operator does (docs/deploying.md).
 */
export class Analytics extends Construct {
  readonly exportBucket: s3.Bucket;
  readonly resultBucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  readonly workGroup: athena.CfnWorkGroup;
  readonly database: glue.CfnDatabase;
  readonly table: glue.CfnTable;
  readonly queries: readonly athena.CfnNamedQuery[];

  constructor(scope: Construct, id: string, props: AnalyticsProps) {
    super(scope, id);
    const { stage, key } = props;
    // An incremental export reads the table's point-in-time recovery log; without it the export call fails.
    const table = props.casesTable.node.defaultChild as dynamodb.CfnTable;
    const pitr = table.pointInTimeRecoverySpecification as
      | dynamodb.CfnTable.PointInTimeRecoverySpecificationProperty
      | undefined;
    if (pitr?.pointInTimeRecoveryEnabled !== true) {
      throw new Error('the cases table needs point-in-time recovery for its exports to S3');
    }
    const removalPolicy = stage.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const secure = {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy,
    } as const;

    // Server access logs cannot be delivered to a bucket encrypted with a customer managed key: SSE-S3.
    // cdk-nag counts a bucket that receives access logs as logged (AwsSolutions-S1 does not flag it).
    this.logBucket = new s3.Bucket(this, 'AccessLogs', {
      ...secure,
      encryption: s3.BucketEncryption.S3_MANAGED,
      lifecycleRules: [{ expiration: Duration.days(stage.logRetentionDays) }],
    });
    const dataBucket = (id: string, prefix: string, props: Partial<s3.BucketProps>) =>
      new s3.Bucket(this, id, {
        ...secure,
        encryption: s3.BucketEncryption.KMS,
        encryptionKey: key,
        bucketKeyEnabled: true,
        serverAccessLogsBucket: this.logBucket,
        serverAccessLogsPrefix: `${prefix}/`,
        ...props,
      });
    this.exportBucket = dataBucket('Exports', 'exports', {
      // An export overwritten or deleted by mistake is recoverable for a while.
      versioned: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
    });
    this.resultBucket = dataBucket('QueryResults', 'query-results', {
      lifecycleRules: [{ expiration: props.resultRetention ?? Duration.days(30) }],
    });

    this.workGroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: resourceName(stage, 'analytics'),
      description: `ldm ${stage.name}: the yearly bulletin and ad-hoc questions over the cases export`,
      state: 'ENABLED',
      // Deleting the workgroup (a non-production stack) takes its saved queries with it.
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: props.bytesScannedCutoffPerQuery ?? 10 * 1024 ** 3,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: `s3://${this.resultBucket.bucketName}/results/`,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: key.keyArn },
          expectedBucketOwner: Stack.of(this).account,
        },
      },
    });

    const databaseName = `ldm_${stage.name}_analytics`;
    this.database = new glue.CfnDatabase(this, 'Database', {
      catalogId: Stack.of(this).account,
      databaseInput: {
        name: databaseName,
        description: 'Tables over the DynamoDB exports of the cases table (non-personal columns only)',
      },
    });
    this.table = new glue.CfnTable(this, 'CasesExport', {
      catalogId: Stack.of(this).account,
      databaseName,
      tableInput: {
        name: 'cases_export',
        description:
          'Every item of every export under the prefix, in DynamoDB JSON: `item` (FULL) or keys/newimage/oldimage (INCREMENTAL). Case items only where itemtype is CASE; the latest image per case by metadata.writetimestampmicros.',
        tableType: 'EXTERNAL_TABLE',
        parameters: { classification: 'json', compressionType: 'gzip', EXTERNAL: 'TRUE' },
        storageDescriptor: {
          location: `s3://${this.exportBucket.bucketName}/${EXPORT_PREFIX}/`,
          inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
          compressed: true,
          columns: CASE_EXPORT_COLUMNS.map(([name, type]) => ({ name, type })),
          serdeInfo: {
            serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe',
            // Export manifests and checksums lie beside the data files: lines that are not items are
            // skipped (malformed) or have no keys (filtered by the queries).
            parameters: { 'ignore.malformed.json': 'true', 'case.insensitive': 'true' },
          },
        },
      },
    });
    this.table.node.addDependency(this.database);

    this.queries = BULLETIN_QUERIES.map((query) => {
      const named = new athena.CfnNamedQuery(this, query.id, {
        name: `${resourceName(stage, query.name)}`,
        description: query.description,
        database: databaseName,
        workGroup: this.workGroup.name,
        queryString: query.sql,
      });
      named.node.addDependency(this.workGroup);
      named.node.addDependency(this.table);
      return named;
    });

    // What the operator's export command needs (docs/deploying.md, "The analytics export").
    const stack = Stack.of(this);
    new CfnOutput(stack, 'CasesTableArn', { value: props.casesTable.tableArn });
    new CfnOutput(stack, 'ExportBucketName', { value: this.exportBucket.bucketName });
    new CfnOutput(stack, 'AnalyticsWorkGroup', { value: resourceName(stage, 'analytics') });
  }
}
