import { backgroundHandler } from '../shared/background.ts';
import { handoffQueues } from '../shared/pipeline.ts';
import { createRelay } from './relay.ts';

/** The cases table's stream → the handoff queues (see relay.ts). */
export const handler = backgroundHandler(createRelay(handoffQueues));
