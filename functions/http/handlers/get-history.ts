import * as z from 'zod/mini';
import { readHistory } from '../../../domain/case/read-history.ts';
import { recordRead } from '../../shared/access-log.ts';
import { httpRepositories } from '../../shared/http-deps.ts';
import { answerRecorded } from '../../shared/recorded.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, caseIdOf, PageQuery, query } from '../request.ts';
import { json } from '../response.ts';

const deps = httpRepositories();
const HistoryQuery = z.strictObject(PageQuery);

/**
 * `GET /cases/{caseId}/history` — the case's events, oldest first, paged. Its access record is written while
 * the answer is built and awaited before it is returned, as the case's read (functions/shared/recorded.ts).
 */
export const handler = httpHandler(async (event) => {
  const actor = actorOf(event);
  const caseId = caseIdOf(event);
  const page = await readHistory(deps, actor, caseId, query(event, HistoryQuery));
  return answerRecorded(recordRead(actor, [caseId], 'HISTORY'), () => json(200, page));
});
