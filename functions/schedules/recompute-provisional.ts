import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { HolidayCalendar } from '../../domain/clocks/calendar.ts';
import { recomputeClocks, withLoadedYear } from '../../domain/clocks/recompute-clocks.ts';
import { recomputeProvisional } from '../../domain/reminders/recompute-provisional.ts';
import { DynamoCalendarYears } from '../adapters/dynamodb/calendar-repository.ts';
import { PublishedHolidayCalendar } from '../adapters/holiday-calendar.ts';
import { backgroundHandler } from '../shared/background.ts';
import { logger, metrics } from '../shared/observability.ts';
import { reminderStore } from '../shared/reminders.ts';
import { documents, repositories, storeConfig } from '../shared/store.ts';
import { useCaseDeps } from '../shared/use-case-deps.ts';
import { logRecomputed } from './recomputed-log.ts';

const repos = repositories();
const reminders = reminderStore();
const calendarYears = new DynamoCalendarYears(documents, storeConfig.tableName);
const published = new PublishedHolidayCalendar();

/**
 * The calendar as loaded now, read once per run (one Query): the container's shared copy may be minutes
 * old, and a run right after a load (`npm run sla -- --recompute`, a restart) must count with that year.
 */
async function calendarNow(): Promise<HolidayCalendar> {
  const loaded = await calendarYears.all();
  return loaded.reduce<HolidayCalendar>((calendar, year) => withLoadedYear(calendar, year), published);
}

/**
 * Daily: the running clocks computed without a year's holiday data (through the provisionalClocks index),
 * for every year the calendar in force now covers, are computed again (domain/clocks/recompute-clocks.ts);
 * a clock whose last day moves is rewritten with its reminders, and the due index follows. The year an
 * admin loads is recomputed at once by `PUT /calendar/{year}`; this run catches what that one left over.
 */
export const handler = backgroundHandler(async () => {
  const deps = { ...(await useCaseDeps(repos)), calendar: await calendarNow() };
  const result = await recomputeProvisional({
    reminders,
    clock: deps.clock,
    calendar: deps.calendar,
    recomputeClocks: (caseId) => recomputeClocks(deps, caseId, logRecomputed),
  });
  metrics.addMetric('ProvisionalClocksRecomputed', MetricUnit.Count, result.changed);
  if (result.cases > 0) logger.info('provisional clocks recomputed', { ...result });
  return result;
});
