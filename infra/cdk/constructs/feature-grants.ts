import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { CoreResources } from '../stateful-stack.ts';
import { KMS_DECRYPT, KMS_ENCRYPT, SQS_CONSUME_ACTIONS, SQS_KMS_SEND } from './grant-actions.ts';
import { viaService } from './partner-grants.ts';

/**
 * Grants of the features added beside the core's (CoreGrants.apply calls them): the warnings topic, the
 * sweep's shard tasks, access records.
 */

/**
 * Publish to the warnings topic, and only that topic; sets `WARNING_TOPIC_ARN` for
 * functions/shared/warnings.ts. Encrypted with the stack's key: a data key through SNS only.
 */
export function publishWarnings(core: CoreResources, fn: lambda.Function): void {
  fn.addEnvironment('WARNING_TOPIC_ARN', core.warningTopic.topicArn);
  fn.addToRolePolicy(
    new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [core.warningTopic.topicArn] }),
  );
  viaService(core.key, fn, 'sns', ['kms:Decrypt', 'kms:GenerateDataKey']);
}

/**
 * The reminder sweep's queue of shard tasks, `SWEEP_TASKS_QUEUE_URL`: send (the planner), or receive and
 * delete as its event source, and send a task on when a shard's sweep stops for time (the worker).
 */
export function useSweepTasks(core: CoreResources, fn: lambda.Function, use: 'send' | 'consume'): void {
  const { queue } = core.sweepTasks;
  fn.addEnvironment('SWEEP_TASKS_QUEUE_URL', queue.queueUrl);
  const actions = use === 'send' ? ['sqs:SendMessage'] : [...SQS_CONSUME_ACTIONS, 'sqs:SendMessage'];
  fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources: [queue.queueArn] }));
  viaService(core.key, fn, 'sqs', SQS_KMS_SEND);
}

/**
 * Append access records, and nothing else: PutItem and BatchWriteItem on items whose partition key starts
 * `ACCESS#` (functions/adapters/dynamodb/access-log.ts); sets `TABLE_NAME`.
 */
export function recordAccess(core: CoreResources, fn: lambda.Function): void {
  fn.addEnvironment('TABLE_NAME', core.casesTable.tableName);
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['dynamodb:PutItem', 'dynamodb:BatchWriteItem'],
      resources: [core.casesTable.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['ACCESS#*'] } },
    }),
  );
  viaService(core.key, fn, 'dynamodb', [...KMS_DECRYPT, ...KMS_ENCRYPT]);
}
