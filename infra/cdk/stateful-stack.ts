import { Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import type { Construct } from 'constructs';
import {
  CASES_TABLE,
  IDEMPOTENCY_TABLE,
  type KeyAttribute,
  type TableDesign,
} from '../../functions/adapters/dynamodb/table-design.ts';
import { PARTNER_TABLE } from '../../functions/adapters/partners/partner-store.ts';
import { HANDOFF_QUEUES, type QueueDesign } from '../../functions/adapters/sqs/queues.ts';
import { Analytics } from './constructs/analytics.ts';
import { AuditTrail, type AuditTrailResources } from './constructs/audit-trail.ts';
import { TableBackup } from './constructs/backup.ts';
import { type HandoffKind, type HandoffQueue, handoffQueue, sweepTaskQueue } from './constructs/queues.ts';
import { SealingKeys, type SealingKeysResources } from './constructs/sealing-keys.ts';
import { type SignIn, signInFor } from './constructs/sign-in.ts';
import { resourceName, type StageConfig } from './stage-config.ts';

export type { HandoffKind, HandoffQueue } from './constructs/queues.ts';

/**
 * What the stateless stack receives from the stateful one: every resource that holds data or identity.
 * The stateless stack can be destroyed and redeployed at will; nothing here is touched by that.
 */
export interface CoreResources {
  /** Encrypts the data: tables, their backups, queues, the cursor secret, the partner registry, reminders. */
  readonly key: kms.IKey;
  /** Encrypts what operations see: the log groups and the alarm topic. */
  readonly logKey: kms.IKey;
  readonly casesTable: dynamodb.ITable;
  /** The design the cases table was built from: its index names scope the IAM grants. */
  readonly casesTableDesign: TableDesign;
  readonly idempotencyTable: dynamodb.ITable;
  /** Signs pagination cursors (HMAC); generated, never in code or in the template. */
  readonly cursorSecret: secretsmanager.ISecret;
  readonly handoffQueues: Readonly<Record<HandoffKind, HandoffQueue>>;
  /** The reminder sweep's shard tasks (functions/adapters/sqs/sweep-queue.ts) and their dead letters. */
  readonly sweepTasks: { readonly queue: sqs.IQueue; readonly deadLetterQueue: sqs.IQueue };
  /** The courts and arbitration institutes that receive handoffs, one item each (see the constructor). */
  readonly partnerTable: dynamodb.ITable;
  /** The issuer and audiences the API's JWT authorizer accepts (a Cognito pool, or the stage's OIDC issuer). */
  readonly signIn: SignIn;
  /**
   * Reminders of statutory deadlines (no personal data), with `postId`, `severity` and `clock` message
   * attributes for the filter policies of each post's e-mail and SMS subscriptions.
   */
  readonly reminderTopic: sns.ITopic;
  /** Seal ID numbers and phones (data keys) and hash them for duplicate filings (HMAC); issue 22. */
  readonly sealingKeys: SealingKeysResources;
  /** The checkpoints' signing key and Object Lock bucket (issue 22, docs/audit.md). */
  readonly auditTrail: AuditTrailResources;
  /**
   * Early warnings dispatched, re-dispatched, reminded and escalated (no personal data), with `level`,
   * `district` and `postId` message attributes for each post's and supervisor's filter policies.
   */
  readonly warningTopic: sns.ITopic;
}

export interface StatefulStackProps extends StackProps {
  readonly stage: StageConfig;
}

/** Keys, tables and their backups, queues, secrets and the user pool: everything that must outlive a redeploy. */
export class StatefulStack extends Stack implements CoreResources {
  readonly key: kms.Key;
  readonly logKey: kms.Key;
  readonly casesTable: dynamodb.Table;
  readonly casesTableDesign = CASES_TABLE;
  readonly idempotencyTable: dynamodb.Table;
  readonly cursorSecret: secretsmanager.Secret;
  readonly sweepTasks: { readonly queue: sqs.IQueue; readonly deadLetterQueue: sqs.IQueue };
  readonly handoffQueues: Readonly<Record<HandoffKind, HandoffQueue>>;
  readonly partnerTable: dynamodb.Table;
  readonly signIn: SignIn;
  readonly reminderTopic: sns.Topic;
  readonly warningTopic: sns.Topic;
  readonly backup: TableBackup;
  readonly sealingKeys: SealingKeys;
  /** The cases exports to S3, their Glue table and Athena workgroup (ad-hoc analysis, the yearly bulletin). */
  readonly analytics: Analytics;
  readonly auditTrail: AuditTrail;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { stage } = props;
    const removalPolicy = stage.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    // Two keys, so that reading logs or alarms never needs the key of the case data. Neither can be
    // deleted with the stack in production (RETAIN), and a deletion someone schedules by hand waits the
    // longest window KMS allows (30 days), during which it can be cancelled. The key policy keeps the one
    // statement CDK writes by default, `kms:*` for the account root: AWS requires a key policy that lets the
    // account's IAM administer the key (without it the key becomes unmanageable, and only AWS Support can
    // recover it), and cdk-nag (AwsSolutions-KMS5) asks only for rotation. Nothing else gets `kms:*`: the
    // services below get the few actions they use, for this account only.
    const keyDefaults = {
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy,
    } as const;
    this.key = new kms.Key(this, 'DataKey', {
      ...keyDefaults,
      alias: `alias/${resourceName(stage, 'data')}`,
      description: `ldm ${stage.name}: cases, idempotency records, their backups, handoff queues, secrets, reminders`,
    });
    this.logKey = new kms.Key(this, 'LogKey', {
      ...keyDefaults,
      alias: `alias/${resourceName(stage, 'logs')}`,
      description: `ldm ${stage.name}: function and access logs, the alarm topic`,
    });
    // CloudWatch Logs encrypts the function and access log groups with this key; only for this account's
    // log groups in this region. Its principal is regional and ends in the partition's domain
    // (amazonaws.com.cn in the China regions).
    this.logKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogsForThisAccount',
        principals: [new iam.ServicePrincipal(`logs.${stage.region}.${domainOf(stage)}`)],
        actions: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncryptFrom',
          'kms:ReEncryptTo',
          'kms:GenerateDataKey',
          'kms:GenerateDataKeyWithoutPlaintext',
          'kms:DescribeKey',
        ],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${this.partition}:logs:${this.region}:${this.account}:log-group:*`,
          },
        },
      }),
    );
    // CloudWatch alarms publish to the KMS-encrypted alarm topic: SNS asks KMS for a data key on their
    // behalf, so CloudWatch must be allowed to use this key, for this account's alarms only.
    this.logKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsToEncryptedTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: {
            'aws:SourceArn': `arn:${this.partition}:cloudwatch:${this.region}:${this.account}:alarm:*`,
          },
        },
      }),
    );

    this.casesTable = this.table('CasesTable', resourceName(stage, 'cases'), CASES_TABLE, stage);
    this.idempotencyTable = this.table(
      'IdempotencyTable',
      resourceName(stage, 'idempotency'),
      IDEMPOTENCY_TABLE,
      stage,
    );

    this.cursorSecret = new secretsmanager.Secret(this, 'CursorSecret', {
      secretName: resourceName(stage, 'cursor-secret'),
      description: 'HMAC key that signs pagination cursors (functions/adapters/cursor.ts)',
      encryptionKey: this.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy,
    });
    Validations.of(this.cursorSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The key only signs pagination cursors, which carry no authority (every list query re-checks the caller and post); rotating it would just invalidate cursors in flight. Put a new value by hand if it leaks; a rotation Lambda is not worth its attack surface here.',
    });

    // The partner table: some 3,500 courts and 3,000 arbitration commissions, one item each (kind, id,
    // name, endpoint, webhook secrets). A table of its own, not a partition of the cases table: the cases
    // stream would carry every partner's secrets to the relay, its backups hold case data with another
    // retention, and IAM grants GetItem here and Query on the listing index (kind, id, name only) without
    // conditions. The secrets are encrypted with the data key; rotation is agreed with each partner by hand
    // (add the new secret, both sign, remove the old), which a Secrets Manager rotation Lambda cannot do.
    this.partnerTable = this.table('PartnerTable', resourceName(stage, 'partners'), PARTNER_TABLE, stage);

    // Here rather than in the stateless stack: the posts' subscriptions (confirmed by each recipient) must
    // survive a redeploy of the functions.
    this.reminderTopic = new sns.Topic(this, 'ReminderTopic', {
      topicName: resourceName(stage, 'reminders'),
      displayName: `ldm ${stage.name} deadline reminders`,
      masterKey: this.key,
      enforceSSL: true,
    });
    this.warningTopic = new sns.Topic(this, 'WarningTopic', {
      topicName: resourceName(stage, 'warnings'),
      displayName: `ldm ${stage.name} early warnings`,
      masterKey: this.key,
      enforceSSL: true,
    });

    const queues: Partial<Record<HandoffKind, HandoffQueue>> = {};
    for (const [kind, design] of Object.entries(HANDOFF_QUEUES) as [HandoffKind, QueueDesign][]) {
      queues[kind] = handoffQueue(this, this.key, kind, design, stage, removalPolicy);
    }
    this.handoffQueues = queues as Record<HandoffKind, HandoffQueue>;
    this.sweepTasks = sweepTaskQueue(this, this.key, stage, removalPolicy);

    this.signIn = signInFor(this, stage, removalPolicy);

    this.sealingKeys = new SealingKeys(this, 'SealingKeys', { stage, removalPolicy });

    this.backup = new TableBackup(this, 'Backup', {
      stage,
      tables: [this.casesTable, this.idempotencyTable, this.partnerTable],
      key: this.key,
    });

    this.analytics = new Analytics(this, 'Analytics', { stage, casesTable: this.casesTable, key: this.key });

    this.auditTrail = new AuditTrail(this, 'AuditTrail', { stage, removalPolicy });
  }

  private table(id: string, tableName: string, design: TableDesign, stage: StageConfig): dynamodb.Table {
    const table = new dynamodb.Table(this, id, {
      tableName,
      partitionKey: attribute(design.partitionKey),
      ...(design.sortKey ? { sortKey: attribute(design.sortKey) } : {}),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: stage.production,
      removalPolicy: stage.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      ...(design.stream ? { stream: dynamodb.StreamViewType[design.stream] } : {}),
      ...(design.timeToLiveAttribute ? { timeToLiveAttribute: design.timeToLiveAttribute } : {}),
    });
    for (const index of design.indexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        sortKey: attribute(index.sortKey),
        projectionType: dynamodb.ProjectionType.INCLUDE,
        nonKeyAttributes: [...index.nonKeyAttributes],
      });
    }
    return table;
  }
}

/** amazonaws.com, or amazonaws.com.cn in the China regions. */
const domainOf = (stage: StageConfig) => RegionInfo.get(stage.region).domainSuffix ?? 'amazonaws.com';

const attribute = (key: KeyAttribute): dynamodb.Attribute => ({
  name: key.name,
  type: key.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER,
});
