import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Case } from '../../../domain/case/model.ts';
import { openingSchema } from '../../../domain/consultations/intake.ts';
import { openCaseFromConsultation } from '../../../domain/consultations/open-case.ts';
import { parseOrThrow } from '../../../domain/shared/validation.ts';
import { unsealConsultation } from '../../adapters/dynamodb/sealed-items.ts';
import { consultationRepository, postDirectory } from '../../shared/consultations.ts';
import { httpRepositories } from '../../shared/http-deps.ts';
import { idempotency } from '../../shared/idempotency.ts';
import { logger, metrics } from '../../shared/observability.ts';
import { useCaseDeps } from '../../shared/use-case-deps.ts';
import { consultationIdOf } from '../consultation-view.ts';
import { once } from '../idempotency.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, jsonBody } from '../request.ts';
import { etag, json } from '../response.ts';
import { caseView } from '../views.ts';

const repos = httpRepositories({ receiptsTable: idempotency.tableName });
const repository = consultationRepository({ receiptsTable: idempotency.tableName });
/** The consultation with its sealed ID number and phone opened: they prefill the case's worker. */
const consultations = new Proxy(repository, {
  get(target, name) {
    if (name === 'get')
      return async (id: string) => {
        const c = await target.get(id);
        return c && unsealConsultation(c);
      };
    const value = Reflect.get(target, name, target);
    return typeof value === 'function' ? value.bind(target) : value;
  },
});
const directory = postDirectory();

const respond = (c: Case) =>
  json(201, caseView(c), { location: `/cases/${c.caseId}`, etag: etag(c.version) });

/**
 * `POST /consultations/{consultationId}/case` — files a case prefilled from the consultation (the body
 * gives the rest) and marks the consultation CASE_OPENED, in one transaction; an Idempotency-Key makes
 * retries return the first 201.
 */
export const handler = httpHandler(async (event) => {
  const actor = actorOf(event);
  const consultationId = consultationIdOf(event);
  const body = jsonBody(event);
  return once(event, actor, idempotency, {
    // The body's own fields are checked first (the whole filing only with the consultation's).
    validate: () => parseOrThrow(openingSchema(), body),
    respond,
    execute: async (receipt) => {
      const deps = { ...(await useCaseDeps(repos, directory)), consultations };
      const c = await openCaseFromConsultation(deps, actor, consultationId, body, receipt ? { receipt } : {});
      logger.info('case opened from a consultation', {
        consultationId,
        caseId: c.caseId,
        caseNumber: c.caseNumber,
        postId: c.postId,
      });
      metrics.addMetric('CaseFiled', MetricUnit.Count, 1);
      return c;
    },
  });
});
