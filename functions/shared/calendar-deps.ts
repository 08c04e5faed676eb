import * as z from 'zod/mini';
import type { HolidayCalendar } from '../../domain/clocks/calendar.ts';
import type { CalendarDeps } from '../../domain/clocks/calendar-years.ts';
import { DynamoCalendarYears } from '../adapters/dynamodb/calendar-repository.ts';
import { PublishedHolidayCalendar } from '../adapters/holiday-calendar.ts';
import { LayeredHolidayCalendar } from '../adapters/layered-calendar.ts';
import { parseEnvironment } from './env.ts';
import { documents, storeConfig } from './store.ts';

/**
 * Composition root of the holiday calendar: the package's years, the admin-loaded years in the cases
 * table, and the layered calendar the deadline arithmetic uses, once per container.
 */
const CalendarEnvironment = z.object({
  /** How long a container keeps the admin-loaded years before reading them again (0: every request). */
  CALENDAR_TTL_SECONDS: z._default(z.coerce.number().check(z.int(), z.gte(0), z.lte(3600)), 300),
});
const { CALENDAR_TTL_SECONDS } = parseEnvironment(CalendarEnvironment, process.env, 'calendar');

const published = new PublishedHolidayCalendar();
const calendarYears = new DynamoCalendarYears(documents, storeConfig.tableName);
const layered = new LayeredHolidayCalendar(calendarYears, published, { ttlMs: CALENDAR_TTL_SECONDS * 1000 });

/** What the calendar routes' use cases are given. */
export const calendarDeps: CalendarDeps = {
  calendarYears,
  published,
  clock: { now: () => new Date().toISOString() },
};

/** The calendar in force, its admin-loaded years read at most once per CALENDAR_TTL_SECONDS (one Query). */
export function holidayCalendar(): Promise<HolidayCalendar> {
  return layered.fresh();
}
