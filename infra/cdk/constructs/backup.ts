import { ArnFormat, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { resourceName, type StageConfig } from '../stage-config.ts';

/** 03:00 in the China and Singapore time zones (UTC+8): after the working day, before the sweeps' busy hours. */
const DAILY_AT = events.Schedule.cron({ hour: '19', minute: '0' });

/** The vault the daily recovery points are copied to, in `backup.copyTo` (same name in every stage's region). */
export const copyVaultName = (stage: StageConfig) => resourceName(stage, 'backup-copy');

/** Vault lock from the stage: compliance mode (`changeableFor` set), so after the grace days nobody can lift it. */
const lockOf = (stage: StageConfig): backup.LockConfiguration | undefined =>
  stage.backup.lock && {
    minRetention: Duration.days(stage.backup.lock.minRetentionDays),
    changeableFor: Duration.days(stage.backup.lock.changeableForDays),
  };

export interface TableBackupProps {
  readonly stage: StageConfig;
  readonly tables: readonly dynamodb.ITable[];
  /** Encrypts the vault's recovery points (DynamoDB's advanced backup features). */
  readonly key: kms.IKey;
}

/**
 * A daily AWS Backup of the tables into a vault of their own (locked in production), copied to the stage's
 * second region (and account). Point-in-time recovery on the tables covers the last 35 days to the second;
 * the daily points cover a deleted table, a region lost, or a mistake found after PITR's window.
 */
export class TableBackup extends Construct {
  readonly vault: backup.BackupVault;
  readonly plan: backup.BackupPlan;

  constructor(scope: Construct, id: string, props: TableBackupProps) {
    super(scope, id);
    const { stage } = props;
    const stack = Stack.of(this);
    const lock = lockOf(stage);
    this.vault = new backup.BackupVault(this, 'Vault', {
      backupVaultName: resourceName(stage, 'backup'),
      encryptionKey: props.key,
      removalPolicy: stage.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      ...(lock ? { lockConfiguration: lock } : {}),
    });
    const deleteAfter = Duration.days(stage.backup.retentionDays);
    const copyTo = stage.backup.copyTo;
    const copyActions: backup.BackupPlanCopyActionProps[] = copyTo
      ? [
          {
            destinationBackupVault: backup.BackupVault.fromBackupVaultArn(
              this,
              'CopyVault',
              stack.formatArn({
                service: 'backup',
                region: copyTo.region,
                account: copyTo.account ?? stack.account,
                resource: 'backup-vault',
                resourceName: copyVaultName(stage),
                arnFormat: ArnFormat.COLON_RESOURCE_NAME,
              }),
            ),
            deleteAfter,
          },
        ]
      : [];
    this.plan = new backup.BackupPlan(this, 'Plan', {
      backupPlanName: resourceName(stage, 'tables'),
      backupVault: this.vault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'Daily',
          scheduleExpression: DAILY_AT,
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(8),
          deleteAfter,
          copyActions,
        }),
      ],
    });
    const selection = this.plan.addSelection('Tables', {
      backupSelectionName: resourceName(stage, 'tables'),
      resources: props.tables.map((table) => backup.BackupResource.fromDynamoDbTable(table)),
      allowRestores: true,
    });
    // The service role AWS Backup assumes: AWS keeps these two policies in step with the service, only
    // backup.amazonaws.com can assume the role, and the selection names the tables.
    for (const policy of ['AWSBackupServiceRolePolicyForBackup', 'AWSBackupServiceRolePolicyForRestores']) {
      Validations.of(selection).acknowledge({
        id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/${policy}]`,
        reason: `AWS Backup's service role uses the AWS-managed ${policy}, which AWS keeps in step with the service; only backup.amazonaws.com can assume the role, and the selection names the tables.`,
      });
    }
  }
}

export interface BackupCopyStackProps extends StackProps {
  readonly stage: StageConfig;
  /** The stage's account when it differs from this stack's: only it may copy in. @default the same account */
  readonly sourceAccount?: string;
}

/**
 * The copy vault in the second region (and account): its own key, the same lock, and a policy that lets
 * only the stage's account copy in. Deployed before the stateful stack's first daily backup.
 */
export class BackupCopyStack extends Stack {
  readonly vault: backup.BackupVault;

  constructor(scope: Construct, id: string, props: BackupCopyStackProps) {
    super(scope, id, props);
    const { stage } = props;
    const key = new kms.Key(this, 'CopyKey', {
      alias: `alias/${resourceName(stage, 'backup-copy')}`,
      description: `ldm ${stage.name}: copies of the tables' daily recovery points`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const lock = lockOf(stage);
    this.vault = new backup.BackupVault(this, 'Vault', {
      backupVaultName: copyVaultName(stage),
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
      ...(lock ? { lockConfiguration: lock } : {}),
      ...(props.sourceAccount === undefined
        ? {}
        : {
            accessPolicy: new iam.PolicyDocument({
              statements: [
                new iam.PolicyStatement({
                  sid: 'CopyFromTheStageAccount',
                  principals: [new iam.AccountPrincipal(props.sourceAccount)],
                  actions: ['backup:CopyIntoBackupVault'],
                  resources: ['*'],
                }),
              ],
            }),
          }),
    });
  }
}
