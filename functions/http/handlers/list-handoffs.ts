import * as z from 'zod/mini';
import { listHandoffs } from '../../../domain/handoffs/list-handoffs.ts';
import { recordRead } from '../../shared/access-log.ts';
import { httpRepositories } from '../../shared/http-deps.ts';
import { answerRecorded } from '../../shared/recorded.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, caseIdOf, PageQuery, query } from '../request.ts';
import { json } from '../response.ts';

const deps = httpRepositories();
const HandoffsQuery = z.strictObject(PageQuery);

/**
 * `GET /cases/{caseId}/handoffs` — the case's handoffs, oldest first, with status and attempts. Its access
 * record is written while the answer is built and awaited before it is returned, as the case's read
 * (functions/shared/recorded.ts).
 */
export const handler = httpHandler(async (event) => {
  const actor = actorOf(event);
  const caseId = caseIdOf(event);
  const page = await listHandoffs(deps, actor, caseId, query(event, HandoffsQuery));
  return answerRecorded(recordRead(actor, [caseId], 'HANDOFFS'), () => json(200, page));
});
