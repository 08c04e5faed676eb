import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { HandoffRecord } from '../../../domain/handoffs/model.ts';
import { strip } from './items.ts';

type Image = Record<string, AttributeValue>;

/**
 * Stream decoding: the outbox record a stream record asks to publish — a handoff item that was just
 * written (INSERT) or dispatched again (MODIFY with a new dispatch number). Attempt counters and
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
  return strip<HandoffRecord>(unmarshall(newImage));
}
