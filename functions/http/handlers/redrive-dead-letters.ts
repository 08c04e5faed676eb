import * as z from 'zod/mini';
import { redriveDeadLetters } from '../../../domain/handoffs/redrive.ts';
import { DESTINATION_KINDS } from '../../../domain/shared/destinations.ts';
import { parseOrThrow } from '../../../domain/shared/validation.ts';
import { logger } from '../../shared/observability.ts';
import { handoffQueues } from '../../shared/pipeline.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, query } from '../request.ts';
import { json } from '../response.ts';

const KIND = z.enum(DESTINATION_KINDS);
const RedriveQuery = z.strictObject({
  limit: z.optional(
    z.pipe(
      z.pipe(
        z.string().check(z.regex(/^\d{1,3}$/, 'must be a whole number from 1 to 100')),
        z.transform(Number),
      ),
      z.number().check(z.gte(1, 'must be at least 1'), z.lte(100, 'must be at most 100')),
    ),
  ),
});

/**
 * `POST /dead-letters/{kind}/redrive?limit=` — an admin moves up to `limit` (≤ 100, default 50) parked
 * handoff messages back to their queue; call again while `moved` equals `limit`. Bounded so one request
 * finishes well inside the function's and API Gateway's time limits.
 */
export const handler = httpHandler(async (event) => {
  const kind = parseOrThrow(KIND, event.pathParameters?.kind, 'kind');
  const { limit } = query(event, RedriveQuery);
  const result = await redriveDeadLetters(actorOf(event), handoffQueues, kind, limit ?? 50);
  logger.info('dead letters redriven', result);
  return json(200, result);
});
