import { randomUUID } from 'node:crypto';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { consultationSchema } from '../../../domain/consultations/intake.ts';
import type { Consultation } from '../../../domain/consultations/model.ts';
import { recordConsultation } from '../../../domain/consultations/use-cases.ts';
import { parseOrThrow } from '../../../domain/shared/validation.ts';
import { systemClock } from '../../shared/clock.ts';
import { consultationRepository, postDirectory } from '../../shared/consultations.ts';
import { idempotency } from '../../shared/idempotency.ts';
import { logger, metrics } from '../../shared/observability.ts';
import { consultationView } from '../consultation-view.ts';
import { once } from '../idempotency.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, jsonBody } from '../request.ts';
import { json } from '../response.ts';

const deps = {
  consultations: consultationRepository({ receiptsTable: idempotency.tableName }),
  directory: postDirectory(),
  clock: systemClock,
  ids: { consultationId: () => randomUUID() },
};

const respond = (c: Consultation) =>
  json(201, consultationView(c), { location: `/consultations/${c.consultationId}` });

/** `POST /consultations` — records a consultation at the caller's post; an Idempotency-Key makes retries return the first 201. */
export const handler = httpHandler(async (event) => {
  const actor = actorOf(event);
  const body = jsonBody(event);
  return once<Consultation>(event, actor, idempotency, {
    validate: () => parseOrThrow(consultationSchema(), body),
    respond,
    execute: async (receipt) => {
      const c = await recordConsultation(deps, actor, body, receipt ? { receipt } : {});
      // Ids and what the figures count; never the worker, the employer or the advice (personal data).
      logger.info('consultation recorded', {
        consultationId: c.consultationId,
        postId: c.postId,
        channel: c.channel,
        categories: c.categories,
        outcome: c.outcome,
      });
      metrics.addMetric('ConsultationRecorded', MetricUnit.Count, 1);
      return c;
    },
  });
});
