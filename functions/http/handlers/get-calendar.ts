import { readCalendarYear } from '../../../domain/clocks/calendar-years.ts';
import { calendarDeps } from '../../shared/calendar-deps.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf } from '../request.ts';
import { json } from '../response.ts';

/**
 * `GET /calendar/{year}` — any signed-in role: the rest days and make-up working days in force for a
 * year and where they come from (`ADMIN`, `PACKAGE` or `NONE`).
 */
export const handler = httpHandler(async (event) => {
  actorOf(event);
  return json(200, await readCalendarYear(calendarDeps, event.pathParameters?.year));
});
