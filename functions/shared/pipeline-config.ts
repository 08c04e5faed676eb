import * as z from 'zod/mini';
import { DESTINATION_KINDS } from '../../domain/shared/destinations.ts';
import { parseEnvironment } from './env.ts';

const QueueUrls = z.strictObject({ queueUrl: z.url(), deadLetterUrl: z.url() });

/**
 * What the handoff pipeline's functions read besides the core configuration, parsed once at cold start.
 * `HANDOFF_QUEUES` is JSON: `{ "UNION_POST": { "queueUrl", "deadLetterUrl" }, "ARBITRATION": …, "COURT": … }`.
 */
const PipelineEnvironment = z.object({
  HANDOFF_QUEUES: z.pipe(
    z.pipe(
      z.string(),
      z.transform((text, ctx) => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          ctx.issues.push({ code: 'custom', message: 'must be JSON', input: text });
          return z.NEVER;
        }
      }),
    ),
    z.record(z.enum(DESTINATION_KINDS), QueueUrls),
  ),
  /** Only for the SQS emulator; unset in AWS. */
  SQS_ENDPOINT: z.optional(z.url()),
  /** One webhook call's time limit. */
  PARTNER_TIMEOUT_MS: z._default(z.coerce.number().check(z.int(), z.gte(100), z.lte(60_000)), 5000),
  /** Calls per message before the message goes back to the queue. */
  PARTNER_ATTEMPTS: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(10)), 3),
  /** First backoff; each retry doubles the cap and draws a random wait below it ("full jitter"). */
  PARTNER_BACKOFF_MS: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(60_000)), 200),
  /** Plain-http partner endpoints: only the local stack's simulator. */
  PARTNER_ALLOW_HTTP: z.pipe(
    z._default(z.enum(['true', 'false']), 'false'),
    z.transform((v) => v === 'true'),
  ),
});
export type PipelineConfig = z.output<typeof PipelineEnvironment>;

export function loadPipelineConfig(env: Record<string, string | undefined> = process.env): PipelineConfig {
  return parseEnvironment(PipelineEnvironment, env, 'pipeline');
}
