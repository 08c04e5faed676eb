import { backgroundHandler } from '../shared/background.ts';
import { handoffQueues } from '../shared/pipeline.ts';
import { repositories } from '../shared/store.ts';
import { useCaseDeps } from '../shared/use-case-deps.ts';
import { createUnionPostConsumer } from './consumers.ts';

const repos = repositories();

/** The union-post queue → the receiving post's inbox (see consumers.ts). */
export const handler = backgroundHandler(
  createUnionPostConsumer({ deps: () => useCaseDeps(repos), queues: handoffQueues }),
);
