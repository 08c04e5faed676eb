import { Duration } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../../functions/shared/constants.ts';
import { resourceName, type StageConfig } from '../stage-config.ts';

/**
 * Alarm thresholds. The API answers in well under a second when warm; a p99 above these for fifteen
 * minutes, or more than one request in a hundred failing with a 5xx, is worth waking someone for.
 */
export const THRESHOLDS = {
  api5xxPercent: 1,
  apiP99LatencyMs: 2500,
  /** Unhandled errors only: domain errors become 4xx responses and never count as Lambda errors. */
  functionErrors: 1,
  functionThrottles: 1,
  /**
   * A handoff waiting this long in its queue means its consumer or partner is stuck; well inside the
   * time a message takes to be parked (5 receives × 180 s visibility).
   */
  handoffAgeSeconds: 600,
  /** The relay this far behind the table's stream holds every new handoff back. */
  relayIteratorAgeMs: 5 * 60 * 1000,
  /**
   * Partner callbacks refused in one 5-minute period. A partner's retries after a one-off clock or
   * network hiccup stay below it; a secret out of step or someone probing goes well above.
   */
  callbackSignatureRejections: 10,
} as const;

/**
 * The system's own metrics, as the functions publish them (functions/shared/observability.ts: embedded
 * metric format, one `service` dimension).
 */
export const CALLBACK_METRICS = {
  signatureRejected: 'CallbackSignatureRejected',
  applied: 'CallbackApplied',
} as const;

const PERIOD = Duration.minutes(5);

export interface MonitoringProps {
  readonly stage: StageConfig;
  /** Encrypts the alarm topic; its key policy must admit CloudWatch. */
  readonly key: kms.IKey;
}

/**
 * The duty officer's view: one dashboard and alarms on the API (5xx rate, p99 latency) and on every
 * function (errors, throttles), all sent to one encrypted SNS topic with the stage's e-mail subscribed.
 * `watchFunction` is all a new function needs.
 */
