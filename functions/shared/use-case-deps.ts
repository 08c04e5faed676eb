import { randomUUID } from 'node:crypto';
import { withOverrides } from '../../domain/clocks/periods.ts';
import type { Directory } from '../../domain/directory/ports.ts';
import type { HandoffDeps } from '../../domain/handoffs/ports.ts';
import { holidayCalendar } from './calendar-deps.ts';
import { systemClock } from './clock.ts';
import { nameBasedId } from './derived-ids.ts';
import type { Repositories } from './store.ts';
import { storeConfig } from './store.ts';

const periods = withOverrides(storeConfig.periods);

/**
 * For functions whose use cases never name a post or partner (filing, the pipeline): asking is a bug. The
 * functions that apply actions pass functions/shared/partners.ts's directory (and hold registry access).
 */
const NO_DIRECTORY: Directory = {
  knows: () => Promise.reject(new Error('this function was not given the post and partner directory')),
};

/**
 * What the writing use cases are given besides the repositories: the clock, id minting, the statutory
 * periods (with their configured overrides) and the holiday calendar in force, whose admin-loaded years are
 * read with one Query at most every few minutes (functions/shared/calendar-deps.ts). Only functions that
 * decide or settle import this module; call it per invocation (it resolves at once after the first).
 *
 * The calendar is imported, not loaded with `import()` on first use: a dynamic import of calendar-deps.ts
 * made esbuild wrap it and all it imports (the store, lib-dynamodb, zod) in lazy initialisers, which
 * bundled the whole DynamoDB client (no tree-shaking through a wrapped barrel) and parsed zod twice —
 * about 0.07× of the bare handler's cold start more than evaluating the package's holiday data at init.
 */
export async function useCaseDeps(
  repos: Repositories,
  directory: Directory = NO_DIRECTORY,
): Promise<HandoffDeps> {
  return {
    ...repos,
    clock: systemClock,
    ids: { caseId: () => randomUUID(), handoffId: () => randomUUID(), caseIdFor: nameBasedId },
    periods,
    calendar: await holidayCalendar(),
    directory,
  };
}
