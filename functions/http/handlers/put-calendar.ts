import { loadCalendarYear } from '../../../domain/clocks/calendar-years.ts';
import { recomputeClocks, withLoadedYear } from '../../../domain/clocks/recompute-clocks.ts';
import { recomputeProvisional } from '../../../domain/reminders/recompute-provisional.ts';
import { logRecomputed } from '../../schedules/recomputed-log.ts';
import { calendarDeps } from '../../shared/calendar-deps.ts';
import { logger } from '../../shared/observability.ts';
import { reminderStore } from '../../shared/reminders.ts';
import { repositories } from '../../shared/store.ts';
import { useCaseDeps } from '../../shared/use-case-deps.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, jsonBody } from '../request.ts';
import { json } from '../response.ts';

const repos = repositories();
const reminders = reminderStore();

/**
 * Cases whose provisional clocks a load recomputes before it answers; more are left to the daily
 * recompute-provisional run, so the request stays well inside the route's timeout.
 */
const RECOMPUTE_ON_LOAD_CASES = 100;

/**
 * `PUT /calendar/{year}` — an admin loads a year's statutory rest days and make-up working days
 * (`{ "restDays": [...], "workingDays": [...] }`); 200 with the year now in force. The deadlines counted
 * without that year (provisional) are counted again at once with it, up to RECOMPUTE_ON_LOAD_CASES cases;
 * the daily recompute does any rest. A PUT replaces the year whole, so a retry is harmless and an
 * Idempotency-Key is not needed. The body is read only once the caller is known to be an admin (403 before
 * any 400).
 */
export const handler = httpHandler(async (event) => {
  const actor = actorOf(event);
  const year = await loadCalendarYear(calendarDeps, actor, event.pathParameters?.year, () => jsonBody(event));
  const base = await useCaseDeps(repos);
  // This container's copy of the loaded years may predate the load: count with the year as just loaded.
  const deps = { ...base, calendar: withLoadedYear(base.calendar, year) };
  const recomputed = await recomputeProvisional(
    {
      reminders,
      clock: deps.clock,
      calendar: deps.calendar,
      recomputeClocks: (caseId) => recomputeClocks(deps, caseId, logRecomputed),
    },
    { years: [year.year], maxCases: RECOMPUTE_ON_LOAD_CASES },
  );
  logger.info('calendar year loaded', {
    year: year.year,
    restDays: year.restDays.length,
    workingDays: year.workingDays.length,
    provisionalCases: recomputed.cases,
    recomputedCases: recomputed.changed,
    recomputeFailures: recomputed.failures,
  });
  return json(200, year);
});
