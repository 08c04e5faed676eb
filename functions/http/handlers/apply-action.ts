import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { actOnCase } from '../../../domain/case/act-on-case.ts';
import { deps } from '../../shared/http-deps.ts';
import { idempotency } from '../../shared/idempotency.ts';
import { logger, metrics } from '../../shared/observability.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, caseIdOf, ifMatchOf, jsonBody } from '../request.ts';
import { etag, json } from '../response.ts';
import { caseView } from '../views.ts';

/**
 * `POST /cases/{caseId}/actions` with `{ "action": ..., ...fields }` — 409 for an illegal action (with the
 * allowed ones), 412 when If-Match is stale.
 */
export const handler = httpHandler(
  async (event) => {
    const actor = actorOf(event);
    const caseId = caseIdOf(event);
    const c = await actOnCase(deps, actor, caseId, jsonBody(event), ifMatchOf(event));
    logger.info('action applied', { caseId, status: c.status, version: c.version });
    metrics.addMetric('ActionApplied', MetricUnit.Count, 1);
    return json(200, caseView(c), { etag: etag(c.version) });
  },
  { idempotency },
);
