import { type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiFirewallStack, FIREWALL_REGION } from './api-firewall-stack.ts';
import { BackupCopyStack } from './constructs/backup.ts';
import { DashboardStack } from './dashboard-stack.ts';
import { resolveStage, type StageConfig } from './stage-config.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

export interface MediationStacks {
  readonly stage: StageConfig;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
  /** The copy vault in the stage's second region (and account), when the stage copies its backups. */
  readonly backupCopy?: BackupCopyStack;
  /** The supervisors' dashboard; absent in the China regions until `stage.dashboard` names an ICP domain. */
  readonly dashboard?: DashboardStack;
  /** The mediator API's web ACL in us-east-1, when the stage has per-caller limits (`apiFront`). */
  readonly apiFirewall?: ApiFirewallStack;
}

/**
 * The stage from CDK context: `-c stage=prod` (default `dev`), with optional `-c account=…`,
 * `-c region=…` and `-c alarmEmail=…` overrides. Validated here, so a bad value fails synth.
 */
export function stageFromContext(app: App): StageConfig {
  const context = (key: string): unknown => app.node.tryGetContext(key);
  return resolveStage(String(context('stage') ?? 'dev'), {
    account: context('account'),
    region: context('region'),
    alarmEmail: context('alarmEmail'),
  });
}

/**
 * Both stacks of one stage, joined by typed props, with cdk-nag's AwsSolutions checks on everything: any
 * finding that is not acknowledged with a reason (`Validations.of(construct).acknowledge`) fails synth.
 */
export function createStacks(app: App, stage: StageConfig): MediationStacks {
  const env = { region: stage.region, ...(stage.account ? { account: stage.account } : {}) };
  const stateful = new StatefulStack(app, `ldm-${stage.name}-stateful`, {
    stage,
    env,
    description: `Labour-dispute mediation (${stage.name}): tables, queues, keys, cursor secret, user pool`,
    terminationProtection: stage.production,
  });
  // CloudFront takes only web ACLs of scope CLOUDFRONT, which live in us-east-1: a stack of their own there.
  const apiFirewall =
    stage.apiFront &&
    new ApiFirewallStack(app, `ldm-${stage.name}-api-firewall`, {
      stage,
      front: stage.apiFront,
      env: { ...env, region: FIREWALL_REGION },
      description: `Labour-dispute mediation (${stage.name}): the mediator API's web ACL (per-caller limits)`,
      terminationProtection: stage.production,
    });
  const stateless = new StatelessStack(app, `ldm-${stage.name}-stateless`, {
    stage,
    env,
    core: stateful,
    ...(apiFirewall ? { webAclArn: apiFirewall.webAclArn } : {}),
    description: `Labour-dispute mediation (${stage.name}): functions, mediator API, monitoring`,
    terminationProtection: stage.production,
  });
  // CloudFront China serves nothing on its default name: no dashboard there without an ICP-recorded domain.
  const dashboard =
    stage.partition === 'aws-cn' && !stage.dashboard
      ? undefined
      : new DashboardStack(app, `ldm-${stage.name}-dashboard`, {
          stage,
          env,
          core: stateful,
          api: stateless,
          description: `Labour-dispute mediation (${stage.name}): the supervisors' dashboard (S3 + CloudFront)`,
          terminationProtection: stage.production,
        });
  const copyTo = stage.backup.copyTo;
  const backupCopy =
    copyTo &&
    new BackupCopyStack(app, `ldm-${stage.name}-backup-copy`, {
      stage,
      env: {
        region: copyTo.region,
        ...((copyTo.account ?? stage.account) ? { account: copyTo.account ?? stage.account } : {}),
      },
      ...(copyTo.account && copyTo.account !== stage.account ? { sourceAccount: stage.account } : {}),
      description: `Labour-dispute mediation (${stage.name}): the vault the daily table backups are copied to`,
      terminationProtection: stage.production,
    });
  // The copy vault must exist before the first daily backup copies into it.
  if (backupCopy) stateful.addStackDependency(backupCopy);
  for (const stack of [
    stateful,
    stateless,
    ...(backupCopy ? [backupCopy] : []),
    ...(dashboard ? [dashboard] : []),
    ...(apiFirewall ? [apiFirewall] : []),
  ]) {
    Tags.of(stack).add('project', 'labour-dispute-mediation');
    Tags.of(stack).add('stage', stage.name);
  }
  // Acknowledged findings are also written to the templates' Metadata (cdk_nag.rules_to_suppress) as an
  // audit trail.
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }),
  );
  return {
    stage,
    stateful,
    stateless,
    ...(backupCopy ? { backupCopy } : {}),
    ...(dashboard ? { dashboard } : {}),
    ...(apiFirewall ? { apiFirewall } : {}),
  };
}
