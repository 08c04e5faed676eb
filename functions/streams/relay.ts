import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { HandoffRecord } from '../../domain/handoffs.ts';
import { refOf } from '../../domain/handoffs.ts';
import type { HandoffQueues } from '../adapters/sqs/handoff-queues.ts';
import { logger, metrics } from '../shared/observability.ts';

type Image = Record<string, AttributeValue>;

/**
 * The outbox record a stream record asks to publish: a handoff item that was just written (INSERT) or
 * dispatched again by an admin's retry (MODIFY with a new dispatch number). Attempt counters and
 * settlements change the item too, but publish nothing.
 */
export function handoffToPublish(record: DynamoDBRecord): HandoffRecord | null {
  const newImage = record.dynamodb?.NewImage as Image | undefined;
  if (!newImage || (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY')) return null;
  // Cheap checks on the raw image first: most records are cases and events, which are not ours to read.
  if (newImage.itemType?.S !== 'HANDOFF' || newImage.status?.S !== 'PENDING') return null;
  if (record.eventName === 'MODIFY') {
    const oldImage = record.dynamodb?.OldImage as Image | undefined;
    if (oldImage && oldImage.dispatch?.N === newImage.dispatch?.N) return null;
  }
  return unmarshall(newImage) as HandoffRecord;
}

/**
 * DynamoDB stream → handoff queues. Records are published one by one, in stream order; the first that
 * fails ends the batch and is reported, so the event source retries from it and no later handoff of the
 * same case overtakes it. A record published twice (a retried batch) is dropped by the FIFO queue's
 * deduplication id, and the consumers' guards absorb any copy that outlives that window.
 */
export const createRelay =
  (queues: Pick<HandoffQueues, 'publish'>) =>
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
