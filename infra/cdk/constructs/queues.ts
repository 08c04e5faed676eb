import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { HANDOFF_QUEUES, QueueDesign } from '../../../functions/adapters/sqs/queues.ts';
import { SWEEP_TASKS } from '../../../functions/adapters/sqs/sweep-queue.ts';
import { resourceName, type StageConfig } from '../stage-config.ts';

export type HandoffKind = keyof typeof HANDOFF_QUEUES;

export interface HandoffQueue {
  readonly design: QueueDesign;
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue: sqs.IQueue;
}

/** The stateful stack's queues: one FIFO queue and its dead letters per handoff kind, the sweep's shard tasks. */

/** Standard, not FIFO: a shard task delivered twice is harmless, and standard queues scale without groups. */
export function sweepTaskQueue(
  scope: Construct,
  key: kms.IKey,
  stage: StageConfig,
  removalPolicy: RemovalPolicy,
) {
  const common = {
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: key,
    enforceSSL: true,
    removalPolicy,
  };
  const deadLetterQueue = new sqs.Queue(scope, 'SweepShardDeadLetters', {
    ...common,
    queueName: resourceName(stage, SWEEP_TASKS.deadLetter),
    retentionPeriod: Duration.days(14),
  });
  const queue = new sqs.Queue(scope, 'SweepShardTasks', {
    ...common,
    queueName: resourceName(stage, SWEEP_TASKS.name),
    visibilityTimeout: Duration.seconds(SWEEP_TASKS.visibilityTimeoutSeconds),
    // A task is worth sweeping for a day; the next plans send fresh ones for whatever is still due.
    retentionPeriod: Duration.days(1),
    deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: SWEEP_TASKS.maxReceiveCount },
  });
  return { queue, deadLetterQueue };
}

export function handoffQueue(
  scope: Construct,
  key: kms.IKey,
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
    encryptionMasterKey: key,
    enforceSSL: true,
    // A handoff waiting over a long holiday must not expire before anyone reads it.
    retentionPeriod: Duration.days(14),
    removalPolicy,
  };
  const name = kind.toLowerCase().replace(/_/g, '-');
  const deadLetterQueue = new sqs.Queue(scope, `${pascal(name)}DeadLetters`, {
    ...common,
    queueName: resourceName(stage, design.deadLetter),
  });
  const queue = new sqs.Queue(scope, `${pascal(name)}Handoffs`, {
    ...common,
    queueName: resourceName(stage, design.name),
    visibilityTimeout: Duration.seconds(design.visibilityTimeoutSeconds),
    deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: design.maxReceiveCount },
  });
  return { design, queue, deadLetterQueue };
}

const pascal = (kebab: string) =>
  kebab
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
