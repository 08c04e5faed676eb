import { backgroundHandler } from '../shared/background.ts';
import { handoffQueues } from '../shared/pipeline.ts';
import { storeDeps } from '../shared/store.ts';
import { createUnionPostConsumer } from './consumers.ts';

/** The union-post queue → the receiving post's inbox (see consumers.ts). */
export const handler = backgroundHandler(
  createUnionPostConsumer({ deps: storeDeps(null), queues: handoffQueues }),
);
