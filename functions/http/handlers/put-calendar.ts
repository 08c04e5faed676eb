import { loadCalendarYear } from '../../../domain/clocks/calendar-years.ts';
import { calendarDeps } from '../../shared/calendar-deps.ts';
import { logger } from '../../shared/observability.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, jsonBody } from '../request.ts';
import { json } from '../response.ts';

/**
 * `PUT /calendar/{year}` — an admin loads a year's statutory rest days and make-up working days
 * (`{ "restDays": [...], "workingDays": [...] }`); 200 with the year now in force. A PUT replaces the
 * year whole, so a retry is harmless and an Idempotency-Key is not needed. The body is read only once the
 * caller is known to be an admin (403 before any 400).
 */
export const handler = httpHandler(async (event) => {
  const actor = actorOf(event);
  const year = await loadCalendarYear(calendarDeps, actor, event.pathParameters?.year, () => jsonBody(event));
  logger.info('calendar year loaded', {
    year: year.year,
    restDays: year.restDays.length,
    workingDays: year.workingDays.length,
  });
  return json(200, year);
});
