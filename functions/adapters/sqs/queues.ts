/**
 * The handoff queues, declared once for the local stack and the CDK stack: FIFO, one per destination
 * kind, each with a dead-letter queue. Messages are grouped by case id and deduplicated by handoff id.
 */
export interface QueueDesign {
  /** Logical name; the deployed name gets the stage as a prefix. FIFO names end in `.fifo`. */
  readonly name: string;
  readonly deadLetter: string;
  readonly maxReceiveCount: number;
  readonly visibilityTimeoutSeconds: number;
}

export const HANDOFF_QUEUES = {
  UNION_POST: {
    name: 'handoffs-union-post.fifo',
    deadLetter: 'handoffs-union-post-dlq.fifo',
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 180,
  },
  ARBITRATION: {
    name: 'handoffs-arbitration.fifo',
    deadLetter: 'handoffs-arbitration-dlq.fifo',
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 180,
  },
  COURT: {
    name: 'handoffs-court.fifo',
    deadLetter: 'handoffs-court-dlq.fifo',
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 180,
  },
} as const satisfies Record<string, QueueDesign>;
