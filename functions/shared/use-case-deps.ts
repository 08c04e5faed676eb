import { randomUUID } from 'node:crypto';
import type { HolidayCalendar } from '../../domain/clocks/calendar.ts';
import { withOverrides } from '../../domain/clocks/periods.ts';
import type { HandoffDeps } from '../../domain/handoffs/ports.ts';
import type { Repositories } from './store.ts';
import { storeConfig } from './store.ts';

const periods = withOverrides(storeConfig.periods);
let calendar: Promise<HolidayCalendar> | undefined;

/**
 * The State Council's holiday calendar, loaded on first use rather than at cold start: its data is parsed
 * only by a function that is about to count legal days.
 */
function holidayCalendar(): Promise<HolidayCalendar> {
  calendar ??= import('../adapters/holiday-calendar.ts').then((m) => new m.PublishedHolidayCalendar());
  return calendar;
}

/**
 * What the writing use cases are given besides the repositories: the clock, id minting, the statutory
 * periods (with their configured overrides) and the holiday calendar. Only functions that decide or settle
 * import this module; call it per invocation (it resolves at once after the first).
 */
export async function useCaseDeps(repos: Repositories): Promise<HandoffDeps> {
  return {
    ...repos,
    clock: { now: () => new Date().toISOString() },
    ids: { caseId: () => randomUUID(), handoffId: () => randomUUID() },
    periods,
    calendar: await holidayCalendar(),
  };
}
