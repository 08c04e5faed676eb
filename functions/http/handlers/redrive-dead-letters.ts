import { z } from 'zod';
import { redriveDeadLetters } from '../../../domain/handoffs.ts';
import { parseOrThrow } from '../../../domain/validation.ts';
import { logger } from '../../shared/observability.ts';
import { handoffQueues } from '../../shared/pipeline.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, query } from '../request.ts';
import { json } from '../response.ts';

const KIND = z.enum(['UNION_POST', 'ARBITRATION', 'COURT']);
const RedriveQuery = z.strictObject({
  limit: z
    .string()
    .regex(/^\d{1,4}$/, 'must be a whole number from 1 to 1000')
    .transform(Number)
    .pipe(z.number().min(1, 'must be at least 1').max(1000, 'must be at most 1000'))
    .optional(),
});

/** `POST /dead-letters/{kind}/redrive?limit=` — an admin moves parked handoff messages back to their queue. */
export const handler = httpHandler(async (event) => {
  const kind = parseOrThrow(KIND, event.pathParameters?.kind, 'kind');
  const { limit } = query(event, RedriveQuery);
  const result = await redriveDeadLetters(actorOf(event), handoffQueues, kind, limit ?? 100);
  logger.info('dead letters redriven', result);
  return json(200, result);
});
