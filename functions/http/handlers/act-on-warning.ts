import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { parseOrThrow } from '../../../domain/shared/validation.ts';
import { warningCommandSchema } from '../../../domain/warnings/inputs.ts';
import type { Warning } from '../../../domain/warnings/model.ts';
import { actOnWarningById, viewOf } from '../../../domain/warnings/use-cases.ts';
import { systemClock } from '../../shared/clock.ts';
import { idempotency } from '../../shared/idempotency.ts';
import { logger, metrics } from '../../shared/observability.ts';
import { warningDeps } from '../../shared/warnings.ts';
import { once } from '../idempotency.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, jsonBody } from '../request.ts';
import { json } from '../response.ts';

const respond = (w: Warning) => json(200, viewOf(w, systemClock.now()));

/** `POST /warnings/{warningId}/actions` — one step of the warning's lifecycle; an Idempotency-Key makes retries safe. */
export const handler = httpHandler(async (event) => {
  const actor = actorOf(event);
  const body = jsonBody(event);
  const warningId = event.pathParameters?.warningId ?? '';
  const deps = await warningDeps({ receiptsTable: idempotency.tableName });
  return once<Warning>(event, actor, idempotency, {
    validate: () => parseOrThrow(warningCommandSchema(), body),
    respond,
    execute: async (receipt) => {
      const w = await actOnWarningById(deps, actor, warningId, body, receipt);
      logger.info('warning acted on', { warningId: w.warningId, status: w.status, level: w.level });
      metrics.addMetric('WarningAction', MetricUnit.Count, 1);
      return w;
    },
  });
});
