import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { caseImageOf, consultationImageOf, type Image } from '../../domain/statistics/fold.ts';
import type { StatsStore } from '../../domain/statistics/ports.ts';
import { recordBatch } from '../../domain/statistics/record-case.ts';
import { countedImage } from '../adapters/dynamodb/stats-stream.ts';
import { logger, metrics } from '../shared/observability.ts';

/**
 * Cases table stream → the statistics: the batch's case and consultation images, folded per subject and
 * written a few transactions at a time, exactly once per version (domain/statistics/record-case.ts). On
 * a failure the batch reports the first record whose subject was not counted (or that could not be read),
 * so the event source retries from it; the records before it are all counted, and those after it that
 * were counted already count nothing the second time.
 */
export const createStatsAggregator =
  (store: StatsStore) =>
  async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const images: Image[] = [];
    /** The record each image came from. */
    const positions: number[] = [];
    let unreadable: number | null = null;
    for (const [i, record] of event.Records.entries()) {
      try {
        const counted = countedImage(record);
        if (!counted) continue;
        images.push(counted.kind === 'CASE' ? caseImageOf(counted.item) : consultationImageOf(counted.item));
        positions.push(i);
      } catch (error) {
        logger.error('statistics: a record could not be read; the batch resumes here', {
          sequenceNumber: record.dynamodb?.SequenceNumber,
          error: error as Error,
        });
        unreadable = i;
        break;
      }
    }
    const result = await recordBatch(store, images);
    metrics.addMetric('StatsCounted', MetricUnit.Count, result.counted);
    metrics.addMetric('StatsAlreadyCounted', MetricUnit.Count, result.alreadyCounted);
    const failedAt = result.failedAt === null ? null : (positions[result.failedAt] as number);
    if (failedAt !== null) {
      logger.error('statistics: counting failed; the batch resumes at its first subject not counted', {
        subject: images[result.failedAt ?? 0]?.subject,
        sequenceNumber: event.Records[failedAt]?.dynamodb?.SequenceNumber,
        error: result.error as Error,
      });
    }
    const resumeAt = Math.min(failedAt ?? Number.POSITIVE_INFINITY, unreadable ?? Number.POSITIVE_INFINITY);
    if (resumeAt === Number.POSITIVE_INFINITY) return { batchItemFailures: [] };
    metrics.addMetric('StatsCountFailed', MetricUnit.Count, 1);
    return {
      batchItemFailures: [{ itemIdentifier: event.Records[resumeAt]?.dynamodb?.SequenceNumber ?? '' }],
    };
  };
