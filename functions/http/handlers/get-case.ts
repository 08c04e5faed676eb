import * as z from 'zod/mini';
import { readCase } from '../../../domain/case/read-case.ts';
import { recordRead } from '../../shared/access-log.ts';
import { httpRepositories } from '../../shared/http-deps.ts';
import { answerRecorded } from '../../shared/recorded.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, caseIdOf, query } from '../request.ts';
import { etag, json } from '../response.ts';
import { caseView } from '../views.ts';

const deps = httpRepositories();
const NoQuery = z.strictObject({});

/**
 * `GET /cases/{caseId}` — the case with personal data masked; ETag carries the version. One GetItem, then
 * the read's access record (one PutItem), sent while the answer is built and awaited before it is returned:
 * a read whose record fails answers with the error, never unrecorded (functions/shared/recorded.ts).
 */
export const handler = httpHandler(async (event) => {
  query(event, NoQuery);
  const actor = actorOf(event);
  const c = await readCase(deps, actor, caseIdOf(event));
  return answerRecorded(recordRead(actor, [c.caseId], 'CASE'), () =>
    json(200, caseView(c), { etag: etag(c.version) }),
  );
});
