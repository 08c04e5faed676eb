import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { type HandoffRecord, refOf } from '../../domain/handoffs/model.ts';
import type { HandoffPublisher } from '../../domain/handoffs/ports.ts';
import { handoffToPublish } from '../adapters/dynamodb/stream.ts';
import { logger, metrics } from '../shared/observability.ts';

/**
 * DynamoDB stream → handoff queues. Records are published one by one, in stream order; the first that
 * fails ends the batch and is reported, so the event source retries from it and no later handoff of the
 * same case overtakes it. A record published twice (a retried batch) is dropped by the FIFO queue's
 * deduplication id, and the consumers' guards absorb any copy that outlives that window.
 */
export const createRelay =
  (queues: HandoffPublisher) =>
  async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    for (const record of event.Records) {
      let handoff: HandoffRecord | null = null;
      try {
        handoff = handoffToPublish(record);
        if (!handoff) continue;
        await queues.publish(handoff.destination.kind, refOf(handoff));
        metrics.addMetric('HandoffPublished', MetricUnit.Count, 1);
        logger.info('handoff published', {
          handoffId: handoff.handoffId,
          caseId: handoff.caseId,
          destination: handoff.destination.kind,
          dispatch: handoff.dispatch,
        });
      } catch (error) {
        logger.error('handoff publish failed; the batch resumes here', {
          handoffId: handoff?.handoffId,
          sequenceNumber: record.dynamodb?.SequenceNumber,
          error: error as Error,
        });
        metrics.addMetric('HandoffPublishFailed', MetricUnit.Count, 1);
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
      }
    }
    return { batchItemFailures: [] };
  };
