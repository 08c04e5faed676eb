import { SQSClient } from '@aws-sdk/client-sqs';
import type { PartnerDirectory } from '../../domain/handoffs/ports.ts';
import { fileSource, PartnerRegistry } from '../adapters/partners/registry.ts';
import { HandoffQueues } from '../adapters/sqs/handoff-queues.ts';
import { logger } from './observability.ts';
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

/**
 * The partner registry from Secrets Manager (AWS) or a file (local stack); one of them must be set. The
 * registry is read on the first message that needs a partner, so the Secrets Manager client is made then,
 * not at cold start.
 */
export function partnerDirectory(): PartnerDirectory {
  const options = {
    ttlMs: pipelineConfig.PARTNER_REGISTRY_TTL_SECONDS * 1000,
    allowHttp: pipelineConfig.PARTNER_ALLOW_HTTP,
    onProblem: (problem: string) => logger.warn('partner registry', { problem }),
  };
  const secretId = pipelineConfig.PARTNER_REGISTRY_SECRET_ARN;
  if (secretId) {
    const source = async () => {
      const { readSecret } = await import('./secrets.ts');
      return readSecret(secretId, { region, emptyMessage: 'the partner registry secret is empty' });
    };
    return new PartnerRegistry(source, options);
  }
  if (pipelineConfig.PARTNER_REGISTRY_FILE) {
    return new PartnerRegistry(fileSource(pipelineConfig.PARTNER_REGISTRY_FILE), options);
  }
  throw new Error(
    'invalid pipeline configuration: PARTNER_REGISTRY_SECRET_ARN or PARTNER_REGISTRY_FILE must be set',
  );
}
