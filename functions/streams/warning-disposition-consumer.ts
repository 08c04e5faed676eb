import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import {
  type DispositionDeliveryDeps,
  type DispositionReport,
  deliverDisposition,
} from '../../domain/warnings/dispositions.ts';
import { DISPOSITION_ITEM_TYPE } from '../adapters/dynamodb/warning-dispositions.ts';
import { logger, metrics } from '../shared/observability.ts';

type Image = Record<string, AttributeValue>;

/**
 * A pending disposition report's outbox item: new, or sent again by the sweep (a new image, still
 * PENDING). Its settlement (DELIVERED, REJECTED) sends nothing.
 */
function reportOf(record: DynamoDBStreamEvent['Records'][number]): DispositionReport | null {
  const image = record.dynamodb?.NewImage as Image | undefined;
  if (image?.itemType?.S !== DISPOSITION_ITEM_TYPE || image.status?.S !== 'PENDING') return null;
  const item = unmarshall(image);
  return {
    reportId: String(item.reportId),
    warningId: String(item.warningId),
    creditCode: String(item.creditCode),
    partnerId: String(item.partnerId),
    body: String(item.body),
  };
}

/**
 * Cases table stream → the monitoring partners: each disposition report written with a disposed warning
 * (the outbox) is sent as a signed Standard Webhooks message with the partner's secrets, `webhook-id` the
 * report's id, and its end recorded once (domain/warnings/dispositions.ts). A partner unavailable after
 * this invocation's attempts ends the batch at that record, and the event source retries from it (the
 * partner discards a repeated `webhook-id`), in order.
 */
export const createWarningDispositions =
  (deps: (context: Context) => DispositionDeliveryDeps) =>
  async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
    for (const record of event.Records) {
      const fail = (reason: string) => {
        logger.error('disposition report not delivered; the batch resumes here', {
          sequenceNumber: record.dynamodb?.SequenceNumber,
          reason,
        });
        metrics.addMetric('WarningDispositionRetry', MetricUnit.Count, 1);
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
      };
      try {
        const report = reportOf(record);
        if (!report) continue;
        const outcome = await deliverDisposition(deps(context), report);
        if (outcome.kind === 'retry') return fail(outcome.reason);
        metrics.addMetric(`WarningDisposition${outcome.status}`, MetricUnit.Count, 1);
        logger.info('disposition report settled', {
          reportId: report.reportId,
          partnerId: report.partnerId,
          status: outcome.status,
        });
      } catch (error) {
        return fail(error instanceof Error ? error.name : 'unknown');
      }
    }
    return { batchItemFailures: [] };
  };
