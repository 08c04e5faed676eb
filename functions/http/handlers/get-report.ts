import { readReport } from '../../../domain/statistics/report.ts';
import { cursorCodec } from '../../shared/http-deps.ts';
import { statsDepsWith } from '../../shared/stats-deps.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf } from '../request.ts';
import { json } from '../response.ts';

const statsDeps = statsDepsWith(cursorCodec);

/**
 * `GET /reports/{month}` — the frozen report exactly as frozen (`report`, digest included) and the live
 * figures that differ from it now (`changedSince`: late events, corrections).
 */
export const handler = httpHandler(async (event) => {
  const actor = actorOf(event);
  return json(200, await readReport(statsDeps, actor, event.pathParameters?.month ?? ''));
});
