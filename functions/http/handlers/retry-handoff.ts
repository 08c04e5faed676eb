import * as z from 'zod';
import { retryHandoff } from '../../../domain/handoffs/retry.ts';
import { parseOrThrow } from '../../../domain/shared/validation.ts';
import { deps } from '../../shared/http-deps.ts';
import { idempotency } from '../../shared/idempotency.ts';
import { logger } from '../../shared/observability.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf } from '../request.ts';
import { json } from '../response.ts';

const HANDOFF_ID = z.uuid('must be a handoff id (UUID)');

/** `POST /handoffs/{handoffId}/retry` — an admin dispatches a FAILED handoff again (202: it is queued). */
export const handler = httpHandler(
  async (event) => {
    const handoffId = parseOrThrow(HANDOFF_ID, event.pathParameters?.handoffId, 'handoffId');
    const handoff = await retryHandoff(deps, actorOf(event), handoffId);
    logger.info('handoff retried', { handoffId, caseId: handoff.caseId, dispatch: handoff.dispatch });
    return json(202, handoff);
  },
  { idempotency },
);
