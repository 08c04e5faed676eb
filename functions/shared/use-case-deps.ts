import { randomUUID } from 'node:crypto';
import { withOverrides } from '../../domain/clocks/periods.ts';
import type { HandoffDeps } from '../../domain/handoffs/ports.ts';
import { PublishedHolidayCalendar } from '../adapters/holiday-calendar.ts';
import type { Repositories } from './store.ts';
import { storeConfig } from './store.ts';

const periods = withOverrides(storeConfig.periods);
const calendar = new PublishedHolidayCalendar();

/**
 * What the writing use cases are given besides the repositories: the clock, id minting, the statutory
 * periods (with their configured overrides) and the State Council's holiday calendar. Only functions
 * that decide or settle import this module, so readers never load the calendar's data.
 */
export function useCaseDeps(repos: Repositories): HandoffDeps {
  return {
    ...repos,
    clock: { now: () => new Date().toISOString() },
    ids: { caseId: () => randomUUID(), handoffId: () => randomUUID() },
    periods,
    calendar,
  };
}
