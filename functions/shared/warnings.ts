import { SNSClient } from '@aws-sdk/client-sns';
import * as z from 'zod/mini';
import type { WarningDeps, WarningNotifier } from '../../domain/warnings/ports.ts';
import { DynamoWarningStore } from '../adapters/dynamodb/warning-repository.ts';
import { CachedRuleStore, DynamoDistrictStore, DynamoRuleStore } from '../adapters/dynamodb/warning-rules.ts';
import { SnsWarningPublisher } from '../adapters/sns/warning-publisher.ts';
import { holidayCalendar } from './calendar-deps.ts';
import { systemClock } from './clock.ts';
import { parseEnvironment } from './env.ts';
import { cursorCodec } from './http-deps.ts';
import { logger } from './observability.ts';
import { withoutSdkLogging } from './sdk.ts';
import { documents, storeConfig } from './store.ts';

/**
 * Composition root of the early warnings: the stores on the cases table, the holiday calendar in force,
 * and the warnings topic (`WARNING_TOPIC_ARN`, for the functions that dispatch; `SNS_ENDPOINT` for the
 * local emulator only). Once per container.
 */
const TopicEnvironment = z.object({
  AWS_REGION: z._default(z.string().check(z.minLength(1)), 'us-east-1'),
  WARNING_TOPIC_ARN: z.optional(z.string().check(z.startsWith('arn:'))),
  SNS_ENDPOINT: z.optional(z.url()),
});
const env = parseEnvironment(TopicEnvironment, process.env, 'warnings');

const publisher = env.WARNING_TOPIC_ARN
  ? new SnsWarningPublisher(
      withoutSdkLogging(
        new SNSClient({
          region: env.AWS_REGION,
          ...(env.SNS_ENDPOINT ? { endpoint: env.SNS_ENDPOINT } : {}),
        }),
      ),
      env.WARNING_TOPIC_ARN,
    )
  : null;

const notifier: WarningNotifier = {
  async dispatched(warning) {
    if (!publisher) return;
    try {
      await publisher.publish(warning);
    } catch (error) {
      // The warning is stored and listed; the topic is a courtesy the board does not depend on.
      logger.error('warning not published', { warningId: warning.warningId, error });
    }
  },
  async disposed() {},
};

/** The rule table in force, read at most once a minute per container: a loaded table applies within it. */
const rules = new CachedRuleStore(new DynamoRuleStore(documents, storeConfig.tableName), 60_000);

export async function warningDeps(options: { readonly receiptsTable?: string } = {}): Promise<WarningDeps> {
  return {
    warnings: new DynamoWarningStore(documents, storeConfig.tableName, cursorCodec, options),
    rules,
    districts: new DynamoDistrictStore(documents, storeConfig.tableName),
    calendar: await holidayCalendar(),
    clock: systemClock,
    notifier,
  };
}
