import { SNSClient } from '@aws-sdk/client-sns';
import * as z from 'zod/mini';
import type { Clock } from '../../domain/shared/ports.ts';
import type { WarningDeadlineDeps } from '../../domain/warnings/deadlines.ts';
import { DynamoWarningDeadlines } from '../adapters/dynamodb/warning-deadlines.ts';
import { DynamoDispositionReports } from '../adapters/dynamodb/warning-dispositions.ts';
import { SnsOverduePublisher } from '../adapters/sns/warning-publisher.ts';
import { parseEnvironment } from './env.ts';
import { withoutSdkLogging } from './sdk.ts';
import { documents, storeConfig } from './store.ts';

/**
 * Composition root of the warnings' deadline sweep (run by the reminder sweep): the posts' overdue
 * warnings on the cases table and the warnings topic (`WARNING_TOPIC_ARN`; `SNS_ENDPOINT` for the local
 * emulator only). Apart from functions/shared/warnings.ts, so the sweep carries no evaluation or routes.
 */
const TopicEnvironment = z.object({
  AWS_REGION: z._default(z.string().check(z.minLength(1)), 'us-east-1'),
  WARNING_TOPIC_ARN: z.optional(z.string().check(z.startsWith('arn:'))),
  SNS_ENDPOINT: z.optional(z.url()),
});
const env = parseEnvironment(TopicEnvironment, process.env, 'warning deadlines');

const publisher = env.WARNING_TOPIC_ARN
  ? new SnsOverduePublisher(
      withoutSdkLogging(
        new SNSClient({
          region: env.AWS_REGION,
          ...(env.SNS_ENDPOINT ? { endpoint: env.SNS_ENDPOINT } : {}),
        }),
      ),
      env.WARNING_TOPIC_ARN,
    )
  : null;
const deadlines = new DynamoWarningDeadlines(documents, storeConfig.tableName);

export const warningDeadlineDeps = (clock: Clock): WarningDeadlineDeps => ({ deadlines, publisher, clock });

/** The disposition reports still pending, which the sweep sends again (domain/warnings/dispositions.ts). */
export const pendingReports = new DynamoDispositionReports(documents, storeConfig.tableName);
