/**
 * The handoff queues, declared once for the local stack and the CDK stack: FIFO, one per destination
 * kind, each with a dead-letter queue and the consumer that drains it. Messages are grouped by case id
 * and deduplicated by handoff id.
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
  /** The consumer: `functions/queues/<consumer>.ts`, exporting `handler`. */
  readonly consumer: string;
  readonly batchSize: number;
  readonly consumerTimeoutSeconds: number;
}

export const HANDOFF_QUEUES = {
  UNION_POST: {
    name: 'handoffs-union-post.fifo',
    deadLetter: 'handoffs-union-post-dlq.fifo',
    parkAfterReceives: 5,
    maxReceiveCount: 8,
    visibilityTimeoutSeconds: 180,
    consumer: 'union-post-handoffs',
    batchSize: 10,
    consumerTimeoutSeconds: 30,
  },
  ARBITRATION: {
    name: 'handoffs-arbitration.fifo',
    deadLetter: 'handoffs-arbitration-dlq.fifo',
    parkAfterReceives: 5,
    maxReceiveCount: 8,
    visibilityTimeoutSeconds: 180,
    consumer: 'partner-handoffs',
    batchSize: 5,
    consumerTimeoutSeconds: 30,
  },
  COURT: {
    name: 'handoffs-court.fifo',
    deadLetter: 'handoffs-court-dlq.fifo',
    parkAfterReceives: 5,
    maxReceiveCount: 8,
    visibilityTimeoutSeconds: 180,
    consumer: 'partner-handoffs',
    batchSize: 5,
    consumerTimeoutSeconds: 30,
  },
} as const satisfies Record<string, QueueDesign>;

export type HandoffQueueKind = keyof typeof HANDOFF_QUEUES;
export const HANDOFF_QUEUE_KINDS = Object.keys(HANDOFF_QUEUES) as HandoffQueueKind[];

export const consumerModule = (design: QueueDesign) => `functions/queues/${design.consumer}.ts`;

/**
 * The sweeper: on a schedule, dispatches again through the outbox any handoff still PENDING long after
 * it was requested with no attempt since (a lost stream record, a message that never arrived).
 */
export const HANDOFF_SWEEPER = {
  module: 'functions/schedules/handoff-sweeper.ts',
  everyMinutes: 10,
  /** Older than any handoff the pipeline is still working on: 5 receives × 180 s visibility = 15 min. */
  staleAfterMinutes: 30,
  batch: 200,
  timeoutSeconds: 60,
} as const;

/**
 * The stream relay: reads the cases table's stream and publishes each new (or retried) handoff outbox
 * record to its destination's queue. Batch failures restart the batch at the first failed record.
 */
export const HANDOFF_RELAY = {
  module: 'functions/streams/handoff-relay.ts',
  batchSize: 100,
  timeoutSeconds: 30,
  /** Lambda event-source filter: only handoff records that are pending. */
  filter: { dynamodb: { NewImage: { itemType: { S: ['HANDOFF'] }, status: { S: ['PENDING'] } } } },
} as const;
