import { SNSClient } from '@aws-sdk/client-sns';
import * as z from 'zod/mini';
import type { ReminderPublisher } from '../../domain/reminders/ports.ts';
import type { CursorSource } from '../adapters/cursor.ts';
import { DynamoReminderStore } from '../adapters/dynamodb/reminder-repository.ts';
import { SnsReminderPublisher } from '../adapters/sns/reminder-publisher.ts';
import { parseEnvironment } from './env.ts';
import { withoutSdkLogging } from './sdk.ts';
import { documents, storeConfig } from './store.ts';

/**
 * Composition root of the reminders: the store on the cases table and, for the sweep only, the publisher
 * on the reminders topic (`REMINDER_TOPIC_ARN`; `SNS_ENDPOINT` for the local emulator only).
 */
export function reminderStore(cursors?: CursorSource): DynamoReminderStore {
  return new DynamoReminderStore(documents, storeConfig.tableName, cursors ?? null);
}

const PublisherEnvironment = z.object({
  AWS_REGION: z._default(z.string().check(z.minLength(1)), 'us-east-1'),
  REMINDER_TOPIC_ARN: z.string().check(z.startsWith('arn:')),
  /** Only for the local emulator; unset in AWS. */
  SNS_ENDPOINT: z.optional(z.url()),
});

export function reminderPublisher(env: Record<string, string | undefined> = process.env): ReminderPublisher {
  const parsed = parseEnvironment(PublisherEnvironment, env, 'reminder publisher');
  const sns = withoutSdkLogging(
    new SNSClient({
      region: parsed.AWS_REGION,
      ...(parsed.SNS_ENDPOINT ? { endpoint: parsed.SNS_ENDPOINT } : {}),
    }),
  );
  return new SnsReminderPublisher(sns, parsed.REMINDER_TOPIC_ARN);
}

/**
 * The instant a scheduled invocation sweeps as of: now, or — on the local stack only, where
 * LOCAL_CLOCK_CONTROL is set (infra/local/gateway.ts, `npm run sla -- --at`) — the `detail.at` it was
 * given. In AWS nothing sets the variable, so no invocation can make the sweep run as of another time.
 */
export function sweepInstant(event: unknown, now: string): string {
  if (process.env.LOCAL_CLOCK_CONTROL !== 'true') return now;
  const at = (event as { detail?: { at?: unknown } } | null)?.detail?.at;
  return typeof at === 'string' && !Number.isNaN(Date.parse(at)) ? new Date(at).toISOString() : now;
}

/** The system clock (moved by LOCAL_CLOCK_OFFSET_MS on the local stack only, as use-case-deps.ts's). */
export const systemClock = {
  now: () => new Date(Date.now() + Number(process.env.LOCAL_CLOCK_OFFSET_MS ?? 0)).toISOString(),
};
