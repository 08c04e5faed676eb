import * as z from 'zod';
import { DESTINATION_KINDS } from '../../domain/shared/destinations.ts';
import { parseEnvironment } from './env.ts';

const QueueUrls = z.strictObject({ queueUrl: z.url(), deadLetterUrl: z.url() });

/**
 * What the handoff pipeline's functions read besides the core configuration, parsed once at cold start.
 * `HANDOFF_QUEUES` is JSON: `{ "UNION_POST": { "queueUrl", "deadLetterUrl" }, "ARBITRATION": …, "COURT": … }`.
 */
const PipelineEnvironment = z.object({
  HANDOFF_QUEUES: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.enum(DESTINATION_KINDS), QueueUrls)),
  /** Only for the SQS emulator; unset in AWS. */
  SQS_ENDPOINT: z.url().optional(),
  /** One webhook call's time limit. */
  PARTNER_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** Calls per message before the message goes back to the queue. */
  PARTNER_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  /** First backoff; each retry doubles the cap and draws a random wait below it ("full jitter"). */
  PARTNER_BACKOFF_MS: z.coerce.number().int().min(1).max(60_000).default(200),
  /** Plain-http partner endpoints: only the local stack's simulator. */
  PARTNER_ALLOW_HTTP: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
export type PipelineConfig = z.output<typeof PipelineEnvironment>;

export function loadPipelineConfig(env: Record<string, string | undefined> = process.env): PipelineConfig {
  return parseEnvironment(PipelineEnvironment, env, 'pipeline');
}
