import { SQSClient } from '@aws-sdk/client-sqs';
import { HandoffQueues } from '../adapters/sqs/handoff-queues.ts';
import { loadPipelineConfig } from './pipeline-config.ts';
import { withoutSdkLogging } from './sdk.ts';

/** Composition root of the handoff pipeline: its configuration and clients, once per container. */
export const pipelineConfig = loadPipelineConfig();

const region = process.env.AWS_REGION ?? 'us-east-1';

export const sqs = withoutSdkLogging(
  new SQSClient({
    region,
    ...(pipelineConfig.SQS_ENDPOINT ? { endpoint: pipelineConfig.SQS_ENDPOINT } : {}),
  }),
);

export const handoffQueues = new HandoffQueues(sqs, pipelineConfig.HANDOFF_QUEUES);
