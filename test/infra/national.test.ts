import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDOFF_RELAY, HANDOFF_SWEEPER } from '../../functions/catalogue.ts';
import {
  actionsOf,
  describeRef,
  logicalId,
  resourceListOf,
  resourcesOf,
  type Statement,
  type Synthesized,
  statementsByFunction,
  synth,
} from './support/synth.ts';

/**
 * The national deployment, on both stages' templates: the stream relay bounded, the partners one item each
 * in a table of their own read one at a time, and every function behind a `live` alias.
 */
describe.each(['dev', 'prod'] as const)('national deployment (%s)', (stage) => {
  let s: Synthesized;
  let statements: Map<string, Statement[]>;
  beforeAll(() => {
    s = synth(stage);
    const prefix = `ldm-${stage}-`;
    statements = new Map(
      [...statementsByFunction(s.statelessTemplate)].map(([name, list]) => [name.replace(prefix, ''), list]),
    );
  });
  afterAll(() => s?.cleanup());

  const relayMapping = () => {
    const mappings = Object.values(resourcesOf(s.statelessTemplate, 'AWS::Lambda::EventSourceMapping'));
    const found = mappings.filter((m) => JSON.stringify(m.Properties.EventSourceArn).includes('StreamArn'));
    expect(found).toHaveLength(1);
    return found[0]?.Properties;
  };
  const queueNamed = (name: string) =>
    Object.entries(resourcesOf(s.statelessTemplate, 'AWS::SQS::Queue')).find(
      ([, q]) => q.Properties.QueueName === `ldm-${stage}-${name}`,
    );

  it('bounds the relay: record age, retries, bisection, an encrypted on-failure queue', () => {
    // Within the stream's 24 hours, and the sweeper picks the handoff up again after a drop.
    expect(HANDOFF_RELAY.bounds.maxRecordAgeSeconds).toBeLessThan(24 * 60 * 60);
    expect(HANDOFF_SWEEPER.staleAfterMinutes * 60).toBeLessThanOrEqual(
      HANDOFF_RELAY.bounds.maxRecordAgeSeconds,
    );
    const failures = queueNamed('handoff-relay-failures');
    expect(failures).toBeDefined();
    const [failuresId, queue] = failures ?? [];
    expect(relayMapping()).toMatchObject({
      MaximumRecordAgeInSeconds: HANDOFF_RELAY.bounds.maxRecordAgeSeconds,
      MaximumRetryAttempts: HANDOFF_RELAY.bounds.retryAttempts,
      BisectBatchOnFunctionError: true,
      ParallelizationFactor: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [failuresId, 'Arn'] } } },
    });
    expect(describeRef(queue?.Properties.KmsMasterKeyId, s.statefulTemplate)).toBe(
      `${logicalId(s.stateful.key)}.Arn`,
    );
    expect(queue?.Properties.MessageRetentionPeriod).toBe(14 * 24 * 60 * 60);
  });

  it('alarms as soon as the relay drops a record, to the alarm topic', () => {
    const [failuresId] = queueNamed('handoff-relay-failures') ?? [];
    const alarm = Object.values(resourcesOf(s.statelessTemplate, 'AWS::CloudWatch::Alarm')).find(
      (a) => a.Properties.AlarmName === `ldm-${stage}-handoff-relay-dropped-records`,
    );
    expect(alarm?.Properties).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [failuresId, 'QueueName'] } }],
    });
    expect(alarm?.Properties.AlarmActions).toHaveLength(1);
  });

  it('lets the relay send to its on-failure queue and nothing else there', () => {
    const [failuresId] = queueNamed('handoff-relay-failures') ?? [];
    const onFailure = [...statements.entries()].filter(([, list]) =>
      list.some((st) => resourceListOf(st).some((r) => JSON.stringify(r).includes(failuresId as string))),
    );
    expect(onFailure.map(([name]) => name)).toEqual(['handoff-relay']);
    const actions = onFailure[0]?.[1]
      .filter((st) => resourceListOf(st).some((r) => JSON.stringify(r).includes(failuresId as string)))
      .flatMap(actionsOf);
    expect(actions).toEqual(['sqs:SendMessage']);
  });

  it('keeps the partners in their own table, no longer in a secret', () => {
    const table = resourcesOf(s.statefulTemplate, 'AWS::DynamoDB::Table')[logicalId(s.stateful.partnerTable)];
    expect(table?.Properties.TableName).toBe(`ldm-${stage}-partners`);
    expect(table?.Properties.SSESpecification.SSEType).toBe('KMS');
    expect(table?.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table?.Properties.DeletionProtectionEnabled).toBe(stage === 'prod');
    const secrets = Object.values(resourcesOf(s.statefulTemplate, 'AWS::SecretsManager::Secret'));
    expect(secrets.map((x) => x.Properties.Name)).not.toContain(`ldm-${stage}-partner-registry`);
  });

  it('grants GetItem on the partner table to those that find a partner, Query of the listing to GET /partners', () => {
    const table = `${logicalId(s.stateful.partnerTable)}.Arn`;
    const byFunction = new Map<string, Set<string>>();
    for (const [name, list] of statements) {
      for (const st of list) {
        for (const r of resourceListOf(st)) {
          const resource = describeRef(r, s.statefulTemplate);
          if (!resource.startsWith(table)) continue;
          const key = `${resource === table ? 'table' : resource.slice(table.length + 1)}`;
          for (const a of actionsOf(st))
            byFunction.set(name, new Set([...(byFunction.get(name) ?? []), `${key} ${a}`]));
        }
      }
    }
    const find = new Set(['table dynamodb:GetItem']);
    expect(Object.fromEntries([...byFunction].map(([n, a]) => [n, [...a]]))).toEqual({
      'http-apply-action': [...find],
      'http-partner-callback': [...find],
      'queue-arbitration': [...find],
      'queue-court': [...find],
      'http-list-partners': ['index/listing dynamodb:Query'],
    });
  });
});
