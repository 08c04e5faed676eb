import { backgroundHandler } from '../shared/background.ts';
import { handoffQueues, partnerDirectory, pipelineConfig } from '../shared/pipeline.ts';
import { storeDeps } from '../shared/store.ts';
import { createPartnerConsumer } from './consumers.ts';

/** The arbitration and court queues → the partners' webhook endpoints (see consumers.ts). */
export const handler = backgroundHandler(
  createPartnerConsumer({
    deps: storeDeps(null),
    queues: handoffQueues,
    partners: partnerDirectory(),
    delivery: {
      timeoutMs: pipelineConfig.PARTNER_TIMEOUT_MS,
      attempts: pipelineConfig.PARTNER_ATTEMPTS,
      backoffMs: pipelineConfig.PARTNER_BACKOFF_MS,
    },
  }),
);
