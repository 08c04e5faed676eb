import { Duration } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../../functions/shared/constants.ts';
import { resourceName, type StageConfig } from '../stage-config.ts';
import type { CoreResources } from '../stateful-stack.ts';
import {
  type AlarmProps,
  alarmNearTimeout,
  alarmOnApiThrottling,
  alarmOnMissingCalendar,
  alarmOnStalledSweep,
  alarmOnTableThrottles,
  CALLBACK_METRICS,
  openAlarmTopic,
  THRESHOLDS,
} from './alarm-rules.ts';
import { alarmOnMisuse } from './audit-trail.ts';

/** The period of every metric the alarms and the dashboard read. */
export const PERIOD = Duration.minutes(5);

export interface MonitoringProps {
  readonly stage: StageConfig;
  /** Encrypts the alarm topic; its key policy must admit CloudWatch. */
  readonly key: kms.IKey;
  /** The tables whose throttling is watched (the cases table and each of its indexes). */
  readonly core?: Pick<CoreResources, 'casesTable' | 'casesTableDesign' | 'idempotencyTable'>;
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
  readonly stage: StageConfig;
  readonly #functionErrors: cloudwatch.GraphWidget;
  readonly #functionThrottles: cloudwatch.GraphWidget;
  readonly #functionDuration: cloudwatch.GraphWidget;
  readonly #functionConcurrency: cloudwatch.GraphWidget;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.stage = props.stage;
    this.topic = new sns.Topic(this, 'AlarmTopic', {
      topicName: resourceName(props.stage, 'alarms'),
      displayName: `ldm ${props.stage.name} alarms`,
      masterKey: props.key,
      enforceSSL: true,
    });
    openAlarmTopic(this.topic, props.stage);

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

    const alarm = this.addAlarm.bind(this);
    alarmOnMissingCalendar(alarm, props.stage);
    if (props.core) {
      const { casesTable, casesTableDesign, idempotencyTable } = props.core;
      const indexes = casesTableDesign.indexes.map((index) => index.indexName);
      alarmOnTableThrottles(alarm, props.stage, 'cases', casesTable, indexes);
      alarmOnTableThrottles(alarm, props.stage, 'idempotency', idempotencyTable, []);
    }
  }

  /**
   * 5xx rate and p99 latency alarms on the API, the 429 rate when its access log is given, and its traffic on
   * the dashboard.
   */
  watchHttpApi(api: apigwv2.HttpApi, accessLogs?: logs.ILogGroup): void {
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
    this.addAlarm('Api5xxRate', {
      alarmName: resourceName(this.stage, 'api-5xx-rate'),
      alarmDescription: `More than ${THRESHOLDS.api5xxPercent}% of API requests failed with a 5xx in two of three 5-minute periods. Check the function error alarms and logs.`,
      metric: errorRate,
      threshold: THRESHOLDS.api5xxPercent,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
    });
    const throttled =
      accessLogs && alarmOnApiThrottling(this.addAlarm.bind(this), this.stage, accessLogs, requests);
    if (accessLogs) alarmOnMisuse(this.addAlarm.bind(this), this.stage, accessLogs);
    this.addAlarm('ApiP99Latency', {
      alarmName: resourceName(this.stage, 'api-p99-latency'),
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
        right: throttled ? [errorRate, throttled] : [errorRate],
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
    this.addAlarm('CallbackSignatureRejected', {
      alarmName: resourceName(this.stage, 'callback-signatures-rejected'),
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
    this.addAlarm(`${fn.node.id}Errors`, {
      alarmName: resourceName(this.stage, `${label}-errors`),
      alarmDescription: `${label} threw an unhandled error or timed out. Its log group has the stack trace.`,
      metric: errors,
      threshold: THRESHOLDS.functionErrors,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
    });
    this.addAlarm(`${fn.node.id}Throttles`, {
      alarmName: resourceName(this.stage, `${label}-throttles`),
      alarmDescription: `${label} was throttled: account or reserved concurrency is exhausted.`,
      metric: throttles,
      threshold: THRESHOLDS.functionThrottles,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
    });
    alarmNearTimeout(this.addAlarm.bind(this), this.stage, fn, label);
    alarmOnStalledSweep(this.addAlarm.bind(this), this.stage, fn, label);
    this.#functionErrors.addLeftMetric(errors.with({ label }));
    this.#functionThrottles.addLeftMetric(throttles.with({ label }));
    this.#functionDuration.addLeftMetric(fn.metricDuration({ period: PERIOD, statistic: 'p99', label }));
    this.#functionConcurrency.addLeftMetric(
      fn.metric('ConcurrentExecutions', { period: PERIOD, statistic: 'Maximum', label }),
    );
  }

  /** An alarm sent to the topic when it fires and when it clears; missing data is not breaching unless said. */
  addAlarm(id: string, props: AlarmProps): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      ...props,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    alarm.addOkAction(new actions.SnsAction(this.topic));
    this.alarms.push(alarm);
    return alarm;
  }
}
