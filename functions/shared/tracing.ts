import { Tracer } from '@aws-lambda-powertools/tracer';
import { SERVICE_NAME } from './constants.ts';

/**
 * Powertools Tracer, for the functions behind queues, streams and schedules: their SQS, Secrets Manager
 * and handler subsegments show where a handoff spent its time. The API's functions do without it: the
 * X-Ray SDK it loads is about a fifth of an HTTP bundle and most of the cold start above the bare-SDK
 * floor, and their invocations are still traced by Lambda's active tracing (the stack turns it on).
 */
export const tracer = new Tracer({ serviceName: SERVICE_NAME });
