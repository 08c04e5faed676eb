import * as z from 'zod/mini';
import type { Actor } from '../shared/actor.ts';
import { type FieldIssue, ForbiddenError, ValidationError } from '../shared/errors.ts';
import type { Clock } from '../shared/ports.ts';
import { DATE, parseOrThrow } from '../shared/validation.ts';
import {
  type CalendarSource,
  type CalendarYear,
  type CalendarYears,
  isWeekend,
  type PublishedYears,
} from './calendar.ts';

/**
 * Holiday calendar administration. The State Council publishes each year's holidays and make-up working
 * days late in the year before; the `chinese-days` package ships them only after an upgrade and a
 * deployment. An admin may load a year directly so deadlines (Civil Code art. 203) use it at once; a
 * loaded year wins over the package's.
 */

export interface CalendarDeps {
  readonly calendarYears: CalendarYears;
  readonly published: PublishedYears;
  readonly clock: Clock;
}

/** What `GET /calendar/{year}` answers: the year in force and where it comes from. */
export interface CalendarYearView extends CalendarYear {
  readonly source: CalendarSource;
  readonly updatedAt?: string;
  readonly updatedBy?: string;
}

/**
 * Years the system accepts: the current holiday system dates from 1999 (State Council, 全国年节及纪念日放假办法),
 * and a year far ahead is a typo rather than a plan.
 */
const YEAR = z.pipe(
  z.pipe(
    z.string('must be a year, e.g. 2026').check(z.regex(/^\d{4}$/, 'must be a year, e.g. 2026')),
    z.transform(Number),
  ),
  z.number().check(z.gte(2000, 'must be 2000 or later'), z.lte(2100, 'must be 2100 or earlier')),
);

/**
 * The body of a load. Bounds: a year has seven statutory holidays of at most eight or nine days each (about
 * 35 rest days with the weekends inside them, 2026 has 33) and a dozen make-up working days at most, so 60
 * and 20 leave room without letting a list grow without limit.
 */
export const CalendarYearBody = z.strictObject({
  restDays: z
    .array(DATE)
    .check(z.minLength(1, 'must list at least the year’s statutory holidays'), z.maxLength(60)),
  workingDays: z.array(DATE).check(z.maxLength(20)),
});

const view = (
  source: CalendarSource,
  y: CalendarYear & { readonly updatedAt?: string; readonly updatedBy?: string },
): CalendarYearView => ({
  year: y.year,
  source,
  restDays: y.restDays,
  workingDays: y.workingDays,
  ...(y.updatedAt === undefined ? {} : { updatedAt: y.updatedAt, updatedBy: y.updatedBy }),
});

export function parseYear(raw: unknown): number {
  return parseOrThrow(YEAR, raw, 'year');
}

/** The rules a list of dates must keep beyond its shape; every breach is named by its field. */
function dateIssues(year: number, restDays: readonly string[], workingDays: readonly string[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const rest = new Set(restDays);
  const check = (list: 'restDays' | 'workingDays', dates: readonly string[]) => {
    const seen = new Map<string, number>();
    dates.forEach((date, i) => {
      const field = `${list}[${i}]`;
      // The load replaces one year: a date of another year belongs to that year's load.
      if (!date.startsWith(`${year}-`)) issues.push({ field, message: `must be a date in ${year}` });
      const first = seen.get(date);
      if (first !== undefined) issues.push({ field, message: `repeats ${list}[${first}]` });
      else seen.set(date, i);
      if (list === 'workingDays') {
        // A day cannot be both: the calendar would not say whether a deadline may end on it (art. 203).
        if (rest.has(date)) issues.push({ field, message: 'is also listed in restDays' });
        // A make-up working day (调休) is a Saturday or Sunday worked in exchange for a holiday; a weekday is
        // a working day anyway, so listing one is a mistake.
        if (!isWeekend(date))
          issues.push({ field, message: 'must be a Saturday or Sunday (a make-up working day)' });
      }
    });
  };
  check('restDays', restDays);
  check('workingDays', workingDays);
  return issues;
}

/**
 * `PUT /calendar/{year}` — an admin loads (or replaces) a year's rest days and make-up working days.
 * Input: the caller, the year from the path and the body, read only once the caller is known to be an
 * admin. Output: the year as now in force (source ADMIN). Idempotent: the same load twice stores the
 * same year. Only an admin may load, since every deadline computed afterwards depends on it (Civil Code
 * art. 203).
 */
export async function loadCalendarYear(
  deps: CalendarDeps,
  actor: Actor,
  rawYear: unknown,
  body: () => unknown,
): Promise<CalendarYearView> {
  if (actor.role !== 'admin') throw new ForbiddenError('only an admin loads the holiday calendar');
  const year = parseYear(rawYear);
  const input = parseOrThrow(CalendarYearBody, body());
  const issues = dateIssues(year, input.restDays, input.workingDays);
  if (issues.length > 0) throw new ValidationError(issues);
  const stored = {
    year,
    restDays: [...input.restDays].sort(),
    workingDays: [...input.workingDays].sort(),
    updatedAt: deps.clock.now(),
    updatedBy: actor.sub,
  };
  await deps.calendarYears.put(stored);
  return view('ADMIN', stored);
}

/**
 * `GET /calendar/{year}` — the calendar in force for a year and where it comes from: an admin's load,
 * else the package's data, else NONE (deadlines in that year are provisional, never weekends-only).
 */
export async function readCalendarYear(deps: CalendarDeps, rawYear: unknown): Promise<CalendarYearView> {
  const year = parseYear(rawYear);
  const stored = await deps.calendarYears.get(year);
  if (stored) return view('ADMIN', stored);
  const published = deps.published.year(year);
  if (published) return view('PACKAGE', published);
  return view('NONE', { year, restDays: [], workingDays: [] });
}
