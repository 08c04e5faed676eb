import { freezeReport } from '../../../domain/statistics/report.ts';
import { cursorCodec } from '../../shared/http-deps.ts';
import { logger } from '../../shared/observability.ts';
import { statsDepsWith } from '../../shared/stats-deps.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf } from '../request.ts';
import { json } from '../response.ts';

const statsDeps = statsDepsWith(cursorCodec);

/**
 * `POST /reports/{month}` (admins) — freezes the month's figures of every post with the SHA-256 of their
 * canonical JSON: 201 with the report; 200 with the report already frozen (it never changes).
 */
export const handler = httpHandler(async (event) => {
  const actor = actorOf(event);
  const { report, created } = await freezeReport(statsDeps, actor, event.pathParameters?.month ?? '');
  if (created) logger.info('report frozen', { month: report.month, digest: report.digest });
  return json(created ? 201 : 200, report);
});
