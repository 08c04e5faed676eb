import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { PartnerDirectory } from '../../domain/handoffs/ports.ts';
import { lazily } from '../../domain/shared/validation.ts';
import { DynamoPartnerStore } from '../adapters/partners/partner-store.ts';
import { parseEnvironment } from './env.ts';
import { logger } from './observability.ts';
import { withoutSdkLogging } from './sdk.ts';

/**
 * Where every function that names, lists or hears from courts and arbitration commissions finds them: the
 * partner table (`PARTNER_TABLE_NAME`, set by the CDK grant and by the local stack), one item per partner.
 * Its own client, so a function that only lists partners needs no cases-table configuration. The
 * environment's schema is built on first use, with the store.
 */
const partnerEnvironment = lazily(() =>
  z.object({
    AWS_REGION: z._default(z.string().check(z.minLength(1)), 'us-east-1'),
    PARTNER_TABLE_NAME: z.string().check(z.minLength(3)),
    /** Only for DynamoDB Local; unset in AWS. */
    DYNAMODB_ENDPOINT: z.optional(z.url()),
    /** How long one partner is cached, so a rotated secret arrives without a redeploy. */
    PARTNER_REGISTRY_TTL_SECONDS: z._default(z.coerce.number().check(z.int(), z.gte(0), z.lte(3600)), 300),
    /** Plain-http partner endpoints: only the local stack's simulator. */
    PARTNER_ALLOW_HTTP: z.pipe(
      z._default(z.enum(['true', 'false']), 'false'),
      z.transform((v) => v === 'true'),
    ),
  }),
);

let store: DynamoPartnerStore | undefined;

/** The partner store, made on first use, once per container. */
export function partnerStore(env: Record<string, string | undefined> = process.env): DynamoPartnerStore {
  if (store) return store;
  const config = parseEnvironment(partnerEnvironment(), env, 'partner store');
  const client = withoutSdkLogging(
    new DynamoDBClient({
      region: config.AWS_REGION,
      ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}),
    }),
  );
  store = new DynamoPartnerStore(DynamoDBDocumentClient.from(client), config.PARTNER_TABLE_NAME, {
    ttlMs: config.PARTNER_REGISTRY_TTL_SECONDS * 1000,
    allowHttp: config.PARTNER_ALLOW_HTTP,
    onProblem: (problem) => logger.warn('partner store', { problem }),
  });
  return store;
}

/**
 * The partner store for a queue consumer: each message reads the one partner it delivers to (GetItem,
 * cached per partner), made on the first message that needs a partner, not at cold start.
 */
export function partnerDirectory(): PartnerDirectory {
  return { find: (kind, id) => partnerStore().find(kind, id) };
}
