import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startFauxqs } from 'fauxqs';
import { HANDOFF_QUEUES } from '../../functions/adapters/sqs/queues.ts';
import { SWEEP_TASKS } from '../../functions/adapters/sqs/sweep-queue.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './ports.ts';

export interface SqsLocal {
  readonly endpoint: string;
  readonly queueUrls: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts the SQS emulator (fauxqs) in this process on a loopback port and creates the handoff queues and the
 * reminder sweep's queue of shard tasks.
 * `visibilityTimeoutSeconds` shortens AWS's timeout so a failed message returns in seconds, not minutes.
 */
export async function startSqsLocal(
  options: { port?: number; visibilityTimeoutSeconds?: number } = {},
): Promise<SqsLocal> {
  const server = await startFauxqs({ port: options.port ?? 0, logger: false });
  const endpoint = server.address;
  const client = new SQSClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const queueUrls: Record<string, string> = {};
  try {
    for (const design of Object.values(HANDOFF_QUEUES)) {
      const dlq = await client.send(
        new CreateQueueCommand({ QueueName: design.deadLetter, Attributes: { FifoQueue: 'true' } }),
      );
      const dlqArn = await client.send(
        new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }),
      );
      const queue = await client.send(
        new CreateQueueCommand({
          QueueName: design.name,
          Attributes: {
            FifoQueue: 'true',
            VisibilityTimeout: String(options.visibilityTimeoutSeconds ?? design.visibilityTimeoutSeconds),
            RedrivePolicy: JSON.stringify({
              deadLetterTargetArn: dlqArn.Attributes?.QueueArn,
              maxReceiveCount: design.maxReceiveCount,
            }),
          },
        }),
      );
      queueUrls[design.name] = queue.QueueUrl ?? '';
      queueUrls[design.deadLetter] = dlq.QueueUrl ?? '';
    }
    // The reminder sweep's shard tasks: a standard queue (a task delivered twice is harmless).
    const sweepDlq = await client.send(new CreateQueueCommand({ QueueName: SWEEP_TASKS.deadLetter }));
    const sweepDlqArn = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: sweepDlq.QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    const sweep = await client.send(
      new CreateQueueCommand({
        QueueName: SWEEP_TASKS.name,
        Attributes: {
          VisibilityTimeout: String(options.visibilityTimeoutSeconds ?? SWEEP_TASKS.visibilityTimeoutSeconds),
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: sweepDlqArn.Attributes?.QueueArn,
            maxReceiveCount: SWEEP_TASKS.maxReceiveCount,
          }),
        },
      }),
    );
    queueUrls[SWEEP_TASKS.name] = sweep.QueueUrl ?? '';
    queueUrls[SWEEP_TASKS.deadLetter] = sweepDlq.QueueUrl ?? '';
  } catch (error) {
    client.destroy();
    await server.stop();
    throw error;
  }
  return {
    endpoint,
    queueUrls,
    async stop() {
      client.destroy();
      await server.stop();
    },
  };
}
