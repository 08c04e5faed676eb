import { backgroundHandler } from '../shared/background.ts';
import { partnerDirectory } from '../shared/partner-store.ts';
import { handoffQueues, pipelineConfig } from '../shared/pipeline.ts';
import { repositories } from '../shared/store.ts';
import { useCaseDeps } from '../shared/use-case-deps.ts';
import { createPartnerConsumer } from './consumers.ts';

const repos = repositories();

/** The arbitration and court queues → the partners' webhook endpoints (see consumers.ts). */
export const handler = backgroundHandler(
  createPartnerConsumer({
    deps: () => useCaseDeps(repos),
    queues: handoffQueues,
    partners: partnerDirectory(),
    delivery: {
      timeoutMs: pipelineConfig.PARTNER_TIMEOUT_MS,
      attempts: pipelineConfig.PARTNER_ATTEMPTS,
      backoffMs: pipelineConfig.PARTNER_BACKOFF_MS,
    },
  }),
);
