import { describe, expect, it } from 'vitest';
import {
  HANDOFF_QUEUE_KINDS,
  HANDOFF_QUEUES,
  type HandoffQueueKind,
} from '../../functions/adapters/sqs/queues.ts';
import { HANDOFF_RELAY, HANDOFF_SWEEPER } from '../../functions/catalogue.ts';
import { SQS_CONSUME_ACTIONS } from '../../infra/cdk/constructs/grant-actions.ts';
import { devStage } from './support/dev-stage.ts';
import {
  actionsOf,
  functionNamed,
  type Json,
  logicalId,
  resourceListOf,
  resourcesOf,
} from './support/synth.ts';

/** The handoff pipeline as deployed: the stream relay, one consumer per queue, their grants and alarms. */

const dev = devStage();

const label = (kind: HandoffQueueKind) => kind.toLowerCase().replace(/_/g, '-');
const consumerName = (kind: HandoffQueueKind) => `ldm-dev-queue-${label(kind)}`;
const fnByName = (name: string) => functionNamed(dev.s.statelessTemplate, name);
/** The `live` alias of a function: what its triggers invoke. */
const liveOf = (name: string) =>
  Object.keys(resourcesOf(dev.s.statelessTemplate, 'AWS::Lambda::Alias')).find(
    (id) =>
      resourcesOf(dev.s.statelessTemplate, 'AWS::Lambda::Alias')[id]?.Properties.FunctionName.Ref ===
      fnByName(name).id,
  ) as string;
const mappingsOf = (name: string) =>
  Object.values(resourcesOf(dev.s.statelessTemplate, 'AWS::Lambda::EventSourceMapping')).filter((m) =>
    JSON.stringify(m.Properties.FunctionName).includes(`"${liveOf(name)}"`),
  );
/** The relay's on-failure queue, in the stateless stack. */
const failuresQueueId = () => {
  const queues = resourcesOf(dev.s.statelessTemplate, 'AWS::SQS::Queue');
  const found = Object.keys(queues).find(
    (id) => queues[id]?.Properties.QueueName === 'ldm-dev-handoff-relay-failures',
  );
  if (!found) throw new Error('no on-failure queue for the relay');
  return found;
};
/** Each resource a function may touch with actions of one service, and those actions. */
const where = (name: string, prefix: string) => {
  const byResource = new Map<string, Set<string>>();
  for (const st of dev.statements.get(name) ?? []) {
    const actions = actionsOf(st).filter((a) => a.startsWith(prefix));
    if (actions.length === 0) continue;
    for (const r of resourceListOf(st)) {
      const key = dev.ref(r);
      byResource.set(key, new Set([...(byResource.get(key) ?? []), ...actions]));
    }
  }
  return byResource;
};

describe('the stream relay', () => {
  it('reads the cases stream from the start, one batch per shard, filtered to pending handoffs', () => {
    const [mapping, ...others] = mappingsOf('ldm-dev-handoff-relay');
    expect(others).toEqual([]);
    expect(dev.ref(mapping?.Properties.EventSourceArn)).toBe(
      `${logicalId(dev.s.stateful.casesTable)}.StreamArn`,
    );
    expect(mapping?.Properties).toMatchObject({
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: HANDOFF_RELAY.batchSize,
      ParallelizationFactor: 1,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: HANDOFF_RELAY.bounds.retryAttempts,
      MaximumRecordAgeInSeconds: HANDOFF_RELAY.bounds.maxRecordAgeSeconds,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify(HANDOFF_RELAY.filter) }] },
    });
    expect(fnByName('ldm-dev-handoff-relay').props.Timeout).toBe(HANDOFF_RELAY.timeoutSeconds);
  });

  it('may read the stream and send to the three handoff queues, and touches no table', () => {
    const dynamo = where('ldm-dev-handoff-relay', 'dynamodb:');
    const table = logicalId(dev.s.stateful.casesTable);
    expect(new Set(dynamo.keys())).toEqual(new Set([`${table}.StreamArn`, '*']));
    expect(dynamo.get('*')).toEqual(new Set(['dynamodb:ListStreams']));
    const sqs = where('ldm-dev-handoff-relay', 'sqs:');
    // The three handoff queues, and its own on-failure queue (dropped records).
    expect(new Set(sqs.keys())).toEqual(
      new Set([
        ...HANDOFF_QUEUE_KINDS.map((k) => dev.arnOf(dev.s.stateful.handoffQueues[k].queue)),
        `${failuresQueueId()}.Arn`,
      ]),
    );
    for (const actions of sqs.values()) expect(actions).toEqual(new Set(['sqs:SendMessage']));
    const env = fnByName('ldm-dev-handoff-relay').props.Environment.Variables;
    expect(env.HANDOFF_QUEUES).toBeDefined();
    expect(env.CURSOR_SECRET_ARN).toBeUndefined();
    // It publishes what the stream carries and reads no table, so it is not told the tables' names.
    expect(env.TABLE_NAME).toBeUndefined();
    expect(env.IDEMPOTENCY_TABLE_NAME).toBeUndefined();
    expect(where('ldm-dev-handoff-relay', 'secretsmanager:').size).toBe(0);
  });
});

