import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { DomainError, VersionConflictError } from '../../domain/errors.ts';
import { recordFailure } from '../../domain/handoffs.ts';
import type { CaseDeps } from '../../domain/ports.ts';
import type { HandoffQueues } from '../adapters/sqs/handoff-queues.ts';
import { HandoffMessage } from '../adapters/sqs/handoff-queues.ts';
import { HANDOFF_QUEUES, type HandoffQueueKind } from '../adapters/sqs/queues.ts';
import { logger, metrics } from '../shared/observability.ts';

/** A handoff that can never succeed as it stands: record it FAILED and park the message at once. */
export class PermanentFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentFailure';
  }
}

export interface ConsumerDeps {
  readonly deps: CaseDeps;
  readonly queues: Pick<HandoffQueues, 'moveToDeadLetter'>;
}

export type ProcessHandoff = (message: HandoffMessage, context: Context) => Promise<'settled' | 'duplicate'>;

/** The queue a record came from, by its ARN (the deployed name carries a stage prefix). */
export function queueKindOf(record: SQSRecord): HandoffQueueKind {
  const name = record.eventSourceARN.split(':').pop() ?? '';
  const kind = (Object.keys(HANDOFF_QUEUES) as HandoffQueueKind[]).find((k) =>
    name.endsWith(HANDOFF_QUEUES[k].name),
  );
  if (!kind) throw new Error(`record from an unknown queue ${name}`);
  return kind;
}

/**
 * An SQS FIFO consumer of handoff messages, with Powertools' FIFO batch processor: records run in order,
 * a failed record fails the later records of its message group only (other cases go on), and the
 * response lists the failures for the event source to return to the queue.
 *
 * - A PermanentFailure (or a refused domain rule) marks the handoff FAILED and moves the message to the
 *   dead-letter queue now; if the mark cannot be written the message is retried instead.
 * - Any other error is transient: the message comes back after the visibility timeout; on receive
 *   `parkAfterReceives` it is marked FAILED and parked the same way. The queue's own redrive policy, a
 *   few receives later, only catches messages this code never saw.
 * - A message from an older dispatch than the handoff's (a retry superseded it) has no effect.
 * - `process` must guard its effect on the handoff id, so a redelivered message changes nothing.
 */
export function createHandoffConsumer(
  { deps, queues }: ConsumerDeps,
  process: ProcessHandoff,
): (event: SQSEvent, context: Context) => Promise<SQSBatchResponse> {
  const one = async (record: SQSRecord, context: Context) => {
    const kind = queueKindOf(record);
    const parsed = HandoffMessage.safeParse(safeJson(record.body));
    if (!parsed.success) {
      logger.error('malformed handoff message parked', { messageId: record.messageId });
      await queues.moveToDeadLetter(kind, record);
      return;
    }
    const message = parsed.data;
    const receiveCount = Number(record.attributes.ApproximateReceiveCount ?? '1');
    const log = { handoffId: message.handoffId, caseId: message.caseId, kind, receiveCount };
    try {
      const outcome = await process(message, context);
      metrics.addMetric(outcome === 'duplicate' ? 'HandoffDuplicate' : 'HandoffSettled', MetricUnit.Count, 1);
      logger.info(outcome === 'duplicate' ? 'handoff already settled' : 'handoff settled', log);
    } catch (error) {
      const permanent =
        error instanceof PermanentFailure ||
        (error instanceof DomainError && !(error instanceof VersionConflictError));
      const lastReceive = receiveCount >= HANDOFF_QUEUES[kind].parkAfterReceives;
      const reason = error instanceof Error ? error.message : String(error);
      if (!permanent && !lastReceive) {
        logger.warn('handoff attempt failed; it will be retried', { ...log, reason });
        throw error;
      }
      // FAILED first: if that write fails the message stays on the queue (the error propagates), so a
      // parked message never leaves its handoff looking PENDING.
      await recordFailure(
        deps,
        message,
        permanent ? reason : `gave up after ${receiveCount} receives: ${reason}`,
      );
      await queues.moveToDeadLetter(kind, record);
      metrics.addMetric('HandoffFailed', MetricUnit.Count, 1);
      logger.error('handoff failed; message parked in the dead-letter queue', { ...log, reason, permanent });
    }
  };

  return async (event, context) => {
    // A processor per invocation: it holds the batch's state, and the local stack may run invocations
    // of one module side by side.
    const processor = new SqsFifoPartialProcessorAsync();
    const handle = (record: SQSRecord) => one(record, context);
    return processPartialResponse(event, handle, processor, {
      context,
      skipGroupOnError: true,
      throwOnFullBatchFailure: false,
    });
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
