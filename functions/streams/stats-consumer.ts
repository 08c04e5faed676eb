import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { StatsStore } from '../../domain/statistics/ports.ts';
import { recordCase, recordConsultation } from '../../domain/statistics/record-case.ts';
import { type Counted, countedImage } from '../adapters/dynamodb/stats-stream.ts';
import { logger, metrics } from '../shared/observability.ts';

const idOf = (counted: Counted) =>
  counted.kind === 'CASE' ? counted.item.caseId : counted.item.consultationId;

/**
 * Cases table stream → the statistics: each case or consultation image replaces its contribution and
 * moves the sharded counters, exactly once per version (domain/statistics/record-case.ts). Records are
 * taken in stream order; the first that fails ends the batch and is reported, so the event source
 * retries from it; the records before it that are delivered again count nothing the second time.
 */
export const createStatsAggregator =
  (store: StatsStore) =>
  async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    for (const record of event.Records) {
      let counted: Counted | null = null;
      try {
        counted = countedImage(record);
        if (!counted) continue;
        const result =
          counted.kind === 'CASE'
            ? await recordCase(store, counted.item)
            : await recordConsultation(store, counted.item);
        metrics.addMetric(result === 'COUNTED' ? 'StatsCounted' : 'StatsAlreadyCounted', MetricUnit.Count, 1);
      } catch (error) {
        logger.error('statistics: counting failed; the batch resumes here', {
          kind: counted?.kind,
          id: counted ? idOf(counted) : undefined,
          sequenceNumber: record.dynamodb?.SequenceNumber,
          error: error as Error,
        });
        metrics.addMetric('StatsCountFailed', MetricUnit.Count, 1);
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
      }
    }
    return { batchItemFailures: [] };
  };
