import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { HandoffOutcome } from '../../domain/handoffs/model.ts';
import type { HandoffDeps } from '../../domain/handoffs/ports.ts';
import { recordFailure } from '../../domain/handoffs/record-outcome.ts';
import { HandoffMessage, type HandoffQueues } from '../adapters/sqs/handoff-queues.ts';
import { HANDOFF_QUEUES, type HandoffQueueKind } from '../adapters/sqs/queues.ts';
import { logger, metrics } from '../shared/observability.ts';

export interface ConsumerDeps {
  /**
   * What the use cases are given, or a way to get it per invocation (the deployed functions: reading the
   * holiday calendar's admin-loaded years is a DynamoDB call, which has no place in a cold start).
   */
  readonly deps: HandoffDeps | (() => Promise<HandoffDeps>);
  readonly queues: Pick<HandoffQueues, 'moveToDeadLetter'>;
}

/** A queue's use case: one handoff message in, an explicit outcome out. */
export type HandoffUseCase = (
  message: HandoffMessage,
  context: Context,
  deps: HandoffDeps,
) => Promise<HandoffOutcome>;

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
 * An SQS FIFO consumer of handoff messages: parse → use case → outcome → batch response. Powertools' FIFO
 * batch processor runs records in order; a failed record fails the later records of its message group
 * only (other cases go on), and the response lists the failures for the event source to return.
 *
 * - `settled` / `duplicate`: done (the use cases guard their effect on the handoff, so a redelivered
 *   message changes nothing).
 * - `failed`: the handoff is marked FAILED and the message moved to the dead-letter queue now; if the mark
 *   cannot be written the message is retried instead, so a parked message never leaves it PENDING.
 * - `retry`, or a thrown error: the message comes back after the visibility timeout; on receive
 *   `parkAfterReceives` it is marked FAILED and parked the same way. The queue's own redrive policy, a
 *   few receives later, only catches messages this code never saw.
 */
export function createHandoffConsumer(
  { deps: depsOrProvider, queues }: ConsumerDeps,
  useCase: HandoffUseCase,
): (event: SQSEvent, context: Context) => Promise<SQSBatchResponse> {
  const one = async (record: SQSRecord, context: Context, deps: HandoffDeps) => {
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
    let outcome: HandoffOutcome;
    try {
      outcome = await useCase(message, context, deps);
    } catch (error) {
      outcome = { kind: 'retry', reason: error instanceof Error ? error.message : String(error) };
    }
    if (outcome.kind === 'settled' || outcome.kind === 'duplicate') {
      metrics.addMetric(
        outcome.kind === 'duplicate' ? 'HandoffDuplicate' : 'HandoffSettled',
        MetricUnit.Count,
        1,
      );
      logger.info(outcome.kind === 'duplicate' ? 'handoff already settled' : 'handoff settled', log);
      return;
    }
    const permanent = outcome.kind === 'failed';
    if (!permanent && receiveCount < HANDOFF_QUEUES[kind].parkAfterReceives) {
      logger.warn('handoff attempt failed; it will be retried', { ...log, reason: outcome.reason });
      throw new Error(outcome.reason);
    }
    const reason = permanent ? outcome.reason : `gave up after ${receiveCount} receives: ${outcome.reason}`;
    // FAILED first: if that write fails the message stays on the queue (the error propagates).
    await recordFailure(deps, message, reason);
    await queues.moveToDeadLetter(kind, record);
    metrics.addMetric('HandoffFailed', MetricUnit.Count, 1);
    logger.error('handoff failed; message parked in the dead-letter queue', { ...log, reason, permanent });
  };

  return async (event, context) => {
    // A processor per invocation: it holds the batch's state, and the local stack may run invocations
    // of one module side by side.
    const processor = new SqsFifoPartialProcessorAsync();
    const deps = typeof depsOrProvider === 'function' ? await depsOrProvider() : depsOrProvider;
    const handle = (record: SQSRecord) => one(record, context, deps);
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