describe.each(HANDOFF_QUEUE_KINDS)('the %s consumer', (kind) => {
  const design = HANDOFF_QUEUES[kind];

  it('drains its queue in batches with partial failures; the queue hides a message 6 × its timeout', () => {
    const [mapping, ...others] = mappingsOf(consumerName(kind));
    expect(others).toEqual([]);
    expect(dev.ref(mapping?.Properties.EventSourceArn)).toBe(
      dev.arnOf(dev.s.stateful.handoffQueues[kind].queue),
    );
    expect(mapping?.Properties).toMatchObject({
      BatchSize: design.batchSize,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const timeout = fnByName(consumerName(kind)).props.Timeout as number;
    expect(timeout).toBe(design.consumerTimeoutSeconds);
    const queue = Object.values(resourcesOf(dev.s.statefulTemplate, 'AWS::SQS::Queue')).find(
      (q) => q.Properties.QueueName === `ldm-dev-${design.name}`,
    );
    expect(queue?.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * timeout);
    expect(queue?.Properties.RedrivePolicy.maxReceiveCount).toBeGreaterThanOrEqual(5);
  });

  it('receives on its own queue, parks in its own dead-letter queue, and nothing else on SQS', () => {
    const { queue, deadLetterQueue } = dev.s.stateful.handoffQueues[kind];
    const sqs = where(consumerName(kind), 'sqs:');
    expect(sqs.get(`${logicalId(queue)}.Arn`)).toEqual(new Set(SQS_CONSUME_ACTIONS));
    expect(sqs.get(`${logicalId(deadLetterQueue)}.Arn`)).toEqual(new Set(['sqs:SendMessage']));
    expect(sqs.size).toBe(2);
  });

  it('reads one partner at a time from the partner table only if it calls partners', () => {
    const partnerTable = dev.arnOf(dev.s.stateful.partnerTable);
    const dynamo = where(consumerName(kind), 'dynamodb:');
    expect(dynamo.get(partnerTable)).toEqual(
      kind === 'UNION_POST' ? undefined : new Set(['dynamodb:GetItem']),
    );
    // Never the listing index, never a Scan; and no partner secret in Secrets Manager any more.
    expect([...dynamo.keys()].some((r) => r.startsWith(partnerTable) && r !== partnerTable)).toBe(false);
    expect(where(consumerName(kind), 'secretsmanager:').size).toBe(0);
    const env = fnByName(consumerName(kind)).props.Environment.Variables;
    expect(env.PARTNER_TABLE_NAME !== undefined).toBe(kind !== 'UNION_POST');
  });

  it('uses the case store but neither the cursor secret nor the idempotency records', () => {
    const env = fnByName(consumerName(kind)).props.Environment.Variables;
    expect(env.TABLE_NAME).toBeDefined();
    expect(env.CURSOR_SECRET_ARN).toBeUndefined();
    expect(env.IDEMPOTENCY_TABLE_NAME).toBeUndefined();
    const secrets = where(consumerName(kind), 'secretsmanager:');
    expect(secrets.has(logicalId(dev.s.stateful.cursorSecret))).toBe(false);
    const dynamo = where(consumerName(kind), 'dynamodb:');
    expect(dynamo.has(dev.arnOf(dev.s.stateful.idempotencyTable))).toBe(false);
  });

  it('has alarms on its dead letters, its oldest message, its errors and throttles', () => {
    const names = Object.values(resourcesOf(dev.s.statelessTemplate, 'AWS::CloudWatch::Alarm')).map(
      (a) => a.Properties.AlarmName,
    );
    for (const suffix of ['handoffs-dead-letters', 'handoffs-parked', 'handoffs-oldest-handoff']) {
      expect(names).toContain(`ldm-dev-${label(kind)}-${suffix}`);
    }
    for (const suffix of ['errors', 'throttles'])
      expect(names).toContain(`ldm-dev-queue-${label(kind)}-${suffix}`);
  });
});

describe('pipeline alarms and the registry', () => {
  it('alarms when a dead-letter queue holds anything and when the relay lags', () => {
    const alarms = Object.values(resourcesOf(dev.s.statelessTemplate, 'AWS::CloudWatch::Alarm'));
    const dlq = alarms.filter((a) => String(a.Properties.AlarmName).endsWith('-dead-letters'));
    const arrivals = alarms.filter((a) => String(a.Properties.AlarmName).endsWith('-parked'));
    expect(arrivals).toHaveLength(HANDOFF_QUEUE_KINDS.length);
    // And the reminder sweep's shard tasks (test/infra/sweep-fanout.test.ts).
    expect(dlq).toHaveLength(HANDOFF_QUEUE_KINDS.length + 1);
    // A labelled metric is rendered as a one-entry `Metrics` list.
    const metricOf = (p: Record<string, Json>) => p.Metrics?.[0]?.MetricStat?.Metric ?? p;
    for (const alarm of dlq) {
      expect(metricOf(alarm.Properties)).toMatchObject({
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Namespace: 'AWS/SQS',
      });
      expect(alarm.Properties).toMatchObject({
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
      expect(alarm.Properties.AlarmActions).toHaveLength(1);
    }
    const lag = alarms.find((a) => a.Properties.AlarmName === 'ldm-dev-handoff-relay-iterator-age');
    expect(metricOf(lag?.Properties ?? {})).toMatchObject({
      MetricName: 'IteratorAge',
      Namespace: 'AWS/Lambda',
    });
  });

  it('keeps the partners in a table of their own, encrypted with the data key, listed by an index without secrets', () => {
    const table = resourcesOf(dev.s.statefulTemplate, 'AWS::DynamoDB::Table')[
      logicalId(dev.s.stateful.partnerTable)
    ];
    expect(table?.Properties.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: 'KMS' });
    expect(dev.ref(table?.Properties.SSESpecification.KMSMasterKeyId)).toBe(dev.arnOf(dev.s.stateful.key));
    expect(table?.Properties.StreamSpecification).toBeUndefined();
    expect(table?.Properties.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: 'listing',
        KeySchema: [
          { AttributeName: 'kind', KeyType: 'HASH' },
          { AttributeName: 'id', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['name'] },
      },
    ]);
    expect(resourcesOf(dev.s.statefulTemplate, 'AWS::SecretsManager::Secret')).not.toHaveProperty(
      'PartnerRegistry50DEAF0D',
    );
  });

  it('runs the sweeper on a schedule, with the case store and nothing else', () => {
    const rules = Object.values(resourcesOf(dev.s.statelessTemplate, 'AWS::Events::Rule'));
    const rule = rules.find((r) => r.Properties.Name === 'ldm-dev-handoff-sweeper');
    expect(rule?.Properties.ScheduleExpression).toBe(`rate(${HANDOFF_SWEEPER.everyMinutes} minutes)`);
    const sweeper = fnByName('ldm-dev-handoff-sweeper');
    expect(rule?.Properties.Targets[0].Arn).toEqual({ Ref: liveOf('ldm-dev-handoff-sweeper') });
    expect(sweeper.id).toBeDefined();
    expect(where('ldm-dev-handoff-sweeper', 'sqs:').size).toBe(0);
    const table = logicalId(dev.s.stateful.casesTable);
    expect(where('ldm-dev-handoff-sweeper', 'dynamodb:').get(`${table}.Arn/index/sweepHandoffs`)).toEqual(
      new Set(['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query']),
    );
    const env = sweeper.props.Environment.Variables;
    expect(env.TABLE_NAME).toBeDefined();
    expect(env.CURSOR_SECRET_ARN).toBeUndefined();
    expect(env.IDEMPOTENCY_TABLE_NAME).toBeUndefined();
    expect(where('ldm-dev-handoff-sweeper', 'secretsmanager:').size).toBe(0);
    expect(
      where('ldm-dev-handoff-sweeper', 'dynamodb:').has(dev.arnOf(dev.s.stateful.idempotencyTable)),
    ).toBe(false);
  });
});
