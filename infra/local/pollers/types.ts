import type {
  Context,
  DynamoDBBatchResponse,
  DynamoDBStreamEvent,
  SQSBatchResponse,
  SQSEvent,
} from 'aws-lambda';

/**
 * Local stand-ins for Lambda's event sources, so `npm start` and the tests run the pipeline with the
 * handlers Lambda runs: batches of the configured size, partial batch responses, retries from the failed
 * record (streams) or after the visibility timeout (SQS), SQS's own dead-letter redrive, and schedules.
 */
export interface Poller {
  /** Stops polling and waits for the batches in flight. */
  stop(): Promise<void>;
}

export type StreamHandler = (
  event: DynamoDBStreamEvent,
  context: Context,
) => Promise<DynamoDBBatchResponse | undefined>;
export type QueueHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;
export type ScheduledHandler = (event: unknown, context: Context) => Promise<unknown>;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
