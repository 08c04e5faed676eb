import { Logger } from '@aws-lambda-powertools/logger';
import type { MetricUnit } from '@aws-lambda-powertools/metrics';
import { redactPersonalData } from '../../domain/shared/identifiers.ts';
import { METRICS_NAMESPACE, SERVICE_NAME } from './constants.ts';

/**
 * One logger and one metrics object per container; the level comes from POWERTOOLS_LOG_LEVEL. Every string
 * a log line carries passes the same mask as responses and events, so an ID or mobile number typed into
 * free text cannot reach the logs even through an error message. No function loads an X-Ray SDK: Lambda's
 * active tracing (the stack turns it on) records every invocation without one.
 */
export const logger = new Logger({
  serviceName: SERVICE_NAME,
  jsonReplacerFn: (_key: string, value: unknown) =>
    typeof value === 'string' ? redactPersonalData(value) : value,
});

type Unit = (typeof MetricUnit)[keyof typeof MetricUnit];

/** Powertools' limits: a line is written early once it holds this many metrics or values of one metric. */
const MAX_METRICS = 100;
const MAX_VALUES = 100;

const TRUE = new Set(['1', 'y', 'yes', 't', 'true', 'on']);
const flag = (name: string): boolean | undefined => {
  const value = process.env[name]?.trim().toLowerCase();
  return value === undefined ? undefined : TRUE.has(value);
};

/**
 * CloudWatch embedded metric format, written here instead of by Powertools Metrics: Powertools Metrics
 * bundles a second copy of Powertools' commons and its validation for features this system does not use
 * (dimension sets, metadata, high resolution, cold-start metric), about 0.05× of a cold start. The line
 * is the one Powertools writes: one JSON object per invocation on stdout, the namespace, the `service`
 * dimension, a metric added twice carried as an array of values. Off when POWERTOOLS_METRICS_DISABLED is
 * true (or, when it is unset, when POWERTOOLS_DEV is). Powertools' warning on an invocation that
 * recorded nothing is not repeated.
 */
export class EmbeddedMetrics {
  readonly #namespace: string;
  readonly #service: string;
  readonly #disabled: boolean;
  #stored = new Map<string, { unit: Unit; values: number[] }>();

  constructor(options: { namespace: string; serviceName: string; disabled?: boolean }) {
    this.#namespace = options.namespace;
    this.#service = options.serviceName;
    this.#disabled =
      options.disabled ?? flag('POWERTOOLS_METRICS_DISABLED') ?? flag('POWERTOOLS_DEV') ?? false;
  }

  addMetric(name: string, unit: Unit, value: number): void {
    const stored = this.#stored.get(name);
    if (stored && stored.unit !== unit) {
      throw new Error(`Metric "${name}" has already been added with unit "${stored.unit}", not "${unit}"`);
    }
    if (!stored && this.#stored.size >= MAX_METRICS) this.publishStoredMetrics();
    const metric = this.#stored.get(name) ?? { unit, values: [] };
    metric.values.push(value);
    this.#stored.set(name, metric);
    if (metric.values.length === MAX_VALUES) this.publishStoredMetrics();
  }

  /** Writes what was recorded since the last call (nothing if nothing was), and forgets it. */
  publishStoredMetrics(): void {
    const stored = this.#stored;
    this.#stored = new Map();
    if (this.#disabled || stored.size === 0) return;
    const line: Record<string, unknown> = {
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [
          {
            Namespace: this.#namespace,
            Dimensions: [['service']],
            Metrics: [...stored].map(([name, { unit }]) => ({ Name: name, Unit: unit })),
          },
        ],
      },
      service: this.#service,
    };
    for (const [name, { values }] of stored) line[name] = values.length === 1 ? values[0] : values;
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}

export const metrics = new EmbeddedMetrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });

/** Middy middleware: the invocation's metrics written when it ends, whether it succeeded or not. */
export const publishMetrics = () => {
  const publish = () => metrics.publishStoredMetrics();
  return { after: publish, onError: publish };
};
