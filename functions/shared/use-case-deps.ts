import { randomUUID } from 'node:crypto';
import type { HolidayCalendar } from '../../domain/clocks/calendar.ts';
import { withOverrides } from '../../domain/clocks/periods.ts';
import type { Directory } from '../../domain/directory/ports.ts';
import type { HandoffDeps } from '../../domain/handoffs/ports.ts';
import type { Repositories } from './store.ts';
import { storeConfig } from './store.ts';

const periods = withOverrides(storeConfig.periods);
let calendarRoot: Promise<typeof import('./calendar-deps.ts')> | undefined;

/**
 * The system clock. LOCAL_CLOCK_OFFSET_MS moves it, for the local stack's clock control only
 * (infra/local/gateway.ts); nothing sets it in AWS.
 */
const clock = {
  now: () => new Date(Date.now() + Number(process.env.LOCAL_CLOCK_OFFSET_MS ?? 0)).toISOString(),
};

/**
 * For functions whose use cases never name a post or partner (filing, the pipeline): asking is a bug. The
 * functions that apply actions pass functions/shared/partners.ts's directory (and hold registry access).
 */
const NO_DIRECTORY: Directory = {
  knows: () => Promise.reject(new Error('this function was not given the post and partner directory')),
};

/**
 * The holiday calendar in force (a year an admin loaded over the package's), loaded on first use rather
 * than at cold start: its data is parsed only by a function that is about to count legal days, and the
 * admin-loaded years are read with one Query at most every few minutes (functions/shared/calendar-deps.ts).
 */
function holidayCalendar(): Promise<HolidayCalendar> {
  calendarRoot ??= import('./calendar-deps.ts');
  return calendarRoot.then((m) => m.holidayCalendar());
}

/**
 * What the writing use cases are given besides the repositories: the clock, id minting, the statutory
 * periods (with their configured overrides) and the holiday calendar. Only functions that decide or settle
 * import this module; call it per invocation (it resolves at once after the first).
 */
export async function useCaseDeps(
  repos: Repositories,
  directory: Directory = NO_DIRECTORY,
): Promise<HandoffDeps> {
  return {
    ...repos,
    clock,
    ids: { caseId: () => randomUUID(), handoffId: () => randomUUID() },
    periods,
    calendar: await holidayCalendar(),
    directory,
  };
}
