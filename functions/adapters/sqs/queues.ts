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

/** Every handoff queue's timing: a 30 s consumer, 6 × that as visibility, parked after 5 receives. */
const TIMING = {
  parkAfterReceives: 5,
  maxReceiveCount: 8,
  visibilityTimeoutSeconds: 180,
  consumerTimeoutSeconds: 30,
} as const;

const queue = <K extends string, C extends string>(kind: K, consumer: C, batchSize: number) =>
  ({
    name: `handoffs-${kind}.fifo`,
    deadLetter: `handoffs-${kind}-dlq.fifo`,
    consumer,
    batchSize,
    ...TIMING,
  }) as const satisfies QueueDesign;

export const HANDOFF_QUEUES = {
  UNION_POST: queue('union-post', 'union-post-handoffs', 10),
  ARBITRATION: queue('arbitration', 'partner-handoffs', 5),
  COURT: queue('court', 'partner-handoffs', 5),
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
