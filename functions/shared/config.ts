import { z } from 'zod';
import { parseEnvironment } from './env.ts';

/**
 * The environment every function reads, parsed once at cold start. A missing or malformed variable stops
 * the function with a message naming it, instead of failing later on a request.
 */
const Environment = z.object({
  AWS_REGION: z.string().min(1).default('us-east-1'),
  TABLE_NAME: z.string().min(3),
  IDEMPOTENCY_TABLE_NAME: z.string().min(3),
  /** Signs pagination cursors; at least 32 characters. In AWS read from CURSOR_SECRET_ARN (secrets.ts). */
  CURSOR_SECRET: z.string().min(32),
  /** Only for DynamoDB Local; unset in AWS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  MEDIATION_DAYS: z.coerce.number().int().min(1).max(365).default(15),
  COURT_DELEGATED_MEDIATION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  JUDICIAL_CONFIRMATION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** How long an Idempotency-Key keeps answering with the first response. */
  IDEMPOTENCY_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 3600)
    .default(24 * 3600),
});
export type Config = z.output<typeof Environment>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  return parseEnvironment(Environment, env, 'function');
}
