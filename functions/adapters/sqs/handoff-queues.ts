import {
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import * as z from 'zod/mini';
import type { HandoffRef } from '../../../domain/handoffs/model.ts';
import type { DeadLetters, HandoffPublisher } from '../../../domain/handoffs/ports.ts';
import { DESTINATION_KINDS } from '../../../domain/shared/destinations.ts';
import type { HandoffQueueKind } from './queues.ts';

export interface QueueUrls {
  readonly queueUrl: string;
  readonly deadLetterUrl: string;
}

/** The body of a handoff message: a pointer to the outbox record. The consumer reads the rest. */
export const HandoffMessage = z.strictObject({
  caseId: z.uuid(),
  handoffId: z.uuid(),
  requestedVersion: z.int().check(z.positive()),
  dispatch: z.int().check(z.positive()),
  kind: z.enum(DESTINATION_KINDS),
});
export type HandoffMessage = z.output<typeof HandoffMessage>;

/**
 * FIFO deduplication id: the handoff id for its first dispatch, so a relay that publishes twice within
 * SQS's five-minute window sends once; an admin's retry is a new dispatch and must not be swallowed.
 */
export const deduplicationId = (ref: HandoffRef) =>
  ref.dispatch === 1 ? ref.handoffId : `${ref.handoffId}.${ref.dispatch}`;

/** The handoff queues: the relay publishes, consumers park poison messages, an admin redrives. */
export class HandoffQueues implements HandoffPublisher, DeadLetters {
  readonly #sqs: SQSClient;
  readonly #urls: Readonly<Record<HandoffQueueKind, QueueUrls>>;

  constructor(sqs: SQSClient, urls: Readonly<Record<HandoffQueueKind, QueueUrls>>) {
    this.#sqs = sqs;
    this.#urls = urls;
  }

  urls(kind: HandoffQueueKind): QueueUrls {
    const urls = this.#urls[kind];
    if (!urls) throw new Error(`no queue configured for ${kind}`);
    return urls;
  }

  /** Message group = case id, so one case's handoffs arrive in order. */
  async publish(kind: HandoffQueueKind, ref: HandoffRef): Promise<void> {
    const body: HandoffMessage = { ...ref, kind };
    await this.#sqs.send(
      new SendMessageCommand({
        QueueUrl: this.urls(kind).queueUrl,
        MessageBody: JSON.stringify(body),
        MessageGroupId: ref.caseId,
        MessageDeduplicationId: deduplicationId(ref),
      }),
    );
  }

  /**
   * Parks a message that can never succeed in the dead-letter queue at once, rather than after every
   * receive is spent. Deduplicated on the message's own id, so a consumer that crashes after this and
   * sees the message again parks it once.
   */
  async moveToDeadLetter(kind: HandoffQueueKind, record: SQSRecord): Promise<void> {
    await this.#sqs.send(
      new SendMessageCommand({
        QueueUrl: this.urls(kind).deadLetterUrl,
        MessageBody: record.body,
        MessageGroupId: record.attributes.MessageGroupId ?? 'unknown',
        MessageDeduplicationId: record.messageId,
      }),
    );
  }

  /**
   * Moves up to `limit` messages from the dead-letter queue back to the source queue, in their order,
   * each sent before it is deleted (a crash in between leaves a copy, which the consumer's guard absorbs).
   */
  async redrive(kind: HandoffQueueKind, limit: number): Promise<number> {
    const { queueUrl, deadLetterUrl } = this.urls(kind);
    let moved = 0;
    while (moved < limit) {
      const out = await this.#sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: deadLetterUrl,
          MaxNumberOfMessages: Math.min(10, limit - moved),
          WaitTimeSeconds: 0,
          VisibilityTimeout: 60,
          MessageSystemAttributeNames: ['MessageGroupId'],
        }),
      );
      const messages = out.Messages ?? [];
      if (messages.length === 0) break;
      for (const message of messages) {
        await this.#sqs.send(
          new SendMessageCommand({
            QueueUrl: queueUrl,
            MessageBody: message.Body ?? '',
            MessageGroupId: message.Attributes?.MessageGroupId ?? 'unknown',
            MessageDeduplicationId: `redrive.${message.MessageId}`,
          }),
        );
        await this.#sqs.send(
          new DeleteMessageCommand({ QueueUrl: deadLetterUrl, ReceiptHandle: message.ReceiptHandle }),
        );
        moved++;
      }
    }
    return moved;
  }
}
