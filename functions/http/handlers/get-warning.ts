import { readWarningWithReports } from '../../../domain/warnings/report-desk.ts';
import { viewOf } from '../../../domain/warnings/use-cases.ts';
import { systemClock } from '../../shared/clock.ts';
import { reportDeskDeps } from '../../shared/warning-reports.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf } from '../request.ts';
import { json } from '../response.ts';

const deps = reportDeskDeps();

/**
 * `GET /warnings/{warningId}` — one warning with its explanation (fired rules, values, signals) and its
 * disposition reports to the monitoring partners. One GetItem; a disposed warning's reports, one Query.
 */
export const handler = httpHandler(async (event) => {
  const { warning, reports } = await readWarningWithReports(
    deps,
    actorOf(event),
    event.pathParameters?.warningId ?? '',
  );
  return json(200, { ...viewOf(warning, systemClock.now()), reports });
});
