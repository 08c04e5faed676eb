import type { DestinationKind } from '../../../domain/shared/destinations.ts';

/**
 * The handoff queues, declared once for the local stack and the CDK stack: FIFO, one per destination
 * kind, each with a dead-letter queue. Messages are grouped by case id and deduplicated by handoff id.
 * The function that drains each queue is in the function catalogue (functions/catalogue.ts).
 */
export interface QueueDesign {
  /** Logical name; the deployed name gets the stage as a prefix. FIFO names end in `.fifo`. */
  readonly name: string;
  readonly deadLetter: string;
  /**
   * Receives after which the consumer gives up: it marks the handoff FAILED and parks the message in the
   * dead-letter queue itself, so a parked message never leaves its handoff looking PENDING.
   */
  readonly parkAfterReceives: number;
  /**
   * Receives before SQS moves a message to the dead-letter queue on its own: the backstop for messages
   * the consumer never saw (a cold start that failed, a timeout, a record skipped behind its group).
   */
  readonly maxReceiveCount: number;
  /** At least 6 × the consumer's timeout, as AWS advises for Lambda event sources. */
  readonly visibilityTimeoutSeconds: number;
  /** Messages per consumer invocation. */
  readonly batchSize: number;
  readonly consumerTimeoutSeconds: number;
}

/** Every handoff queue's timing: a 30 s consumer, 6 × that as visibility, parked after 5 receives. */
const TIMING = {
  parkAfterReceives: 5,
  maxReceiveCount: 8,
  visibilityTimeoutSeconds: 180,
  consumerTimeoutSeconds: 30,
} as const;

const queue = <K extends string>(kind: K, batchSize: number) =>
  ({
    name: `handoffs-${kind}.fifo`,
    deadLetter: `handoffs-${kind}-dlq.fifo`,
    batchSize,
    ...TIMING,
  }) as const satisfies QueueDesign;

export const HANDOFF_QUEUES = {
  UNION_POST: queue('union-post', 10),
  ARBITRATION: queue('arbitration', 5),
  COURT: queue('court', 5),
} as const satisfies Record<DestinationKind, QueueDesign>;

export type HandoffQueueKind = DestinationKind;
export const HANDOFF_QUEUE_KINDS = Object.keys(HANDOFF_QUEUES) as HandoffQueueKind[];
