import { Stack, Validations } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { resourceName, type StageConfig } from '../stage-config.ts';
import type { ServiceFunction } from './service-function.ts';

/**
 * How a new version of a function reaches its `live` alias. In production CodeDeploy sends 10 % of the
 * traffic to it for 5 minutes, then all of it, and moves the alias back if the function's error alarm
 * fires meanwhile (or the deployment fails or is stopped); CloudFormation waits for that. Elsewhere the
 * alias moves at once, with the stack update.
 */
export const ROLLOUT = {
  production: codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES,
} as const;

const shared = new WeakMap<Stack, { application: codedeploy.LambdaApplication; role: iam.Role }>();

/** Puts a function's `live` alias under a canary deployment in production; nothing elsewhere. */
export function rollOut(
  scope: Construct,
  stage: StageConfig,
  fn: ServiceFunction,
  rollbackOn: readonly cloudwatch.IAlarm[],
): codedeploy.LambdaDeploymentGroup | undefined {
  if (!stage.production) return undefined;
  const stack = Stack.of(scope);
  let common = shared.get(stack);
  if (!common) {
    const application = new codedeploy.LambdaApplication(stack, 'Rollouts', {
      applicationName: resourceName(stage, 'functions'),
    });
    // One role for every deployment group: it may read the functions' versions and move their aliases.
    const role = new iam.Role(stack, 'RolloutRole', {
      assumedBy: new iam.ServicePrincipal('codedeploy.amazonaws.com'),
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSCodeDeployRoleForLambdaLimited'),
      ],
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
      reason:
        "CodeDeploy's own role for Lambda: the AWS managed AWSCodeDeployRoleForLambdaLimited only reads function versions, updates aliases and invokes hooks, and AWS keeps it current with the service.",
    });
    common = { application, role };
    shared.set(stack, common);
  }
  const group = new codedeploy.LambdaDeploymentGroup(scope, `${fn.node.id}Rollout`, {
    application: common.application,
    role: common.role,
    alias: fn.live,
    deploymentConfig: ROLLOUT.production,
    alarms: [...rollbackOn],
    autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
  });
  return group;
}
