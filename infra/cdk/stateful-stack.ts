import { Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import {
  CASES_TABLE,
  IDEMPOTENCY_TABLE,
  type KeyAttribute,
  type TableDesign,
} from '../../functions/adapters/dynamodb/table-design.ts';
import { HANDOFF_QUEUES, type QueueDesign } from '../../functions/adapters/sqs/queues.ts';
import { createPartnerTable } from './constructs/partner-store.ts';
import { resourceName, type StageConfig } from './stage-config.ts';

export type HandoffKind = keyof typeof HANDOFF_QUEUES;

export interface HandoffQueue {
  readonly design: QueueDesign;
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue: sqs.IQueue;
}

/**
 * What the stateless stack receives from the stateful one: every resource that holds data or identity.
 * The stateless stack can be destroyed and redeployed at will; nothing here is touched by that.
 */
export interface CoreResources {
  /** Encrypts the tables, queues, the cursor secret, the alarm topic and the log groups. */
  readonly key: kms.IKey;
  readonly casesTable: dynamodb.ITable;
  /** The design the cases table was built from: its index names scope the IAM grants. */
  readonly casesTableDesign: TableDesign;
  readonly idempotencyTable: dynamodb.ITable;
  /** Signs pagination cursors (HMAC); generated, never in code or in the template. */
  readonly cursorSecret: secretsmanager.ISecret;
  readonly handoffQueues: Readonly<Record<HandoffKind, HandoffQueue>>;
  /** The courts and arbitration institutes that receive handoffs, one item each (constructs/partner-store.ts). */
  readonly partnerTable: dynamodb.ITable;
  readonly userPool: cognito.IUserPool;
  readonly userPoolClient: cognito.IUserPoolClient;
  /**
   * Reminders of statutory deadlines (no personal data), with `postId`, `severity` and `clock` message
   * attributes for the filter policies of each post's e-mail and SMS subscriptions.
   */
  readonly reminderTopic: sns.ITopic;
}

export interface StatefulStackProps extends StackProps {
  readonly stage: StageConfig;
}

/** Keys, tables, queues, the cursor secret and the user pool: everything that must outlive a redeploy. */
export class StatefulStack extends Stack implements CoreResources {
  readonly key: kms.Key;
  readonly casesTable: dynamodb.Table;
  readonly casesTableDesign = CASES_TABLE;
  readonly idempotencyTable: dynamodb.Table;
  readonly cursorSecret: secretsmanager.Secret;
  readonly handoffQueues: Readonly<Record<HandoffKind, HandoffQueue>>;
  readonly partnerTable: dynamodb.Table;
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  readonly reminderTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { stage } = props;
    const removalPolicy = stage.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.key = new kms.Key(this, 'DataKey', {
      alias: `alias/${resourceName(stage, 'data')}`,
      description: `ldm ${stage.name}: cases, idempotency records, handoff queues, cursor secret, logs, alarms`,
      enableKeyRotation: true,
      removalPolicy,
    });
    // CloudWatch Logs encrypts the function and access log groups with this key; only for this account's
    // log groups in this region.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogsForThisAccount',
        principals: [new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
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
    // CloudWatch alarms publish to the KMS-encrypted alarm topic.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsToEncryptedTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
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

    this.partnerTable = createPartnerTable(this, { stage, key: this.key });

    // Here rather than in the stateless stack: the posts' subscriptions (confirmed by each recipient) must
    // survive a redeploy of the functions.
    this.reminderTopic = new sns.Topic(this, 'ReminderTopic', {
      topicName: resourceName(stage, 'reminders'),
      displayName: `ldm ${stage.name} deadline reminders`,
      masterKey: this.key,
      enforceSSL: true,
    });

    const queues: Partial<Record<HandoffKind, HandoffQueue>> = {};
    for (const [kind, design] of Object.entries(HANDOFF_QUEUES) as [HandoffKind, QueueDesign][]) {
      queues[kind] = this.handoffQueue(kind, design, stage, removalPolicy);
    }
    this.handoffQueues = queues as Record<HandoffKind, HandoffQueue>;

    this.userPool = new cognito.UserPool(this, 'Mediators', {
      userPoolName: resourceName(stage, 'mediators'),
      // Accounts are created by an administrator who sets role and post; nobody signs themselves up.
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        role: new cognito.StringAttribute({ minLen: 4, maxLen: 16, mutable: true }),
        // Long enough for any post id the domain accepts (domain/shared/validation.ts POST_ID: up to 77 characters).
        postId: new cognito.StringAttribute({ minLen: 1, maxLen: 80, mutable: true }),
      },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: stage.production,
      removalPolicy,
    });
    this.userPoolClient = this.userPool.addClient('MediatorApp', {
      userPoolClientName: resourceName(stage, 'mediator-app'),
      generateSecret: false,
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true })
        .withCustomAttributes('role', 'postId'),
      // Users may not change their own role or post: only an administrator (AdminUpdateUserAttributes).
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }),
    });
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

  private handoffQueue(
    kind: HandoffKind,
    design: QueueDesign,
    stage: StageConfig,
    removalPolicy: RemovalPolicy,
  ): HandoffQueue {
    const common = {
      fifo: true,
      // Deduplication is by handoff id (MessageDeduplicationId), never by body.
      contentBasedDeduplication: false,
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      enforceSSL: true,
      // A handoff waiting over a long holiday must not expire before anyone reads it.
      retentionPeriod: Duration.days(14),
      removalPolicy,
    };
    const name = kind.toLowerCase().replace(/_/g, '-');
    const deadLetterQueue = new sqs.Queue(this, `${pascal(name)}DeadLetters`, {
      ...common,
      queueName: resourceName(stage, design.deadLetter),
    });
    const queue = new sqs.Queue(this, `${pascal(name)}Handoffs`, {
      ...common,
      queueName: resourceName(stage, design.name),
      visibilityTimeout: Duration.seconds(design.visibilityTimeoutSeconds),
      deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: design.maxReceiveCount },
    });
    return { design, queue, deadLetterQueue };
  }
}

const attribute = (key: KeyAttribute): dynamodb.Attribute => ({
  name: key.name,
  type: key.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER,
});

const pascal = (kebab: string) =>
  kebab
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