export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly #stage: StageConfig;
  readonly #functionErrors: cloudwatch.GraphWidget;
  readonly #functionThrottles: cloudwatch.GraphWidget;
  readonly #functionDuration: cloudwatch.GraphWidget;
  readonly #functionConcurrency: cloudwatch.GraphWidget;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.#stage = props.stage;
    this.topic = new sns.Topic(this, 'AlarmTopic', {
      topicName: resourceName(props.stage, 'alarms'),
      displayName: `ldm ${props.stage.name} alarms`,
      masterKey: props.key,
      enforceSSL: true,
    });
    this.topic.addSubscription(new subscriptions.EmailSubscription(props.stage.alarmEmail));

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: resourceName(props.stage, 'operations'),
      defaultInterval: Duration.hours(3),
    });
    const widget = (title: string) =>
      new cloudwatch.GraphWidget({ title, width: 12, height: 6, period: PERIOD, left: [] });
    this.#functionErrors = widget('Lambda errors (sum)');
    this.#functionThrottles = widget('Lambda throttles (sum)');
    this.#functionDuration = widget('Lambda duration p99 (ms)');
    this.#functionConcurrency = widget('Lambda concurrent executions (max)');
    this.dashboard.addWidgets(
      new cloudwatch.TextWidget({
        markdown: `# ldm ${props.stage.name}\nAlarms go to the SNS topic \`${resourceName(props.stage, 'alarms')}\`. Function logs: \`/aws/lambda/${resourceName(props.stage, '*')}\`; API access logs: \`/aws/vendedlogs/${resourceName(props.stage, 'api-access')}\`.`,
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(this.#functionErrors, this.#functionThrottles);
    this.dashboard.addWidgets(this.#functionDuration, this.#functionConcurrency);
  }

  /** 5xx rate and p99 latency alarms on the API, and its traffic on the dashboard. */
  watchHttpApi(api: apigwv2.HttpApi): void {
    const requests = api.metricCount({ period: PERIOD, statistic: 'Sum' });
    const serverErrors = api.metricServerError({ period: PERIOD, statistic: 'Sum' });
    const clientErrors = api.metricClientError({ period: PERIOD, statistic: 'Sum' });
    const p99 = api.metricLatency({ period: PERIOD, statistic: 'p99' });
    const errorRate = new cloudwatch.MathExpression({
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: { requests, errors: serverErrors },
      period: PERIOD,
      label: '5xx rate (%)',
    });
    this.#alarm('Api5xxRate', {
      alarmName: resourceName(this.#stage, 'api-5xx-rate'),
      alarmDescription: `More than ${THRESHOLDS.api5xxPercent}% of API requests failed with a 5xx in two of three 5-minute periods. Check the function error alarms and logs.`,
      metric: errorRate,
      threshold: THRESHOLDS.api5xxPercent,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
    });
    this.#alarm('ApiP99Latency', {
      alarmName: resourceName(this.#stage, 'api-p99-latency'),
      alarmDescription: `API p99 latency above ${THRESHOLDS.apiP99LatencyMs} ms for three 5-minute periods. Check DynamoDB throttling and function duration.`,
      metric: p99,
      threshold: THRESHOLDS.apiP99LatencyMs,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
    });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'API requests and errors (sum)',
        width: 12,
        height: 6,
        left: [requests, clientErrors, serverErrors],
        right: [errorRate],
      }),
      new cloudwatch.GraphWidget({
        title: 'API latency (ms)',
        width: 12,
        height: 6,
        left: [
          api.metricLatency({ period: PERIOD, statistic: 'p50' }),
          p99,
          api.metricIntegrationLatency({ period: PERIOD, statistic: 'p99' }),
        ],
        leftAnnotations: [{ value: THRESHOLDS.apiP99LatencyMs, label: 'p99 alarm' }],
      }),
    );
  }

  /**
   * Partner callbacks: an alarm when many are refused (bad, missing or stale signatures, unknown partners),
   * and refused against applied on the dashboard.
   */
  watchPartnerCallbacks(): void {
    // No label on the alarm's metric: a labelled one renders as a metric math query, not a plain metric.
    const metric = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { service: SERVICE_NAME },
        period: PERIOD,
        statistic: 'Sum',
      });
    const rejected = metric(CALLBACK_METRICS.signatureRejected);
    const applied = metric(CALLBACK_METRICS.applied);
    this.#alarm('CallbackSignatureRejected', {
      alarmName: resourceName(this.#stage, 'callback-signatures-rejected'),
      alarmDescription: `${THRESHOLDS.callbackSignatureRejections} or more partner callbacks were refused in 5 minutes (signature that does not verify, missing webhook headers, timestamp over 5 minutes off, or an unknown partner id). The partner-callback function's log gives each reason ("partner callback refused"); the API access log's path names the partner (status 401). Check whether a partner rotated its webhook secret without the partner registry being updated (or the reverse), whether its clock is off, or whether someone is probing the public callback route.`,
      metric: rejected,
      threshold: THRESHOLDS.callbackSignatureRejections,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
    });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Partner callbacks (sum)',
        width: 12,
        height: 6,
        left: [
          applied.with({ label: 'callbacks applied' }),
          rejected.with({ label: 'callbacks refused (signature)' }),
        ],
        leftAnnotations: [{ value: THRESHOLDS.callbackSignatureRejections, label: 'refused alarm' }],
      }),
    );
  }

  /** Error and throttle alarms for one function, and its lines on the dashboard. */
  watchFunction(fn: lambda.Function, label: string): void {
    const errors = fn.metricErrors({ period: PERIOD, statistic: 'Sum' });
    const throttles = fn.metricThrottles({ period: PERIOD, statistic: 'Sum' });
    this.#alarm(`${fn.node.id}Errors`, {
      alarmName: resourceName(this.#stage, `${label}-errors`),
      alarmDescription: `${label} threw an unhandled error or timed out. Its log group has the stack trace.`,
      metric: errors,
      threshold: THRESHOLDS.functionErrors,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
    });
    this.#alarm(`${fn.node.id}Throttles`, {
      alarmName: resourceName(this.#stage, `${label}-throttles`),
      alarmDescription: `${label} was throttled: account or reserved concurrency is exhausted.`,
      metric: throttles,
      threshold: THRESHOLDS.functionThrottles,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
    });
    this.#functionErrors.addLeftMetric(errors.with({ label }));
    this.#functionThrottles.addLeftMetric(throttles.with({ label }));
    this.#functionDuration.addLeftMetric(fn.metricDuration({ period: PERIOD, statistic: 'p99', label }));
    this.#functionConcurrency.addLeftMetric(
      fn.metric('ConcurrentExecutions', { period: PERIOD, statistic: 'Maximum', label }),
    );
  }

  /**
   * A handoff queue: any message in its dead-letter queue (a handoff FAILED or a consumer gave up) and
   * the oldest waiting message's age, with both on the dashboard.
   */
  watchHandoffQueue(label: string, queue: sqs.IQueue, deadLetterQueue: sqs.IQueue): void {
    const parked = deadLetterQueue.metricApproximateNumberOfMessagesVisible({
      period: PERIOD,
      statistic: 'Maximum',
      label: `${label} dead letters`,
    });
    const oldest = queue.metricApproximateAgeOfOldestMessage({
      period: PERIOD,
      statistic: 'Maximum',
      label: `${label} oldest (s)`,
    });
    this.#alarm(`${pascalCase(label)}DeadLetters`, {
      alarmName: resourceName(this.#stage, `${label}-dead-letters`),
      alarmDescription: `Handoffs parked in the ${label} dead-letter queue: GET /cases/{caseId}/handoffs shows them FAILED with lastError. Fix the cause, then POST /handoffs/{id}/retry or POST /dead-letters/{kind}/redrive.`,
      metric: parked,
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
    });
    // A dead-letter queue that already holds messages keeps the alarm above in ALARM; this one fires for
    // every five minutes in which the consumer parked another (SQS's own redrive is not counted here).
    this.#alarm(`${pascalCase(label)}Parked`, {
      alarmName: resourceName(this.#stage, `${label}-parked`),
      alarmDescription: `More handoffs were parked in the ${label} dead-letter queue in the last 5 minutes.`,
      metric: deadLetterQueue.metricNumberOfMessagesSent({ period: PERIOD, statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
    });
    this.#alarm(`${pascalCase(label)}OldestHandoff`, {
      alarmName: resourceName(this.#stage, `${label}-oldest-handoff`),
      alarmDescription: `A ${label} handoff has waited over ${THRESHOLDS.handoffAgeSeconds} s: its consumer is failing or its partner is down (messages of one case wait behind the first).`,
      metric: oldest,
      threshold: THRESHOLDS.handoffAgeSeconds,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
    });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: `Handoffs: ${label}`,
        width: 12,
        height: 6,
        left: [parked],
        right: [oldest],
      }),
    );
  }

  /** How far a stream consumer lags behind its stream. */
  watchStreamConsumer(fn: lambda.Function, label: string): void {
    const age = fn.metric('IteratorAge', {
      period: PERIOD,
      statistic: 'Maximum',
      label: `${label} iterator age`,
    });
    this.#alarm(`${fn.node.id}IteratorAge`, {
      alarmName: resourceName(this.#stage, `${label}-iterator-age`),
      alarmDescription: `${label} is over ${THRESHOLDS.relayIteratorAgeMs / 60_000} minutes behind the cases table's stream: new handoffs are not published. A record failing again and again holds its shard; the function log names it.`,
      metric: age,
      threshold: THRESHOLDS.relayIteratorAgeMs,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
    });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: `${label} lag (ms)`, width: 12, height: 6, left: [age] }),
    );
  }

  #alarm(
    id: string,
    props: Pick<
      cloudwatch.AlarmProps,
      | 'alarmName'
      | 'alarmDescription'
      | 'metric'
      | 'threshold'
      | 'evaluationPeriods'
      | 'datapointsToAlarm'
      | 'comparisonOperator'
    >,
  ): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      ...props,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    alarm.addOkAction(new actions.SnsAction(this.topic));
    this.alarms.push(alarm);
    return alarm;
  }
}

const pascalCase = (kebab: string) =>
  kebab
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
