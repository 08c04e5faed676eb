import * as z from 'zod/mini';
import { readCase } from '../../../domain/case/read-case.ts';
import { recordRead } from '../../shared/access-log.ts';
import { httpRepositories } from '../../shared/http-deps.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, caseIdOf, query } from '../request.ts';
import { etag, json } from '../response.ts';
import { caseView } from '../views.ts';

const deps = httpRepositories();
const NoQuery = z.strictObject({});

/** `GET /cases/{caseId}` — the case with personal data masked; ETag carries the version. One GetItem. */
export const handler = httpHandler(async (event) => {
  query(event, NoQuery);
  const actor = actorOf(event);
  const c = await readCase(deps, actor, caseIdOf(event));
  await recordRead(actor, [c.caseId], 'CASE');
  return json(200, caseView(c), { etag: etag(c.version) });
});
