import { listReports } from '../../../domain/warnings/report-desk.ts';
import { reportDeskDeps } from '../../shared/warning-reports.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf } from '../request.ts';
import { json } from '../response.ts';

const deps = reportDeskDeps();

/**
 * `GET /disposition-reports?status=PENDING|REJECTED&cursor=&limit=` — the disposition reports needing
 * attention, oldest first (admins; supervisors their post's). One Query of the sparse list and one
 * BatchGetItem a page.
 */
export const handler = httpHandler(async (event) => {
  const page = await listReports(deps, actorOf(event), event.queryStringParameters ?? {});
  return json(200, page);
});
