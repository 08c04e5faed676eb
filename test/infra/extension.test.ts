import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CDK_JSON_CONTEXT } from '../../infra/cdk/cdk-json.ts';
import { SQS_CONSUME_ACTIONS } from '../../infra/cdk/constructs/grants.ts';
import { createStacks, type MediationStacks } from '../../infra/cdk/stacks.ts';
import { resolveStage } from '../../infra/cdk/stage-config.ts';
import { actionsOf, describeRef, logicalId, resourceListOf, statementsByFunction } from './support/synth.ts';

/**
 * The path the handoff pipeline takes to deploy its consumers: a function from `addFunction`, grants from
 * `grants`, an event source mapping. Built on a throwaway app, so it checks the helpers, not today's stack.
 */
let stacks: MediationStacks;
let template: Template;
let stateful: Template;
let outdir: string;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'ldm-cdk-ext-'));
  const app = new App({ outdir, context: { ...CDK_JSON_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
  stacks = createStacks(app, resolveStage('dev'));
  const { stateless } = stacks;
  const court = stateless.addFunction('CourtHandoffs', {
    entry: 'functions/http/handlers/health.ts',
    name: 'queue-court',
    timeout: Duration.seconds(30),
  });
  stateless.grants.consumeHandoffs(court, 'COURT');
  court.addEventSourceMapping('CourtQueue', {
    eventSourceArn: stateless.core.handoffQueues.COURT.queue.queueArn,
    batchSize: 5,
    reportBatchItemFailures: true,
  });
  const relay = stateless.addFunction('HandoffRelay', {
    entry: 'functions/http/handlers/health.ts',
    name: 'stream-relay',
  });
  stateless.grants.readCaseStream(relay);
  stateless.grants.sendHandoffs(relay, 'ARBITRATION');
  const streamArn = stateless.core.casesTable.tableStreamArn;
  if (!streamArn) throw new Error('no stream');
  relay.addEventSourceMapping('CaseStream', {
    eventSourceArn: streamArn,
    startingPosition: StartingPosition.TRIM_HORIZON,
    filters: [FilterCriteria.filter({ dynamodb: { NewImage: { itemType: { S: ['HANDOFF'] } } } })],
  });
  template = Template.fromStack(stateless);
  stateful = Template.fromStack(stacks.stateful);
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('adding a consumer to the stateless stack', () => {
  it('gives it the same defaults and alarms as the HTTP functions', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'ldm-dev-queue-court',
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      Timeout: 30,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'ldm-dev-queue-court-errors' });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'ldm-dev-stream-relay-throttles' });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'TRIM_HORIZON',
      FilterCriteria: { Filters: [{ Pattern: '{"dynamodb":{"NewImage":{"itemType":{"S":["HANDOFF"]}}}}' }] },
    });
  });

  it('consumeHandoffs: receive on its queue, park in its own dead-letter queue, nothing else', () => {
    const { queue, deadLetterQueue } = stacks.stateful.handoffQueues.COURT;
    const sqs = (statementsByFunction(template).get('ldm-dev-queue-court') ?? []).filter((st) =>
      actionsOf(st).some((a) => a.startsWith('sqs:')),
    );
    const byResource = new Map(
      sqs.map((st) => [
        resourceListOf(st)
          .map((r) => describeRef(r, stateful))
          .join(','),
        actionsOf(st),
      ]),
    );
    expect(new Set(byResource.get(`${logicalId(queue)}.Arn`))).toEqual(new Set(SQS_CONSUME_ACTIONS));
    expect(byResource.get(`${logicalId(deadLetterQueue)}.Arn`)).toEqual(['sqs:SendMessage']);
    expect(byResource.size).toBe(2);
  });

  it('readCaseStream and sendHandoffs: the stream ARN only, one queue only', () => {
    const statements = statementsByFunction(template).get('ldm-dev-stream-relay') ?? [];
    const stream = statements.filter((st) => actionsOf(st).some((a) => a.startsWith('dynamodb:')));
    expect(stream.flatMap((st) => resourceListOf(st).map((r) => describeRef(r, stateful)))).toEqual([
      `${logicalId(stacks.stateful.casesTable)}.StreamArn`,
    ]);
    const send = statements.filter((st) => actionsOf(st).includes('sqs:SendMessage'));
    expect(send.flatMap((st) => resourceListOf(st).map((r) => describeRef(r, stateful)))).toEqual([
      `${logicalId(stacks.stateful.handoffQueues.ARBITRATION.queue)}.Arn`,
    ]);
  });

  it('passes cdk-nag without new acknowledgements', () => {
    const report = new AwsSolutionsChecks().validateScope(stacks.stateless);
    expect(report.violations.map((v) => v.ruleName)).toEqual([]);
  });
});
