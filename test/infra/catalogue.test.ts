import { randomBytes } from 'node:crypto';
import { Duration } from 'aws-cdk-lib';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalSigner } from '../../functions/adapters/audit/signer.ts';
import { HANDOFF_QUEUES } from '../../functions/adapters/sqs/queues.ts';
import { FUNCTIONS, type FunctionEntry } from '../../functions/catalogue.ts';
import { PROJECT_ROOT } from '../../infra/cdk/paths.ts';
import { resolveStage } from '../../infra/cdk/stage-config.ts';
import {
  loadPipelineHandlers,
  type PipelineHandler,
  POLLED_FUNCTIONS,
  planPollers,
} from '../../infra/local/pipeline.ts';
import { describeRef, type Json, logicalId, resourcesOf, type Synthesized, synth } from './support/synth.ts';

/** The function catalogue as deployed (one function, its grants' variables, its trigger) and as polled locally. */

let s: Synthesized;
beforeAll(() => {
  s = synth('dev');
});
afterAll(() => s?.cleanup());

const nonHttp = FUNCTIONS.filter((f) => f.trigger.kind !== 'http');

const functionsNamed = (entry: FunctionEntry) =>
  Object.entries(resourcesOf(s.statelessTemplate, 'AWS::Lambda::Function')).filter(
    ([, f]) => f.Properties.FunctionName === `ldm-dev-${entry.name}`,
  );
const functionIdOf = (entry: FunctionEntry) => {
  const [found] = functionsNamed(entry);
  if (!found) throw new Error(`${entry.name} is not deployed`);
  return found[0];
};
/** What invokes a function: event source mappings, schedule rules, API integrations. */
const triggersOf = (entry: FunctionEntry) => {
  const id = functionIdOf(entry);
  // Every trigger invokes the function's `live` alias (constructs/service-function.ts), never $LATEST.
  const [alias] = Object.entries(resourcesOf(s.statelessTemplate, 'AWS::Lambda::Alias')).find(
    ([, a]) => a.Properties.FunctionName.Ref === id,
  ) ?? [''];
  const onLive = (value: unknown) => JSON.stringify(value ?? null).includes(`"${alias}"`);
  const mappings = Object.values(resourcesOf(s.statelessTemplate, 'AWS::Lambda::EventSourceMapping')).filter(
    (m) => onLive(m.Properties.FunctionName),
  );
  const rules = Object.values(resourcesOf(s.statelessTemplate, 'AWS::Events::Rule')).filter((r) =>
    (r.Properties.Targets as Json[]).some((t) => onLive(t.Arn)),
  );
  const integrations = Object.entries(resourcesOf(s.statelessTemplate, 'AWS::ApiGatewayV2::Integration'))
    .filter(([, i]) => onLive(i.Properties.IntegrationUri))
    .map(([integrationId]) => integrationId);
  const routes = Object.values(resourcesOf(s.statelessTemplate, 'AWS::ApiGatewayV2::Route')).filter((r) =>
    integrations.some((i) => JSON.stringify(r.Properties.Target).includes(`"${i}"`)),
  );
  return { mappings, rules, routes };
};

