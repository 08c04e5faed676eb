import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { Case } from '../../../domain/case/model.ts';
import type { CountedConsultation } from '../../../domain/statistics/contribution.ts';
import { strip } from './items.ts';

type Image = Record<string, AttributeValue>;

export type Counted =
  | { readonly kind: 'CASE'; readonly item: Case }
  | { readonly kind: 'CONSULTATION'; readonly item: CountedConsultation };

/**
 * Stream decoding for the statistics: the case or consultation a record's new image holds. Every other
 * item of the table (events, handoffs, clocks, the counters and contributions themselves) is not counted;
 * a removed item neither (cases and consultations are never deleted).
 */
export function countedImage(record: DynamoDBRecord): Counted | null {
  const image = record.dynamodb?.NewImage as Image | undefined;
  if (!image || (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY')) return null;
  const type = image.itemType?.S;
  if (type === 'CASE') return { kind: 'CASE', item: strip<Case>(unmarshall(image)) };
  if (type === 'CONSULTATION') return { kind: 'CONSULTATION', item: countedConsultation(unmarshall(image)) };
  return null;
}

/** The facts a stored consultation item is counted by (the stream's image, the rebuild's item). */
export function countedConsultation(c: Record<string, unknown>): CountedConsultation {
  const employer = c.employer as { readonly industry?: unknown } | null | undefined;
  return {
    consultationId: String(c.consultationId),
    postId: String(c.postId),
    channel: String(c.channel),
    categories: Array.isArray(c.categories) ? c.categories.map(String) : [],
    consultedOn: String(c.consultedOn),
    version: Number(c.version ?? 1),
    industry: typeof employer?.industry === 'string' ? employer.industry : null,
  };
}
