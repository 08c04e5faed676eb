import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { FUNCTIONS } from '../../../functions/catalogue.ts';
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

/** The thresholds of the alarms below: rates where traffic varies, counts where any is news. */
export const NATIONAL_THRESHOLDS = {
  /** Requests refused with 429 (a route's bucket, or the account's) as a share of all requests. */
  api429Percent: 1,
  /** Read or write throttle events of one table or index in 5 minutes: on-demand tables rarely throttle. */
  dynamoThrottleEvents: 5,
  /** A function whose p99 duration reaches this share of its timeout is one slow dependency from timing out. */
  durationOfTimeout: 0.8,
  /** A sweep is stalled when none of this many consecutive scheduled runs succeeded. */
  stalledRuns: 3,
} as const;

/** Metrics the system publishes besides the callbacks' (functions/shared/observability.ts). */
export const SYSTEM_METRICS = {
  holidayCalendarMissing: 'HolidayCalendarMissing',
  /** From the API access log (a metric filter): HTTP APIs publish 4xx, not 429 alone. */
  apiThrottled: 'ApiThrottled',
} as const;

/** The sweeps whose silence means work piles up: the handoff sweeper and the SLA sweep. */
export const WATCHED_SWEEPS = ['handoff-sweeper', 'sla-sweep'] as const;

const PERIOD = Duration.minutes(5);

export type AlarmProps = Pick<
  cloudwatch.AlarmProps,
  | 'alarmName'
  | 'alarmDescription'
  | 'metric'
  | 'threshold'
  | 'evaluationPeriods'
  | 'datapointsToAlarm'
  | 'comparisonOperator'
  | 'treatMissingData'
>;
export type AddAlarm = (id: string, props: AlarmProps) => cloudwatch.Alarm;

/**
 * Lets CloudWatch alarms of this account and region publish to the topic (the topic's key must let
 * CloudWatch use it too: the stateful stack's log key does), and subscribes everyone the stage lists.
 * The topic's own policy keeps its deny of any request without TLS (`enforceSSL`).
 */
export function openAlarmTopic(topic: sns.Topic, stage: StageConfig): void {
  const stack = Stack.of(topic);
  topic.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudWatchAlarmsOfThisAccount',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: {
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: {
          'aws:SourceArn': `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:*`,
        },
      },
    }),
  );
  topic.addSubscription(new subscriptions.EmailSubscription(stage.alarmEmail));
  for (const subscriber of stage.alarmSubscriptions) {
    switch (subscriber.protocol) {
      case 'email':
        topic.addSubscription(new subscriptions.EmailSubscription(subscriber.endpoint));
        break;
      case 'sms':
        topic.addSubscription(new subscriptions.SmsSubscription(subscriber.endpoint));
        break;
      case 'https':
        topic.addSubscription(
          new subscriptions.UrlSubscription(subscriber.endpoint, {
            protocol: sns.SubscriptionProtocol.HTTPS,
          }),
        );
        break;
    }
  }
}

/** Read and write throttle events of a table and of each of its global secondary indexes. */
export function alarmOnTableThrottles(
  alarm: AddAlarm,
  stage: StageConfig,
  label: string,
  table: dynamodb.ITable,
  indexNames: readonly string[],
): void {
  for (const index of [undefined, ...indexNames]) {
    const dimensionsMap = {
      TableName: table.tableName,
      ...(index ? { GlobalSecondaryIndexName: index } : {}),
    };
    const metric = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensionsMap,
        period: PERIOD,
        statistic: 'Sum',
      });
    const name = index ? `${label}-${index}` : label;
    alarm(`${pascal(name)}Throttles`, {
      alarmName: resourceName(stage, `dynamodb-${name}-throttles`.toLowerCase()),
      alarmDescription: `DynamoDB throttled reads or writes of ${index ? `the ${index} index of ` : ''}the ${label} table ${NATIONAL_THRESHOLDS.dynamoThrottleEvents} or more times in 5 minutes: a hot partition key or an on-demand table doubling past its previous peak. The function logs show which requests were retried.`,
      metric: new cloudwatch.MathExpression({
        expression: 'FILL(reads, 0) + FILL(writes, 0)',
        usingMetrics: { reads: metric('ReadThrottleEvents'), writes: metric('WriteThrottleEvents') },
        period: PERIOD,
      }),
      threshold: NATIONAL_THRESHOLDS.dynamoThrottleEvents,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
    });
  }
}

