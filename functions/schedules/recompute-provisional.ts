import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { recomputeClocks } from '../../domain/clocks/recompute-clocks.ts';
import { recomputeProvisional } from '../../domain/reminders/recompute-provisional.ts';
import { backgroundHandler } from '../shared/background.ts';
import { logger, metrics } from '../shared/observability.ts';
import { reminderStore } from '../shared/reminders.ts';
import { repositories } from '../shared/store.ts';
import { useCaseDeps } from '../shared/use-case-deps.ts';
import { logRecomputed } from './recomputed-log.ts';

const repos = repositories();
const reminders = reminderStore();

/**
 * Daily: the running clocks computed without a year's holiday data (through the provisionalClocks index),
 * for every year the calendar in force now covers, are computed again (domain/clocks/recompute-clocks.ts);
 * a clock whose last day moves is rewritten with its reminders, and the due index follows. The year an
 * admin loads is recomputed at once by `PUT /calendar/{year}`; this run catches what that one left over.
 */
export const handler = backgroundHandler(async () => {
  const deps = await useCaseDeps(repos);
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
