import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { DynamoDispositionReports } from '../adapters/dynamodb/warning-dispositions.ts';
import { deliverWebhook } from '../adapters/partners/webhook-client.ts';
import { backgroundHandler } from '../shared/background.ts';
import { parseEnvironment } from '../shared/env.ts';
import { partnerDirectory } from '../shared/partner-store.ts';
import { documents, storeConfig } from '../shared/store.ts';
import { createWarningDispositions } from './warning-disposition-consumer.ts';

/** The disposition reports' stream consumer (warning-disposition-consumer.ts), on the deployed stores. */
const Delivery = z.object({
  PARTNER_TIMEOUT_MS: z._default(z.coerce.number().check(z.int(), z.gte(100), z.lte(60_000)), 5000),
});
const delivery = parseEnvironment(Delivery, process.env, 'warning dispositions');
const reports = new DynamoDispositionReports(documents, storeConfig.tableName);

export const handler = backgroundHandler(
  createWarningDispositions((context: Context) => ({
    partners: partnerDirectory(),
    reports,
    sender: {
      send: (partner, messageId, body, onAttempt) =>
        deliverWebhook(partner, messageId, body, {
          timeoutMs: delivery.PARTNER_TIMEOUT_MS,
          attempts: 3,
          backoffMs: 200,
          remainingMs: () => context.getRemainingTimeInMillis(),
          onAttempt,
        }),
    },
  })),
);
