import { describe, expect, it } from 'vitest';
import {
  CASES_TABLE,
  DUE_CLOCK_ATTRIBUTES,
  IDEMPOTENCY_TABLE,
} from '../../functions/adapters/dynamodb/table-design.ts';
import { SWEEP_TASKS } from '../../functions/adapters/sqs/sweep-queue.ts';
import { devStage } from './support/dev-stage.ts';
import { actionsOf, type Json, logicalId, resourcesOf } from './support/synth.ts';

/**
 * The fanned-out reminder sweep in the CDK app: the queue of shard tasks (standard, encrypted, a
 * dead-letter queue, a visibility timeout six times the worker's), the planner that only sends to it, the
 * worker that drains it at a bounded concurrency; TTL on the tables; the due index's projection.
 */

const dev = devStage();

const queueOf = (name: string) =>
  Object.entries(resourcesOf(dev.s.statefulTemplate, 'AWS::SQS::Queue')).find(
    ([, q]) => q.Properties.QueueName === `ldm-dev-${name}`,
  );

const sqsStatements = (fn: string) =>
  (dev.statements.get(`ldm-dev-${fn}`) ?? []).filter((st) => actionsOf(st).some((a) => a.startsWith('sqs:')));

describe('the queue of shard tasks', () => {
  it('is a standard queue, KMS-encrypted, with a dead-letter queue and 6 × the worker timeout', () => {
    const [id, queue] = queueOf(SWEEP_TASKS.name) ?? [];
    const [dlqId] = queueOf(SWEEP_TASKS.deadLetter) ?? [];
    expect(id).toBe(logicalId(dev.s.stateful.sweepTasks.queue));
    expect(queue?.Properties.FifoQueue).toBeUndefined();
    expect(queue?.Properties.VisibilityTimeout).toBe(6 * SWEEP_TASKS.workerTimeoutSeconds);
    expect(dev.ref(queue?.Properties.KmsMasterKeyId)).toBe(dev.arnOf(dev.s.stateful.key));
    expect(dev.ref(queue?.Properties.RedrivePolicy.deadLetterTargetArn)).toBe(`${dlqId}.Arn`);
    expect(queue?.Properties.RedrivePolicy.maxReceiveCount).toBe(SWEEP_TASKS.maxReceiveCount);
  });

  it('is drained by the worker alone, one task an invocation, at most maximumConcurrency at once', () => {
    const mappings = Object.values(
      resourcesOf(dev.s.statelessTemplate, 'AWS::Lambda::EventSourceMapping'),
    ).filter((m) =>
      dev.ref(m.Properties.EventSourceArn).startsWith(logicalId(dev.s.stateful.sweepTasks.queue)),
    );
    expect(mappings).toHaveLength(1);
    expect(mappings[0]?.Properties).toMatchObject({
      BatchSize: 1,
      ScalingConfig: { MaximumConcurrency: SWEEP_TASKS.maximumConcurrency },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(SWEEP_TASKS.maximumConcurrency).toBeGreaterThanOrEqual(2);
  });

  it('the planner only sends tasks; the worker receives, deletes and sends a task on', () => {
    const queue = dev.arnOf(dev.s.stateful.sweepTasks.queue);
    const planner = sqsStatements('sla-sweep');
    expect(planner.flatMap(actionsOf)).toEqual(['sqs:SendMessage']);
    expect(planner.flatMap(dev.resourcesNamed)).toEqual([queue]);
    const worker = sqsStatements('sweep-shard');
    expect(worker.flatMap(actionsOf)).toEqual(
      expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:SendMessage']),
    );
    expect(new Set(worker.flatMap(dev.resourcesNamed))).toEqual(new Set([queue]));
    // No other function touches it.
    for (const [name, sts] of dev.statements) {
      if (name === 'ldm-dev-sla-sweep' || name === 'ldm-dev-sweep-shard') continue;
      const refs = sts.flatMap(dev.resourcesNamed);
      expect(refs, name).not.toContain(queue);
    }
  });

  it('alarms when a shard task is dead-lettered', () => {
    const alarms = Object.values(resourcesOf(dev.s.statelessTemplate, 'AWS::CloudWatch::Alarm'));
    expect(alarms.some((a) => a.Properties.AlarmName === 'ldm-dev-sweep-shards-dead-letters')).toBe(true);
  });
});

describe('what expires and what the indexes hold', () => {
  it('enables TTL on the cases table (expiresAt) and the receipts table (expiration)', () => {
    const tables = Object.values(resourcesOf(dev.s.statefulTemplate, 'AWS::DynamoDB::Table'));
    const ttl = (name: string) =>
      tables.find((t) => t.Properties.TableName === `ldm-dev-${name}`)?.Properties.TimeToLiveSpecification;
    expect(CASES_TABLE.timeToLiveAttribute).toBe('expiresAt');
    expect(ttl('cases')).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    expect(ttl('idempotency')).toEqual({
      AttributeName: IDEMPOTENCY_TABLE.timeToLiveAttribute,
      Enabled: true,
    });
  });

  it('projects into the due index only what the sweep reads, and all indexes stay under 100', () => {
    const table = Object.values(resourcesOf(dev.s.statefulTemplate, 'AWS::DynamoDB::Table')).find(
      (t) => t.Properties.TableName === 'ldm-dev-cases',
    );
    const indexes = table?.Properties.GlobalSecondaryIndexes as Json[];
    const due = indexes.find((i) => i.IndexName === 'dueClocks');
    expect([...due.Projection.NonKeyAttributes].sort()).toEqual([...DUE_CLOCK_ATTRIBUTES].sort());
    // caseId and clockId are read from the sort key, the status is RUNNING by the index's sparseness.
    for (const derived of ['caseId', 'clockId', 'status']) {
      expect(due.Projection.NonKeyAttributes).not.toContain(derived);
    }
    const total = indexes.reduce((n, i) => n + (i.Projection.NonKeyAttributes?.length ?? 0), 0);
    expect(total).toBeLessThanOrEqual(90);
  });
});
