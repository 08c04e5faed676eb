import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { redactPersonalData } from '../../domain/shared/identifiers.ts';
import { METRICS_NAMESPACE, SERVICE_NAME } from './constants.ts';

/**
 * One logger and one metrics object per container; the level comes from POWERTOOLS_LOG_LEVEL. Every string
 * a log line carries passes the same mask as responses and events, so an ID or mobile number typed into
 * free text cannot reach the logs even through an error message. Tracing is in tracing.ts, for the
 * functions behind queues, streams and schedules only (see there why).
 */
export const logger = new Logger({
  serviceName: SERVICE_NAME,
  jsonReplacerFn: (_key: string, value: unknown) =>
    typeof value === 'string' ? redactPersonalData(value) : value,
});
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });
