import * as z from 'zod/mini';
import { retryHandoff } from '../../../domain/handoffs/retry.ts';
import { parseOrThrow } from '../../../domain/shared/validation.ts';
import { httpRepositories } from '../../shared/http-deps.ts';
import { logger } from '../../shared/observability.ts';
import { useCaseDeps } from '../../shared/use-case-deps.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf } from '../request.ts';
import { json } from '../response.ts';

const repos = httpRepositories();
const HANDOFF_ID = z.uuid('must be a handoff id (UUID)');

/**
 * `POST /handoffs/{handoffId}/retry` — an admin dispatches a FAILED handoff again (202: it is queued). It
 * takes no body and is safe to repeat (a second retry is a 409: the handoff is no longer FAILED), so an
 * Idempotency-Key is ignored here.
 */
export const handler = httpHandler(async (event) => {
  const handoffId = parseOrThrow(HANDOFF_ID, event.pathParameters?.handoffId, 'handoffId');
  const handoff = await retryHandoff(await useCaseDeps(repos), actorOf(event), handoffId);
  logger.info('handoff retried', { handoffId, caseId: handoff.caseId, dispatch: handoff.dispatch });
  return json(202, handoff);
});
