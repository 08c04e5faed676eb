import { describe, expect, it } from 'vitest';
import { synth } from './support/synth.ts';

/**
 * Every resource of the stateful stack, by logical id. A changed logical id makes CloudFormation create
 * a new resource and delete the old one: for a table, a queue, the key or the user pool that is data or
 * identities lost. A reshape of the code must leave this list as it is; changing it is a migration.
 */
const STATEFUL_RESOURCES: readonly (readonly [string, string])[] = [
  ['DataKey17AFBB84', 'AWS::KMS::Key'],
  ['DataKeyAliasF989EB84', 'AWS::KMS::Alias'],
  ['LogKeyE83D0C1B', 'AWS::KMS::Key'],
  ['LogKeyAlias61EB334B', 'AWS::KMS::Alias'],
  ['ReminderTopic4EA73523', 'AWS::SNS::Topic'],
  ['ReminderTopicPolicy5DCCBFC9', 'AWS::SNS::TopicPolicy'],
  ['SweepShardDeadLettersD391BB29', 'AWS::SQS::Queue'],
  ['SweepShardDeadLettersPolicy85EC3EE2', 'AWS::SQS::QueuePolicy'],
  ['SweepShardTasksCDF5E653', 'AWS::SQS::Queue'],
  ['SweepShardTasksPolicy378C71E5', 'AWS::SQS::QueuePolicy'],
  // Early warnings (issue 20).
  ['WarningTopicE070F32B', 'AWS::SNS::Topic'],
  ['WarningTopicPolicy035E2ECD', 'AWS::SNS::TopicPolicy'],
  ['BackupVaultADF21B19', 'AWS::Backup::BackupVault'],
  ['BackupPlan14914BEB', 'AWS::Backup::BackupPlan'],
  ['BackupPlanTablesRole1E450ACC', 'AWS::IAM::Role'],
  ['BackupPlanTablesB02D6EDC', 'AWS::Backup::BackupSelection'],
  ['CasesTableABF7127D', 'AWS::DynamoDB::Table'],
  ['IdempotencyTable22A5A209', 'AWS::DynamoDB::Table'],
  ['CursorSecretABAE1358', 'AWS::SecretsManager::Secret'],
  // The partner registry secret became the partner table (a migration: docs/deploying.md, the partner table).
  ['PartnerTableF81B8064', 'AWS::DynamoDB::Table'],
  ['UnionPostDeadLettersF1A305F5', 'AWS::SQS::Queue'],
  ['UnionPostDeadLettersPolicyE4F87D01', 'AWS::SQS::QueuePolicy'],
  ['UnionPostHandoffsBEE53390', 'AWS::SQS::Queue'],
  ['UnionPostHandoffsPolicy7E1D97F6', 'AWS::SQS::QueuePolicy'],
  ['ArbitrationDeadLetters0F8B0F79', 'AWS::SQS::Queue'],
  ['ArbitrationDeadLettersPolicyB059EB27', 'AWS::SQS::QueuePolicy'],
  ['ArbitrationHandoffs8444FE11', 'AWS::SQS::Queue'],
  ['ArbitrationHandoffsPolicy3AEFE8AB', 'AWS::SQS::QueuePolicy'],
  ['CourtDeadLetters03876BBA', 'AWS::SQS::Queue'],
  ['CourtDeadLettersPolicy9A15FC0C', 'AWS::SQS::QueuePolicy'],
  ['CourtHandoffsAFAF1F12', 'AWS::SQS::Queue'],
  ['CourtHandoffsPolicy4E2BCEFD', 'AWS::SQS::QueuePolicy'],
  ['MediatorsBDC66636', 'AWS::Cognito::UserPool'],
  ['MediatorsMediatorApp54B17240', 'AWS::Cognito::UserPoolClient'],
  // The dashboard's sign-in (PKCE): its own public app client and the pool's domain (constructs/sign-in.ts).
  ['MediatorsDashboardApp85AF27D9', 'AWS::Cognito::UserPoolClient'],
  ['MediatorsSignInDomain19C43253', 'AWS::Cognito::UserPoolDomain'],
  // Trust: the KMS keys that seal personal fields and key the duplicate filings' HMAC (issue 22).
  ['SealingKeysFieldSealingKey14928A69', 'AWS::KMS::Key'],
  ['SealingKeysFieldSealingKeyAliasDA9B3A4F', 'AWS::KMS::Alias'],
  ['SealingKeysDuplicateHmacKeyA7B4486A', 'AWS::KMS::Key'],
  ['SealingKeysDuplicateHmacKeyAlias0C223406', 'AWS::KMS::Alias'],
  // Trust: the audit trail's signed checkpoints, their bucket and their asymmetric signing key (issue 22).
  ['AuditTrailCheckpointBucketE5D990E3', 'AWS::S3::Bucket'],
  ['AuditTrailCheckpointBucketPolicy95422FC6', 'AWS::S3::BucketPolicy'],
  ['AuditTrailCheckpointSigningKey5A51C60C', 'AWS::KMS::Key'],
  ['AuditTrailCheckpointSigningKeyAliasF7320428', 'AWS::KMS::Alias'],
  // The cases exports and their Athena workgroup (infra/cdk/constructs/analytics.ts).
  ['AnalyticsAccessLogs7A7AC847', 'AWS::S3::Bucket'],
  ['AnalyticsAccessLogsPolicy791745E0', 'AWS::S3::BucketPolicy'],
  ['AnalyticsExportsC91A0A6B', 'AWS::S3::Bucket'],
  ['AnalyticsExportsPolicy67E198AD', 'AWS::S3::BucketPolicy'],
  ['AnalyticsQueryResults11B30085', 'AWS::S3::Bucket'],
  ['AnalyticsQueryResultsPolicy3DAF5EFE', 'AWS::S3::BucketPolicy'],
  ['AnalyticsWorkGroup1F3DE8A4', 'AWS::Athena::WorkGroup'],
  ['AnalyticsDatabase9D7E58B6', 'AWS::Glue::Database'],
  ['AnalyticsCasesExport72916A36', 'AWS::Glue::Table'],
  ['AnalyticsReceivedByMonthAndPostA5D01784', 'AWS::Athena::NamedQuery'],
  ['AnalyticsClosedByManner152F889C', 'AWS::Athena::NamedQuery'],
  ['AnalyticsMoneyRecovered01AC0AE1', 'AWS::Athena::NamedQuery'],
];

describe.each(['dev', 'prod'] as const)('the stateful stack (%s)', (stageName) => {
  it('keeps every resource under its logical id', () => {
    const s = synth(stageName);
    try {
      const resources = s.statefulTemplate.toJSON().Resources as Record<string, { Type: string }>;
      const deployed = Object.entries(resources).map(([id, resource]) => [id, resource.Type] as const);
      expect([...deployed].sort()).toEqual([...STATEFUL_RESOURCES].sort());
    } finally {
      s.cleanup();
    }
    // A whole app's synth (five stacks with the API's firewall) inside the test, on a loaded machine.
  }, 300_000);
});
