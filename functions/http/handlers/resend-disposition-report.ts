import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { type ReportView, resendReport } from '../../../domain/warnings/report-desk.ts';
import { idempotency } from '../../shared/idempotency.ts';
import { logger, metrics } from '../../shared/observability.ts';
import { reportDeskDeps } from '../../shared/warning-reports.ts';
import { once } from '../idempotency.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf } from '../request.ts';
import { json } from '../response.ts';

const deps = reportDeskDeps({ receiptsTable: idempotency.tableName });
const respond = (r: ReportView) => json(200, r);

/**
 * `POST /disposition-reports/{reportId}/resend` (admins) — a REJECTED report back to PENDING, sent again by
 * the stream consumer with the same webhook-id. Not naturally idempotent (a second resend finds it PENDING
 * or DELIVERED: 409), so an Idempotency-Key gives a retry the first answer, as on the other POSTs.
 */
export const handler = httpHandler(async (event) => {
  const actor = actorOf(event);
  const reportId = event.pathParameters?.reportId ?? '';
  return once<ReportView>(event, actor, idempotency, {
    validate: () => ({ reportId }),
    respond,
    execute: async (receipt) => {
      const r = await resendReport(deps, actor, reportId, receipt);
      logger.info('disposition report sent again', { reportId: r.reportId, partnerId: r.partnerId });
      metrics.addMetric('WarningDispositionResent', MetricUnit.Count, 1);
      return r;
    },
  });
});
