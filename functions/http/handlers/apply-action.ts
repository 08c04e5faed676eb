import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { actOnCase } from '../../../domain/case/act-on-case.ts';
import type { Case } from '../../../domain/case/model.ts';
import { parseCommand } from '../../../domain/lifecycle/command.ts';
import { httpRepositories } from '../../shared/http-deps.ts';
import { idempotency } from '../../shared/idempotency.ts';
import { logger, metrics } from '../../shared/observability.ts';
import { directory } from '../../shared/partners.ts';
import { useCaseDeps } from '../../shared/use-case-deps.ts';
import { once } from '../idempotency.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, caseIdOf, ifMatchOf, jsonBody } from '../request.ts';
import { etag, json } from '../response.ts';
import { caseView } from '../views.ts';

const repos = httpRepositories({ receiptsTable: idempotency.tableName });

const respond = (c: Case) => json(200, caseView(c), { etag: etag(c.version) });

/**
 * `POST /cases/{caseId}/actions` with `{ "action": ..., ...fields }` — 409 for an illegal action (with the
 * allowed ones), 412 when If-Match is stale; an Idempotency-Key makes retries return the first answer.
 */
export const handler = httpHandler(async (event) => {
  const actor = actorOf(event);
  const caseId = caseIdOf(event);
  const body = jsonBody(event);
  const ifMatch = ifMatchOf(event);
  return once(event, actor, idempotency, {
    validate: () => ({ command: parseCommand(body), ifMatch: ifMatch ?? null }),
    respond,
    execute: async (receipt) => {
      const deps = await useCaseDeps(repos, directory);
      const c = await actOnCase(deps, actor, caseId, body, ifMatch, receipt ? { receipt } : {});
      logger.info('action applied', { caseId, status: c.status, version: c.version });
      metrics.addMetric('ActionApplied', MetricUnit.Count, 1);
      logProvisionalClocks(c);
      return c;
    },
  });
});

/**
 * A clock this action started in a year without holiday data is reported loudly, never silently counted
 * as weekends-only (Civil Code art. 203 needs the State Council's calendar): ids and dates only.
 */
function logProvisionalClocks(c: Case): void {
  for (const clock of c.clocks ?? []) {
    if (!clock.provisional || clock.status !== 'RUNNING' || clock.updatedVersion !== c.version) continue;
    logger.warn('provisional deadline: its year has no holiday calendar yet', {
      caseId: c.caseId,
      clockId: clock.clockId,
      clock: clock.clock,
      dueOn: clock.dueOn,
    });
    metrics.addMetric('HolidayCalendarMissing', MetricUnit.Count, 1);
  }
}
