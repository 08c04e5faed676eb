import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, SLA_SWEEP } from '../../functions/catalogue.ts';
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

/** The reminders in the CDK app: the encrypted topic, the sweep's schedule, least-privilege publishing. */

let s: Synthesized;
let statements: Map<string, Statement[]>;
beforeAll(() => {
  s = synth('dev');
  statements = statementsByFunction(s.statelessTemplate);
});
afterAll(() => s?.cleanup());

const topicId = () => logicalId(s.stateful.reminderTopic);

describe('the reminders topic', () => {
  it('is KMS-encrypted with the stack key, named for the stage, and refuses plain HTTP', () => {
    const topic = resourcesOf(s.statefulTemplate, 'AWS::SNS::Topic')[topicId()];
    expect(topic?.Properties.TopicName).toBe('ldm-dev-reminders');
    expect(describeRef(topic?.Properties.KmsMasterKeyId, s.statefulTemplate)).toBe(
      `${logicalId(s.stateful.key)}.Arn`,
    );
    const policies = Object.values(resourcesOf(s.statefulTemplate, 'AWS::SNS::TopicPolicy')).filter((p) =>
      JSON.stringify(p.Properties.Topics).includes(topicId()),
    );
    expect(JSON.stringify(policies)).toContain('aws:SecureTransport');
  });

  it.each(['ldm-dev-sla-sweep', 'ldm-dev-sweep-shard'])(
    'is published to by the sweep alone (%s), only that topic, with a data key through SNS only',
    (name) => {
      const onTopic = (st: Statement) =>
        resourceListOf(st).some((r) => describeRef(r, s.statefulTemplate) === topicId());
      const publishers = [...statements].filter(([, sts]) =>
        sts.some((st) => actionsOf(st).some((a) => a.startsWith('sns:')) && onTopic(st)),
      );
      // The planner republishes the outbox; the shard sweeps publish what they raise.
      expect(publishers.map(([n]) => n).sort()).toEqual(['ldm-dev-sla-sweep', 'ldm-dev-sweep-shard']);
      const sns = (statements.get(name) ?? []).filter(
        (st) => actionsOf(st).some((a) => a.startsWith('sns:')) && onTopic(st),
      );
      expect(sns.flatMap(actionsOf)).toEqual(['sns:Publish']);
      // The planner also publishes the warnings it raises on their own topic (publishWarnings): the
      // same action on the two topics may share a statement, and no other topic is reachable.
      const warnings = name === 'ldm-dev-sla-sweep' ? [logicalId(s.stateful.warningTopic)] : [];
      const published = (statements.get(name) ?? [])
        .filter((st) => actionsOf(st).some((a) => a.startsWith('sns:')))
        .flatMap(resourceListOf)
        .map((r) => describeRef(r, s.statefulTemplate));
      expect(published.sort()).toEqual([topicId(), ...warnings].sort());
      const kms = (statements.get(name) ?? []).filter((st) =>
        JSON.stringify(st.Condition ?? {}).includes('sns.'),
      );
      expect(kms.flatMap(actionsOf).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
      const fn = Object.values(resourcesOf(s.statelessTemplate, 'AWS::Lambda::Function')).find(
        (f) => f.Properties.FunctionName === name,
      );
      expect(describeRef(fn?.Properties.Environment.Variables.REMINDER_TOPIC_ARN, s.statefulTemplate)).toBe(
        topicId(),
      );
    },
  );
});

describe('the sweep and its routes', () => {
  it('runs the sweep every 15 minutes and the recompute daily', () => {
    const rules = Object.values(resourcesOf(s.statelessTemplate, 'AWS::Events::Rule'));
    expect(SLA_SWEEP.everyMinutes).toBe(15);
    expect(rules.find((r) => r.Properties.Name === 'ldm-dev-sla-sweep')?.Properties.ScheduleExpression).toBe(
      'rate(15 minutes)',
    );
    expect(
      rules.find((r) => r.Properties.Name === 'ldm-dev-recompute-provisional')?.Properties.ScheduleExpression,
    ).toBe('rate(1 day)');
  });

  it('reads reminders through their indexes, never a Scan, and writes no other table', () => {
    for (const name of ['http-list-reminders', 'http-ack-reminder', 'sla-sweep', 'recompute-provisional']) {
      expect(
        FUNCTIONS.some((f) => f.name === name),
        name,
      ).toBe(true);
      const actions = (statements.get(`ldm-dev-${name}`) ?? []).flatMap(actionsOf);
      expect(actions, name).not.toContain('dynamodb:Scan');
      expect(
        actions.filter((a) => a.startsWith('dynamodb:Delete')),
        name,
      ).toEqual([]);
      const tables = (statements.get(`ldm-dev-${name}`) ?? [])
        .filter((st) => actionsOf(st).some((a) => a.startsWith('dynamodb:')))
        .flatMap(resourceListOf)
        .map((r) => describeRef(r, s.statefulTemplate).split('/')[0]);
      expect(new Set(tables), name).toEqual(new Set([`${logicalId(s.stateful.casesTable)}.Arn`]));
    }
    const listing = (statements.get('ldm-dev-http-list-reminders') ?? []).flatMap(actionsOf);
    expect(listing.filter((a) => a.startsWith('dynamodb:'))).not.toContain('dynamodb:UpdateItem');
  });
});
