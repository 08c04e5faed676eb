import { describe, expect, it } from 'vitest';
import { FUNCTIONS, SLA_SWEEP } from '../../functions/catalogue.ts';
import { devStage, grantsOn } from './support/dev-stage.ts';
import { actionsOf, describeRef, logicalId, resourceListOf, resourcesOf } from './support/synth.ts';

/** The reminders in the CDK app: the encrypted topic, the sweep's schedule, least-privilege publishing. */

const dev = devStage();
const topicId = () => logicalId(dev.s.stateful.reminderTopic);

describe('the reminders topic', () => {
  it('is KMS-encrypted with the stack key, named for the stage, and refuses plain HTTP', () => {
    dev.expectSecureTopic(topicId(), 'ldm-dev-reminders');
  });

  it.each(['ldm-dev-sla-sweep', 'ldm-dev-sweep-shard'])(
    'is published to by the sweep alone (%s), only that topic, with a data key through SNS only',
    (name) => {
      // The planner republishes the outbox; the shard sweeps publish what they raise.
      expect(dev.reaching(topicId(), grantsOn('sns'))).toEqual(['ldm-dev-sla-sweep', 'ldm-dev-sweep-shard']);
      const sns = (dev.statements.get(name) ?? []).filter(
        (st) => grantsOn('sns')(st) && dev.touches(st, topicId()),
      );
      expect(sns.flatMap(actionsOf)).toEqual(['sns:Publish']);
      // The planner also publishes the warnings it raises on their own topic (publishWarnings): the
      // same action on the two topics may share a statement, and no other topic is reachable.
      const warnings = name === 'ldm-dev-sla-sweep' ? [logicalId(dev.s.stateful.warningTopic)] : [];
      const published = (dev.statements.get(name) ?? [])
        .filter((st) => actionsOf(st).some((a) => a.startsWith('sns:')))
        .flatMap(resourceListOf)
        .map((r) => describeRef(r, dev.s.statefulTemplate));
      expect(published.sort()).toEqual([topicId(), ...warnings].sort());
      const kms = (dev.statements.get(name) ?? []).filter((st) =>
        JSON.stringify(st.Condition ?? {}).includes('sns.'),
      );
      expect(kms.flatMap(actionsOf).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
      const fn = dev.functionResource(name);
      expect(
        describeRef(fn?.Properties.Environment.Variables.REMINDER_TOPIC_ARN, dev.s.statefulTemplate),
      ).toBe(topicId());
    },
  );
});

describe('the sweep and its routes', () => {
  it('runs the sweep every 15 minutes and the recompute daily', () => {
    const rules = Object.values(resourcesOf(dev.s.statelessTemplate, 'AWS::Events::Rule'));
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
      const actions = (dev.statements.get(`ldm-dev-${name}`) ?? []).flatMap(actionsOf);
      expect(actions, name).not.toContain('dynamodb:Scan');
      expect(
        actions.filter((a) => a.startsWith('dynamodb:Delete')),
        name,
      ).toEqual([]);
      const tables = (dev.statements.get(`ldm-dev-${name}`) ?? [])
        .filter((st) => actionsOf(st).some((a) => a.startsWith('dynamodb:')))
        .flatMap(resourceListOf)
        .map((r) => describeRef(r, dev.s.statefulTemplate).split('/')[0]);
      expect(new Set(tables), name).toEqual(new Set([`${logicalId(dev.s.stateful.casesTable)}.Arn`]));
    }
    const listing = (dev.statements.get('ldm-dev-http-list-reminders') ?? []).flatMap(actionsOf);
    expect(listing.filter((a) => a.startsWith('dynamodb:'))).not.toContain('dynamodb:UpdateItem');
  });
});
