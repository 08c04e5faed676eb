import { describe, expect, it } from 'vitest';
import { FUNCTIONS, HANDOFF_RELAY, HANDOFF_SWEEPER } from '../../functions/catalogue.ts';
import { devStage } from './support/dev-stage.ts';
import { actionsOf, type Json, logicalId, resourceListOf, resourcesOf } from './support/synth.ts';

/**
 * The national deployment, on both stages' templates: the stream relay bounded, the partners one item each
 * in a table of their own read one at a time, every function behind a `live` alias, and the stage's field
 * cipher.
 */
describe.each(['dev', 'prod'] as const)('national deployment (%s)', (stage) => {
  const built = devStage(stage);
  /** Every function's statements by its name without the stage's prefix. */
  const statements = () =>
    new Map([...built.statements].map(([name, list]) => [name.replace(`ldm-${stage}-`, ''), list]));

  const relayMapping = () => {
    const mappings = Object.values(resourcesOf(built.s.statelessTemplate, 'AWS::Lambda::EventSourceMapping'));
    // The statistics consumer reads the same stream; the relay's mapping is the one with handoff filters.
    const found = mappings.filter(
      (m) =>
        JSON.stringify(m.Properties.EventSourceArn).includes('StreamArn') &&
        JSON.stringify(m.Properties.FilterCriteria ?? {}).includes('HANDOFF'),
    );
    expect(found).toHaveLength(1);
    return found[0]?.Properties;
  };
  const queueNamed = (name: string) =>
    Object.entries(resourcesOf(built.s.statelessTemplate, 'AWS::SQS::Queue')).find(
      ([, q]) => q.Properties.QueueName === `ldm-${stage}-${name}`,
    );

  it('seals personal fields with aes256gcm (its partition), under a SYMMETRIC_DEFAULT key', () => {
    built.expectFieldCipher('aes256gcm');
  });

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
    expect(built.ref(queue?.Properties.KmsMasterKeyId)).toBe(built.arnOf(built.s.stateful.key));
    expect(queue?.Properties.MessageRetentionPeriod).toBe(14 * 24 * 60 * 60);
  });

  it('alarms as soon as the relay drops a record, to the alarm topic', () => {
    const [failuresId] = queueNamed('handoff-relay-failures') ?? [];
    const alarm = Object.values(resourcesOf(built.s.statelessTemplate, 'AWS::CloudWatch::Alarm')).find(
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
    const onFailure = [...statements().entries()].filter(([, list]) =>
      list.some((st) => resourceListOf(st).some((r) => JSON.stringify(r).includes(failuresId as string))),
    );
    expect(onFailure.map(([name]) => name)).toEqual(['handoff-relay']);
    const actions = onFailure[0]?.[1]
      .filter((st) => resourceListOf(st).some((r) => JSON.stringify(r).includes(failuresId as string)))
      .flatMap(actionsOf);
    expect(actions).toEqual(['sqs:SendMessage']);
  });

  it('keeps the partners in their own table, no longer in a secret', () => {
    const table = resourcesOf(built.s.statefulTemplate, 'AWS::DynamoDB::Table')[
      logicalId(built.s.stateful.partnerTable)
    ];
    expect(table?.Properties.TableName).toBe(`ldm-${stage}-partners`);
    expect(table?.Properties.SSESpecification.SSEType).toBe('KMS');
    expect(table?.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table?.Properties.DeletionProtectionEnabled).toBe(stage === 'prod');
    const secrets = Object.values(resourcesOf(built.s.statefulTemplate, 'AWS::SecretsManager::Secret'));
    expect(secrets.map((x) => x.Properties.Name)).not.toContain(`ldm-${stage}-partner-registry`);
  });

  it('grants GetItem on the partner table to those that find a partner, Query of the listing to GET /partners', () => {
    const table = built.arnOf(built.s.stateful.partnerTable);
    const byFunction = new Map<string, Set<string>>();
    for (const [name, list] of statements()) {
      for (const st of list) {
        for (const r of resourceListOf(st)) {
          const resource = built.ref(r);
          if (!resource.startsWith(table)) continue;
          const key = `${resource === table ? 'table' : resource.slice(table.length + 1)}`;
          for (const a of actionsOf(st))
            byFunction.set(name, new Set([...(byFunction.get(name) ?? []), `${key} ${a}`]));
        }
      }
    }
    const find = new Set(['table dynamodb:GetItem']);
    const list = ['index/listing dynamodb:Query'];
    expect(Object.fromEntries([...byFunction].map(([n, a]) => [n, [...a]]))).toEqual({
      // The action only checks that a partner exists: the listing, no secrets (partner-grants.test.ts).
      'http-apply-action': list,
      'http-partner-callback': [...find],
      'queue-arbitration': [...find],
      'queue-court': [...find],
      // Signs the disposition webhooks to the monitoring partners.
      'warning-dispositions': [...find],
      'http-list-partners': list,
    });
  });

  const aliases = () => resourcesOf(built.s.statelessTemplate, 'AWS::Lambda::Alias');
  const functions = () => resourcesOf(built.s.statelessTemplate, 'AWS::Lambda::Function');

  it('keeps the logical ids of the functions and of their event source mappings', () => {
    // A new id would replace the function (and a stream mapping would read the stream again from its start).
    const ids = Object.keys(functions());
    for (const entry of FUNCTIONS)
      expect(
        ids.filter((id) => /^[A-Za-z]+[0-9A-F]{8}$/.test(id) && id.slice(0, -8) === entry.id),
      ).toHaveLength(1);
    const mappings = Object.keys(resourcesOf(built.s.statelessTemplate, 'AWS::Lambda::EventSourceMapping'));
    expect(mappings.map((id) => id.slice(0, -8)).sort()).toEqual([
      'ArbitrationHandoffConsumerArbitrationQueue',
      'CourtHandoffConsumerCourtQueue',
      'HandoffRelayCaseStream',
      'StatsAggregatorCaseStream',
      'SweepShardSweepTasks',
      'UnionPostHandoffConsumerUnionPostQueue',
      // The early warnings' stream consumers (issue 20).
      'WarningDispositionsCaseStream',
      'WarningSignalsCaseStream',
    ]);
  });

  it('publishes every function as a version behind a `live` alias', () => {
    const versions = resourcesOf(built.s.statelessTemplate, 'AWS::Lambda::Version');
    const aliased = Object.values(aliases()).map((a) => {
      expect(a.Properties.Name).toBe('live');
      const [versionId] = a.Properties.FunctionVersion['Fn::GetAtt'];
      expect(versions[versionId]?.Properties.FunctionName).toEqual(a.Properties.FunctionName);
      return a.Properties.FunctionName.Ref;
    });
    expect(aliased.sort()).toEqual(Object.keys(functions()).sort());
  });

  it('points the API, the event source mappings and the schedules at the aliases', () => {
    const aliasIds = Object.keys(aliases());
    const onAlias = (value: unknown) => aliasIds.some((id) => JSON.stringify(value).includes(`"${id}"`));
    const integrations = Object.values(
      resourcesOf(built.s.statelessTemplate, 'AWS::ApiGatewayV2::Integration'),
    );
    expect(integrations.length).toBeGreaterThan(0);
    for (const i of integrations) expect(onAlias(i.Properties.IntegrationUri)).toBe(true);
    const mappings = Object.values(resourcesOf(built.s.statelessTemplate, 'AWS::Lambda::EventSourceMapping'));
    // Three handoff queues, four stream consumers (the relay, the statistics, the warnings' signals and
    // dispositions), the reminder sweep's shard tasks.
    expect(mappings).toHaveLength(8);
    for (const m of mappings) expect(onAlias(m.Properties.FunctionName)).toBe(true);
    const rules = Object.values(resourcesOf(built.s.statelessTemplate, 'AWS::Events::Rule'));
    for (const r of rules) expect(onAlias(r.Properties.Targets[0].Arn)).toBe(true);
    // Each invoke permission is on an alias, not on $LATEST.
    const permissions = Object.values(resourcesOf(built.s.statelessTemplate, 'AWS::Lambda::Permission'));
    for (const p of permissions) expect(onAlias(p.Properties.FunctionName)).toBe(true);
  });

  it(`rolls out ${stage === 'prod' ? 'by canary, rolling back on the error alarm' : 'all at once'}`, () => {
    const groups = Object.values(resourcesOf(built.s.statelessTemplate, 'AWS::CodeDeploy::DeploymentGroup'));
    if (stage !== 'prod') {
      expect(groups).toEqual([]);
      for (const a of Object.values(
        built.s.statelessTemplate.toJSON().Resources as Record<
          string,
          { Type: string; UpdatePolicy?: unknown }
        >,
      )) {
        if (a.Type === 'AWS::Lambda::Alias') expect(a.UpdatePolicy).toBeUndefined();
      }
      return;
    }
    expect(groups).toHaveLength(Object.keys(functions()).length);
    const alarms = resourcesOf(built.s.statelessTemplate, 'AWS::CloudWatch::Alarm');
    for (const g of groups) {
      expect(g.Properties.DeploymentConfigName).toBe('CodeDeployDefault.LambdaCanary10Percent5Minutes');
      expect(g.Properties.AutoRollbackConfiguration).toEqual({
        Enabled: true,
        Events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_REQUEST', 'DEPLOYMENT_STOP_ON_ALARM'],
      });
      const [alarm] = g.Properties.AlarmConfiguration.Alarms;
      const alarmId = alarm.Name.Ref as string;
      expect(alarms[alarmId]?.Properties.MetricName).toBe('Errors');
    }
    const template = built.s.statelessTemplate.toJSON().Resources as Record<
      string,
      { Type: string; UpdatePolicy?: Json }
    >;
    for (const [id, a] of Object.entries(template)) {
      if (a.Type !== 'AWS::Lambda::Alias') continue;
      expect(a.UpdatePolicy?.CodeDeployLambdaAliasUpdate, id).toBeDefined();
    }
  });
});
