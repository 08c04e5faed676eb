import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { Case } from '../../domain/case/model.ts';
import { caseSignals } from '../../domain/warnings/case-signals.ts';
import { recordSignal } from '../../domain/warnings/ingest.ts';
import type { WarningDeps } from '../../domain/warnings/ports.ts';
import { strip } from '../adapters/dynamodb/items.ts';
import { backgroundHandler } from '../shared/background.ts';
import { logger, metrics } from '../shared/observability.ts';
import { warningDeps } from '../shared/warnings.ts';

type Image = Record<string, AttributeValue>;
const caseOf = (image: Image | undefined): Case | null =>
  image?.itemType?.S === 'CASE' ? strip<Case>(unmarshall(image)) : null;

/**
 * Cases table stream → the early warnings' own signals (domain/warnings/case-signals.ts): each case
 * image gives its employer's signals, recorded and evaluated like a partner's. A signal is identified by
 * its case, so a record delivered again changes nothing; the first record that fails ends the batch and
 * is reported, and the event source retries from it.
 */
export const createWarningSignals =
  (deps: () => Promise<WarningDeps>) =>
  async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    for (const record of event.Records) {
      try {
        const next = caseOf(record.dynamodb?.NewImage as Image | undefined);
        if (!next) continue;
        const previous = caseOf(record.dynamodb?.OldImage as Image | undefined);
        for (const signal of caseSignals(previous, next)) {
          const { warning } = await recordSignal(await deps(), signal);
          metrics.addMetric('WarningCaseSignal', MetricUnit.Count, 1);
          if (warning)
            logger.info('case signal evaluated', { warningId: warning.warningId, level: warning.level });
        }
      } catch (error) {
        logger.error('warning signals: failed; the batch resumes here', {
          sequenceNumber: record.dynamodb?.SequenceNumber,
          error: error as Error,
        });
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
      }
    }
    return { batchItemFailures: [] };
  };

export const handler = backgroundHandler(createWarningSignals(() => warningDeps()));