/** 429s as a share of the API's requests, counted from the access log. */
export function alarmOnApiThrottling(
  alarm: AddAlarm,
  stage: StageConfig,
  accessLogs: logs.ILogGroup,
  requests: cloudwatch.IMetric,
): cloudwatch.IMetric {
  const filter = new logs.MetricFilter(accessLogs, 'Throttled', {
    logGroup: accessLogs,
    filterPattern: logs.FilterPattern.stringValue('$.status', '=', '429'),
    metricNamespace: METRICS_NAMESPACE,
    metricName: SYSTEM_METRICS.apiThrottled,
    metricValue: '1',
    dimensions: { service: SERVICE_NAME },
  });
  const throttled = filter.metric({ period: PERIOD, statistic: 'Sum' });
  const rate = new cloudwatch.MathExpression({
    expression: 'IF(requests > 0, 100 * FILL(throttled, 0) / requests, 0)',
    usingMetrics: { requests, throttled },
    period: PERIOD,
    label: '429 rate (%)',
  });
  alarm('Api429Rate', {
    alarmName: resourceName(stage, 'api-429-rate'),
    alarmDescription: `More than ${NATIONAL_THRESHOLDS.api429Percent}% of API requests were refused with 429 in two of three 5-minute periods: a route's bucket (stage config "routes"/"callbacks") or the account's limit is too small for the traffic, or someone is flooding a route. The access log's routeKey says which.`,
    metric: rate,
    threshold: NATIONAL_THRESHOLDS.api429Percent,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
  });
  return rate;
}

/** p99 duration at 80 % of the function's timeout, for three 5-minute periods. */
export function alarmNearTimeout(
  alarm: AddAlarm,
  stage: StageConfig,
  fn: lambda.Function,
  label: string,
): void {
  const timeout = fn.timeout ?? Duration.seconds(3);
  const limit = Math.round(timeout.toMilliseconds() * NATIONAL_THRESHOLDS.durationOfTimeout);
  alarm(`${fn.node.id}NearTimeout`, {
    alarmName: resourceName(stage, `${label}-near-timeout`),
    alarmDescription: `${label}'s p99 duration reached ${limit} ms, ${NATIONAL_THRESHOLDS.durationOfTimeout * 100}% of its ${timeout.toSeconds()} s timeout, for 15 minutes: the next slow dependency makes it time out. Check DynamoDB latency, the partner endpoints and the function's X-Ray traces.`,
    metric: fn.metricDuration({ period: PERIOD, statistic: 'p99' }),
    threshold: limit,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
  });
}

/**
 * A scheduled sweep with no successful run (invocations minus errors) in `stalledRuns` of its periods. No
 * data at all — the schedule disabled, the function gone — counts as stalled too.
 */
export function alarmOnStalledSweep(
  alarm: AddAlarm,
  stage: StageConfig,
  fn: lambda.Function,
  label: string,
): void {
  const entry = FUNCTIONS.find((f) => f.name === label);
  if (entry?.trigger.kind !== 'schedule' || !(WATCHED_SWEEPS as readonly string[]).includes(label)) return;
  const period = Duration.minutes(entry.trigger.everyMinutes * NATIONAL_THRESHOLDS.stalledRuns);
  alarm(`${fn.node.id}Stalled`, {
    alarmName: resourceName(stage, `${label}-stalled`),
    alarmDescription: `${label} has not completed one run in ${period.toMinutes()} minutes (${NATIONAL_THRESHOLDS.stalledRuns} scheduled runs): its EventBridge schedule is disabled, or every run fails or times out. Work it owns piles up meanwhile. Its log group and its errors alarm say why.`,
    metric: new cloudwatch.MathExpression({
      expression: 'FILL(invocations, 0) - FILL(errors, 0)',
      usingMetrics: {
        invocations: fn.metricInvocations({ period, statistic: 'Sum' }),
        errors: fn.metricErrors({ period, statistic: 'Sum' }),
      },
      period,
    }),
    threshold: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: cloudwatch.TreatMissingData.BREACHING,
  });
}

/** A case filed while the holiday calendar of its year is not loaded (its clocks are provisional). */
export function alarmOnMissingCalendar(alarm: AddAlarm, stage: StageConfig): void {
  alarm('HolidayCalendarMissing', {
    alarmName: resourceName(stage, 'holiday-calendar-missing'),
    alarmDescription:
      "A case was filed for a year whose holiday calendar is not loaded: its statutory clocks count weekends only and are marked provisional. Load the year's rest days and make-up working days with PUT /calendar/{year} (docs/operations.md); the load recomputes the clocks at once (up to 100 cases) and the daily recompute corrects the rest.",
    metric: new cloudwatch.Metric({
      namespace: METRICS_NAMESPACE,
      metricName: SYSTEM_METRICS.holidayCalendarMissing,
      dimensionsMap: { service: SERVICE_NAME },
      period: PERIOD,
      statistic: 'Sum',
    }),
    threshold: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
  });
}

/** `handoff-sweeper` → `HandoffSweeper`. */
export const pascal = (name: string) =>
  name
    .split(/[-_]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
