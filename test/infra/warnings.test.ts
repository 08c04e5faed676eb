import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../functions/catalogue.ts';
import { devStage } from './support/dev-stage.ts';
import { actionsOf, describeRef, logicalId } from './support/synth.ts';

/** The warnings topic in the CDK app: encrypted, named for the stage, published to by its catalogue entries. */

const dev = devStage();
const topicId = () => logicalId(dev.s.stateful.warningTopic);

describe('the warnings topic', () => {
  it('is KMS-encrypted with the stack key, named for the stage, and refuses plain HTTP', () => {
    dev.expectSecureTopic(topicId(), 'ldm-dev-warnings');
  });

  it('is published to by exactly the functions whose entry says so, with sns:Publish and WARNING_TOPIC_ARN', () => {
    const expected = FUNCTIONS.filter((f) => f.access.publishWarnings).map((f) => `ldm-dev-${f.name}`);
    expect(expected).toContain('ldm-dev-http-partner-callback');
    expect(expected).toContain('ldm-dev-warning-signals');
    expect(dev.reaching(topicId())).toEqual([...expected].sort());
    for (const name of expected) {
      const sts = (dev.statements.get(name) ?? []).filter((st) => dev.touches(st, topicId()));
      expect(sts.flatMap(actionsOf), name).toEqual(['sns:Publish']);
      const fn = dev.functionResource(name);
      expect(
        describeRef(fn?.Properties.Environment.Variables.WARNING_TOPIC_ARN, dev.s.statefulTemplate),
      ).toBe(topicId());
    }
  });
});
