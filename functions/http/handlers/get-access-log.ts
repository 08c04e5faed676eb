import * as z from 'zod/mini';
import { readAccessLog } from '../../../domain/audit/access-log.ts';
import { auditDeps } from '../../shared/access-log.ts';
import { httpRepositories } from '../../shared/http-deps.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, caseIdOf, PageQuery, query } from '../request.ts';
import { json } from '../response.ts';

const deps = { ...httpRepositories(), ...auditDeps };
const AccessLogQuery = z.strictObject(PageQuery);

/** `GET /cases/{caseId}/access-log` — who read the case, newest first (its post's supervisors, admins). */
export const handler = httpHandler(async (event) => {
  const page = await readAccessLog(deps, actorOf(event), caseIdOf(event), query(event, AccessLogQuery));
  return json(200, page);
});