describe('the catalogue, deployed', () => {
  it('deploys exactly the catalogue: one function per entry, and no other', () => {
    const deployed = Object.values(resourcesOf(s.statelessTemplate, 'AWS::Lambda::Function')).map(
      (f) => f.Properties.FunctionName,
    );
    expect(deployed.sort()).toEqual(FUNCTIONS.map((f) => `ldm-dev-${f.name}`).sort());
    expect(new Set(FUNCTIONS.map((f) => f.id)).size).toBe(FUNCTIONS.length);
  });

  it.each(FUNCTIONS.map((f) => [f.name, f] as const))(
    '%s: one function with its construct id, module, description and timeout',
    (_, entry) => {
      const found = functionsNamed(entry);
      expect(found).toHaveLength(1);
      const [id, fn] = found[0] ?? [];
      // The construct id fixes the logical id: a new one would replace the deployed function.
      const construct = s.stateless.functions.get(entry.name);
      expect(construct?.node.id).toBe(entry.id);
      expect(construct && logicalId(construct)).toBe(id);
      expect(fn?.Properties).toMatchObject({
        Description: entry.description,
        Timeout: entry.timeoutSeconds,
        Handler: 'index.handler',
      });
    },
  );

  it.each(FUNCTIONS.map((f) => [f.name, f] as const))(
    '%s: behind exactly its trigger, and nothing else',
    (_, entry) => {
      const { mappings, rules, routes } = triggersOf(entry);
      const { trigger } = entry;
      // The partner callbacks also have a literal route per partner the stage throttles on its own.
      const literal =
        entry.name === 'http-partner-callback'
          ? Object.keys(resolveStage('dev').callbacks.partners).length
          : 0;
      expect(mappings.length + rules.length + routes.length).toBe(1 + literal);
      if (trigger.kind === 'http') {
        const route = routes.find((r) => r.Properties.RouteKey === `${trigger.method} ${trigger.path}`);
        expect(route, `${trigger.method} ${trigger.path}`).toBeDefined();
        expect(route?.Properties.AuthorizationType).toBe(trigger.publicBecause ? 'NONE' : 'JWT');
      } else if (trigger.kind === 'queue') {
        const [mapping] = mappings;
        expect(describeRef(mapping?.Properties.EventSourceArn, s.statefulTemplate)).toBe(
          `${logicalId(s.stateful.handoffQueues[trigger.queue].queue)}.Arn`,
        );
        expect(mapping?.Properties).toMatchObject({
          BatchSize: trigger.batchSize,
          FunctionResponseTypes: ['ReportBatchItemFailures'],
        });
        expect(trigger.batchSize).toBe(HANDOFF_QUEUES[trigger.queue].batchSize);
      } else if (trigger.kind === 'stream') {
        const [mapping] = mappings;
        expect(describeRef(mapping?.Properties.EventSourceArn, s.statefulTemplate)).toBe(
          `${logicalId(s.stateful.casesTable)}.StreamArn`,
        );
        expect(mapping?.Properties).toMatchObject({
          BatchSize: trigger.batchSize,
          StartingPosition: 'TRIM_HORIZON',
          FilterCriteria: { Filters: [{ Pattern: JSON.stringify(trigger.filter) }] },
        });
      } else if (trigger.kind === 'sweepTasks') {
        const [mapping] = mappings;
        expect(describeRef(mapping?.Properties.EventSourceArn, s.statefulTemplate)).toBe(
          `${logicalId(s.stateful.sweepTasks.queue)}.Arn`,
        );
        expect(mapping?.Properties).toMatchObject({
          BatchSize: trigger.batchSize,
          ScalingConfig: { MaximumConcurrency: trigger.maximumConcurrency },
          FunctionResponseTypes: ['ReportBatchItemFailures'],
        });
      } else {
        expect(rules[0]?.Properties).toMatchObject({
          Name: `ldm-dev-${entry.name}`,
          // CDK writes the rate in the largest whole unit: rate(15 minutes), rate(1 day).
          ScheduleExpression: Schedule.rate(Duration.minutes(trigger.everyMinutes)).expressionString,
        });
        expect(rules[0]?.Properties.Targets[0].RetryPolicy.MaximumRetryAttempts).toBe(2);
      }
    },
  );

  it.each(FUNCTIONS.map((f) => [f.name, f] as const))(
    '%s: is told of exactly the resources its access lists',
    (_, entry) => {
      const [, fn] = functionsNamed(entry)[0] ?? [];
      const env = fn?.Properties.Environment.Variables as Record<string, unknown>;
      const { access } = entry;
      const has = (name: string) => env[name] !== undefined;
      expect(has('TABLE_NAME'), 'TABLE_NAME').toBe(
        access.cases !== undefined || access.calendar !== undefined || access.posts !== undefined,
      );
      expect(has('CURSOR_SECRET_ARN'), 'CURSOR_SECRET_ARN').toBe(access.cursorSecret === true);
      expect(has('IDEMPOTENCY_TABLE_NAME'), 'IDEMPOTENCY_TABLE_NAME').toBe(access.idempotency === true);
      expect(has('HANDOFF_QUEUES'), 'HANDOFF_QUEUES').toBe(
        (access.sendHandoffs?.length ?? 0) > 0 ||
          access.consumeHandoffs !== undefined ||
          (access.redriveDeadLetters?.length ?? 0) > 0,
      );
      expect(has('PARTNER_TABLE_NAME'), 'PARTNER_TABLE_NAME').toBe(access.partners !== undefined);
      expect(has('REMINDER_TOPIC_ARN'), 'REMINDER_TOPIC_ARN').toBe(access.publishReminders === true);
      expect(has('SWEEP_TASKS_QUEUE_URL'), 'SWEEP_TASKS_QUEUE_URL').toBe(access.sweepTasks !== undefined);
      expect(has('WARNING_TOPIC_ARN'), 'WARNING_TOPIC_ARN').toBe(access.publishWarnings === true);
      // Sealing is built on first use: only a function that seals (writes cases) or opens learns its key.
      const seals = access.cases === 'write' || access.cases === 'case-items' || access.sealing === 'open';
      expect(has('SEALING_KEY_ARN'), 'SEALING_KEY_ARN').toBe(seals);
      expect(has('SEALING_ALGORITHM'), 'SEALING_ALGORITHM').toBe(seals);
    },
  );
});

