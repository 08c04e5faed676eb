import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { handlePartnerEvent } from '../../domain/callbacks/handle-event.ts';
import type { Case } from '../../domain/case/model.ts';
import { message } from '../../domain/shared/messages.ts';
import { handleMonitoringEvent } from '../../domain/warnings/callback.ts';
import type { Ingested } from '../../domain/warnings/ingest.ts';
import { HttpError } from '../http/errors.ts';
import { atMostOnce, sha256 } from '../http/idempotency.ts';
import { httpHandler } from '../http/middleware.ts';
import { parseJson, rawBody } from '../http/request.ts';
import { duplicateDeps } from '../shared/duplicates-deps.ts';
import { idempotency } from '../shared/idempotency.ts';
import { logger, metrics } from '../shared/observability.ts';
import { partnerStore } from '../shared/partner-store.ts';
import { directory } from '../shared/partners.ts';
import { repositories } from '../shared/store.ts';
import { useCaseDeps } from '../shared/use-case-deps.ts';
import { warningDeps } from '../shared/warnings.ts';
import { callbackPartnerId, SignatureRejected, verifyCallback } from './signature.ts';

type Result = APIGatewayProxyStructuredResultV2;

/** A partner's callback may carry a whole case (parties and claims), hence more than the mediator API's limit. */
export const CALLBACK_MAX_BODY_BYTES = 256 * 1024;
/** A partner retries for days, not minutes: its `webhook-id` is remembered for 7 days. */
export const CALLBACK_RECEIPT_SECONDS = 7 * 24 * 60 * 60;

const repos = repositories({ receiptsTable: idempotency.tableName });
/** A case a court or an institute opens is checked for duplicate filings as a filing is (issue 22). */
const duplicates = duplicateDeps();

/** What a monitoring partner is told of its signal: the warning it raised or updated, if any. */
const respondSignal = (r: Ingested): Result => {
  const body = JSON.stringify({
    accepted: true,
    warningId: r.warning?.warningId ?? null,
    level: r.warning?.level ?? null,
  });
  return { statusCode: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body };
};

const respond = (c: Case): Result => {
  const body = JSON.stringify({ caseId: c.caseId, status: c.status, version: c.version });
  return { statusCode: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body };
};

// Partners are machines and read English, but the same renderer answers them (Accept-Language is honoured).
const rejected = () => new HttpError(401, 'UNAUTHORIZED', message('callback.rejected'));
const idReused = () => new HttpError(409, 'WEBHOOK_ID_REUSED', message('callback.idReused'));

/**
 * `POST /partners/{partnerId}/callbacks` — a court or arbitration institute reports a decision, signed with
 * the Standard Webhooks scheme. The signature is checked over the raw body before anything is parsed, read
 * or written (401 otherwise). The `webhook-id` is recorded in the same transaction as the effect, so a
 * replay changes nothing and gets the first answer; the same id with another body is a 409.
 */
export const handler = httpHandler(
  async (event) => {
    const raw = rawBody(event);
    const partnerId = callbackPartnerId(event);
    let partner: Awaited<ReturnType<typeof verifyCallback>>;
    try {
      partner = await verifyCallback(partnerStore(), partnerId, raw, event.headers ?? {});
    } catch (error) {
      if (!(error instanceof SignatureRejected)) throw error;
      logger.warn('partner callback refused', { reason: error.reason });
      metrics.addMetric('CallbackSignatureRejected', MetricUnit.Count, 1);
      throw rejected();
    }
    const body = parseJson(raw);
    const receiptId = sha256(
      ['partner-callback', partner.kind, partner.id, event.headers['webhook-id']].join('\n'),
    );
    if (partner.kind === 'MONITORING') {
      // An early-warning signal (issue 20): recorded and its employer evaluated, once per webhook-id.
      return atMostOnce<Ingested>(idempotency, {
        id: receiptId,
        fingerprint: sha256(raw),
        ttlSeconds: CALLBACK_RECEIPT_SECONDS,
        reused: idReused,
        respond: respondSignal,
        execute: async (receipt) => {
          const deps = await warningDeps({ receiptsTable: idempotency.tableName });
          const ingested = await handleMonitoringEvent(deps, partner, body, { receipt });
          logger.info('monitoring signal recorded', {
            partnerId: partner.id,
            indicator: ingested.signal.indicator,
            warningId: ingested.warning?.warningId ?? null,
            level: ingested.warning?.level ?? null,
          });
          metrics.addMetric('WarningSignalRecorded', MetricUnit.Count, 1);
          return ingested;
        },
      });
    }
    return atMostOnce(idempotency, {
      id: receiptId,
      fingerprint: sha256(raw),
      ttlSeconds: CALLBACK_RECEIPT_SECONDS,
      reused: idReused,
      respond,
      execute: async (receipt) => {
        const applied = await handlePartnerEvent(await useCaseDeps(repos, directory), partner, body, {
          receipt,
          duplicates,
        });
        logger.info('partner callback applied', {
          partnerId: partner.id,
          type: (body as { type?: unknown }).type,
          caseId: applied.caseId,
          status: applied.status,
          version: applied.version,
        });
        metrics.addMetric('CallbackApplied', MetricUnit.Count, 1);
        return applied;
      },
    });
  },
  { maxBodyBytes: CALLBACK_MAX_BODY_BYTES },
);
