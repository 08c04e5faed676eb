/** The Powertools service name every function logs, traces and emits metrics under. */
export const SERVICE_NAME = 'labour-dispute-mediation';
/** The CloudWatch namespace of the system's own metrics (alarms read them from here). */
export const METRICS_NAMESPACE = 'LabourDisputeMediation';
/**
 * The header the stage's CloudFront distribution adds on its way to the API (infra/cdk/constructs/api-front.ts)
 * and the functions' variable holding its value; the HTTP edge refuses a request without it
 * (functions/http/middleware.ts). No variable, no check: the local stack sets none.
 */
export const ORIGIN_HEADER = 'x-origin-verify';
export const ORIGIN_VARIABLE = 'ORIGIN_VERIFY';