describe('the catalogue, polled locally', () => {
  const handlerFor = (): PipelineHandler => async () => undefined;
  const allHandlers = () => Object.fromEntries(nonHttp.map((f) => [f.name, handlerFor()]));

  it('polls every stream, queue and scheduled function once, with its trigger', () => {
    expect(POLLED_FUNCTIONS.map((f) => f.name).sort()).toEqual(nonHttp.map((f) => f.name).sort());
    const plan = planPollers(allHandlers());
    expect(plan.map((p) => p.entry.name).sort()).toEqual(nonHttp.map((f) => f.name).sort());
    for (const planned of plan) expect(planned.kind, planned.entry.name).toBe(planned.entry.trigger.kind);
  });

  it('refuses to start without a handler for a stream or queue function', () => {
    // The shard sweep's worker is left out like the schedules whose tasks it takes (see planPollers).
    for (const entry of nonHttp.filter(
      (f) => f.trigger.kind !== 'schedule' && f.trigger.kind !== 'sweepTasks',
    )) {
      const { [entry.name]: _, ...others } = allHandlers();
      expect(() => planPollers(others), entry.name).toThrow(entry.name);
    }
  });

  it('leaves a scheduled function out when it is given no handler', () => {
    const scheduled = nonHttp.filter((f) => f.trigger.kind === 'schedule');
    expect(scheduled.length).toBeGreaterThan(0);
    const handlers = allHandlers();
    for (const entry of scheduled) delete handlers[entry.name];
    expect(planPollers(handlers).map((p) => p.entry.name)).toEqual(
      nonHttp.filter((f) => f.trigger.kind !== 'schedule').map((f) => f.name),
    );
  });

  it("loads each polled function's handler from its catalogue module", async () => {
    // What the local stack sets before it imports the modules (infra/local/stack.ts).
    Object.assign(process.env, {
      AWS_REGION: 'ap-southeast-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      TABLE_NAME: 'ldm-test-cases',
      HANDOFF_QUEUES: JSON.stringify(
        Object.fromEntries(
          Object.keys(HANDOFF_QUEUES).map((k) => [
            k,
            { queueUrl: `http://127.0.0.1:1/${k}`, deadLetterUrl: `http://127.0.0.1:1/${k}-dlq` },
          ]),
        ),
      ),
      PARTNER_TABLE_NAME: 'ldm-test-partners',
      REMINDER_TOPIC_ARN: 'arn:aws:sns:ap-southeast-1:000000000000:ldm-test-reminders',
      SWEEP_TASKS_QUEUE_URL: 'http://127.0.0.1:1/sweep-shards',
      WARNING_TOPIC_ARN: 'arn:aws:sns:ap-southeast-1:000000000000:ldm-test-warnings',
      // Locally no KMS: the emulators' endpoints and the per-run stand-ins of the keys (infra/local/local-keys.ts).
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:1',
      CURSOR_SECRET: randomBytes(32).toString('base64url'),
      SEALING_LOCAL_KEY: randomBytes(32).toString('base64'),
      DUPLICATE_LOCAL_KEY: randomBytes(32).toString('base64'),
      // The checkpoint bucket in the emulator's S3 (infra/local/checkpoints-local.ts).
      CHECKPOINT_BUCKET: 'ldm-test-checkpoints',
      S3_ENDPOINT: 'http://127.0.0.1:1',
      CHECKPOINT_LOCAL_KEY: new LocalSigner('local-checkpoint-key').privateKeyPem,
    });
    const handlers = await loadPipelineHandlers(PROJECT_ROOT);
    expect(Object.keys(handlers).sort()).toEqual(nonHttp.map((f) => f.name).sort());
    for (const handler of Object.values(handlers)) expect(typeof handler).toBe('function');
    expect(planPollers(handlers)).toHaveLength(nonHttp.length);
  });
});
