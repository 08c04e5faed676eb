import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

/** One logger, metrics and tracer per container; service name and level come from POWERTOOLS_* variables. */
export const logger = new Logger({ serviceName: 'labour-dispute-mediation' });
export const metrics = new Metrics({
  namespace: 'LabourDisputeMediation',
  serviceName: 'labour-dispute-mediation',
});
export const tracer = new Tracer({ serviceName: 'labour-dispute-mediation' });
