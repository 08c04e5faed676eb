/** The Powertools service name every function logs, traces and emits metrics under. */
export const SERVICE_NAME = 'labour-dispute-mediation';
/** The CloudWatch namespace of the system's own metrics (alarms read them from here). */
export const METRICS_NAMESPACE = 'LabourDisputeMediation';
