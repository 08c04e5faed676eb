import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { type Filing, fileCase } from '../../../domain/case/file-case.ts';
import { intakeSchema } from '../../../domain/case/intake.ts';
import { parseOrThrow } from '../../../domain/shared/validation.ts';
import { DestinationDirectory } from '../../adapters/directory.ts';
import { DynamoPostDirectory } from '../../adapters/dynamodb/post-directory.ts';
import { duplicateDeps } from '../../shared/duplicates-deps.ts';
import { httpRepositories } from '../../shared/http-deps.ts';
import { idempotency } from '../../shared/idempotency.ts';
import { logger, metrics } from '../../shared/observability.ts';
import { documents, storeConfig } from '../../shared/store.ts';
import { useCaseDeps } from '../../shared/use-case-deps.ts';
import { once } from '../idempotency.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, jsonBody } from '../request.ts';
import { etag, json } from '../response.ts';
import { caseView } from '../views.ts';

const repos = httpRepositories({ receiptsTable: idempotency.tableName });

/**
 * Filing names a post only, never a partner: the post directory, where each post found is remembered for
 * the container's life (posts are never removed), so a warm function files with no extra read.
 */
const directory = new DestinationDirectory(
  async () => new DynamoPostDirectory(documents, storeConfig.tableName, null),
  () => Promise.reject(new Error('filing names no court or arbitration institute')),
);

const duplicates = duplicateDeps();

/** The case, and the open cases of the same workers against the same employer (case numbers and posts). */
const respond = ({ case: c, possibleDuplicates }: Filing) =>
  json(
    201,
    {
      ...caseView(c),
      possibleDuplicates: possibleDuplicates.map(({ caseNumber, postId }) => ({ caseNumber, postId })),
    },
    { location: `/cases/${c.caseId}`, etag: etag(c.version) },
  );

/**
 * `POST /cases` — files a case; an Idempotency-Key makes retries return the first 201, possible duplicates
 * included (the receipt stores the answer). The use case finds open cases of the same worker against the
 * same employer by keyed hash (domain/case/file-case.ts, domain/sealing/duplicates.ts), names them in the
 * answer and queues them for the supervisors of each post involved — markers and pairs in the filing's own
 * transaction; never merged.
 */
export const handler = httpHandler(async (event) => {
  const actor = actorOf(event);
  const body = jsonBody(event);
  return once<Filing>(event, actor, idempotency, {
    validate: () => parseOrThrow(intakeSchema(), body),
    respond,
    execute: async (receipt) => {
      const filing = await fileCase(await useCaseDeps(repos, directory), actor, body, {
        ...(receipt ? { receipt } : {}),
        duplicates,
      });
      const c = filing.case;
      logger.info('case filed', {
        caseId: c.caseId,
        caseNumber: c.caseNumber,
        postId: c.postId,
        origin: c.origin,
      });
      metrics.addMetric('CaseFiled', MetricUnit.Count, 1);
      if (c.mediationDueAtProvisional) {
        // A year without holiday data is reported loudly, never silently treated as weekends-only (Civil
        // Code art. 203 needs the State Council's calendar; docs/legal-basis.md).
        logger.warn('no holiday calendar for the year of the mediation deadline; it ignores holidays', {
          caseId: c.caseId,
          mediationDueAt: c.mediationDueAt,
        });
        metrics.addMetric('HolidayCalendarMissing', MetricUnit.Count, 1);
      }
      return filing;
    },
  });
});
