import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../functions/catalogue.ts';
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

/** The warnings topic in the CDK app: encrypted, named for the stage, published to by its catalogue entries. */

let s: Synthesized;
let statements: Map<string, Statement[]>;
beforeAll(() => {
  s = synth('dev');
  statements = statementsByFunction(s.statelessTemplate);
});
afterAll(() => s?.cleanup());

const topicId = () => logicalId(s.stateful.warningTopic);
const onTopic = (st: Statement) =>
  resourceListOf(st).some((r) => describeRef(r, s.statefulTemplate) === topicId());

describe('the warnings topic', () => {
  it('is KMS-encrypted with the stack key, named for the stage, and refuses plain HTTP', () => {
    const topic = resourcesOf(s.statefulTemplate, 'AWS::SNS::Topic')[topicId()];
    expect(topic?.Properties.TopicName).toBe('ldm-dev-warnings');
    expect(describeRef(topic?.Properties.KmsMasterKeyId, s.statefulTemplate)).toBe(
      `${logicalId(s.stateful.key)}.Arn`,
    );
    const policies = Object.values(resourcesOf(s.statefulTemplate, 'AWS::SNS::TopicPolicy')).filter((p) =>
      JSON.stringify(p.Properties.Topics).includes(topicId()),
    );
    expect(JSON.stringify(policies)).toContain('aws:SecureTransport');
  });

  it('is published to by exactly the functions whose entry says so, with sns:Publish and WARNING_TOPIC_ARN', () => {
    const expected = FUNCTIONS.filter((f) => f.access.publishWarnings).map((f) => `ldm-dev-${f.name}`);
    expect(expected).toContain('ldm-dev-http-partner-callback');
    expect(expected).toContain('ldm-dev-warning-signals');
    const publishers = [...statements]
      .filter(([, sts]) => sts.some(onTopic))
      .map(([name]) => name)
      .sort();
    expect(publishers).toEqual([...expected].sort());
    const functions = Object.values(resourcesOf(s.statelessTemplate, 'AWS::Lambda::Function'));
    for (const name of expected) {
      const sts = (statements.get(name) ?? []).filter(onTopic);
      expect(sts.flatMap(actionsOf), name).toEqual(['sns:Publish']);
      const fn = functions.find((f) => f.Properties.FunctionName === name);
      expect(describeRef(fn?.Properties.Environment.Variables.WARNING_TOPIC_ARN, s.statefulTemplate)).toBe(
        topicId(),
      );
    }
  });
});
