import type { IResource } from 'aws-cdk-lib';
import { afterAll, beforeAll, expect } from 'vitest';
import type { StageName } from '../../../infra/cdk/stage-config.ts';
import {
  actionsOf,
  describeRef,
  functionNamed,
  type Json,
  logicalId,
  resourceListOf,
  resourcesOf,
  type Statement,
  type Synthesized,
  statementsByFunction,
  synth,
} from './synth.ts';

/**
 * The dev stage (or the one named) synthesized once for a test file or a describe block, with every
 * function's IAM statements by its deployed name (`ldm-dev-…`), and the questions the grant tests ask of
 * them. Call it at the top of a file or a describe block: it registers the beforeAll that synthesizes
 * (minutes on a loaded machine) and the afterAll that cleans up.
 */
export function devStage(stage: StageName = 'dev') {
  let synthesized: Synthesized | undefined;
  let byFunction: Map<string, Statement[]> | undefined;
  beforeAll(() => {
    synthesized = synth(stage);
    byFunction = statementsByFunction(synthesized.statelessTemplate);
  }, 600_000);
  afterAll(() => synthesized?.cleanup());

  const dev = {
    get s(): Synthesized {
      if (!synthesized)
        throw new Error(`the ${stage} stage is not synthesized yet (devStage registers beforeAll)`);
      return synthesized;
    },
    get statements(): Map<string, Statement[]> {
      return byFunction ?? new Map();
    },
    /** A reference as describeRef spells it, following it into the stateful template. */
    ref: (value: unknown) => describeRef(value, dev.s.statefulTemplate),
    /** A stateful resource's ARN as describeRef spells it (`CasesTableABC.Arn`). */
    arnOf: (resource: IResource) => `${logicalId(resource)}.Arn`,
    /** The resources a statement names, as describeRef spells them. */
    resourcesNamed: (st: Statement) => resourceListOf(st).map(dev.ref),
    /** Whether a statement names the resource `id` (as describeRef spells it: `Topic1234`, `Table.Arn`). */
    touches: (st: Statement, id: string) => resourceListOf(st).some((r) => dev.ref(r) === id),
    /** A deployed function's resource by its name (`ldm-dev-…`). */
    functionResource: (name: string): Json =>
      Object.values(resourcesOf(dev.s.statelessTemplate, 'AWS::Lambda::Function')).find(
        (f) => f.Properties.FunctionName === name,
      ),
    /** The functions with a statement on `id` that `which` keeps (every one unless told), by name, sorted. */
    reaching: (id: string, which: (st: Statement) => boolean = () => true) =>
      [...dev.statements]
        .filter(([, sts]) => sts.some((st) => which(st) && dev.touches(st, id)))
        .map(([name]) => name)
        .sort(),
    /**
     * The stage seals personal fields with `algorithm` under a SYMMETRIC_DEFAULT key (in the China regions
     * that is SM4-128: the data keys are wrapped with SM4 too), named only to a function that seals.
     */
    expectFieldCipher(algorithm: string) {
      const env = functionNamed(dev.s.statelessTemplate, `ldm-${stage}-http-create-case`).props.Environment
        .Variables;
      expect(env.SEALING_ALGORITHM).toBe(algorithm);
      expect(dev.s.stateful.sealingKeys.algorithm).toBe(algorithm);
      const field = resourcesOf(dev.s.statefulTemplate, 'AWS::KMS::Key')[
        logicalId(dev.s.stateful.sealingKeys.fieldKey)
      ]?.Properties;
      expect(field.KeySpec ?? 'SYMMETRIC_DEFAULT').toBe('SYMMETRIC_DEFAULT');
      const reader = functionNamed(dev.s.statelessTemplate, `ldm-${stage}-http-get-case`).props.Environment
        .Variables;
      expect(reader.SEALING_ALGORITHM).toBeUndefined();
    },
    /** A topic of the stateful stack is encrypted with the stack's key, named `name`, and refuses plain HTTP. */
    expectSecureTopic(topicId: string, name: string) {
      const topic = resourcesOf(dev.s.statefulTemplate, 'AWS::SNS::Topic')[topicId];
      expect(topic?.Properties.TopicName).toBe(name);
      expect(describeRef(topic?.Properties.KmsMasterKeyId, dev.s.statefulTemplate)).toBe(
        `${logicalId(dev.s.stateful.key)}.Arn`,
      );
      const policies = Object.values(resourcesOf(dev.s.statefulTemplate, 'AWS::SNS::TopicPolicy')).filter(
        (p) => JSON.stringify(p.Properties.Topics).includes(topicId),
      );
      expect(JSON.stringify(policies)).toContain('aws:SecureTransport');
    },
  };
  return dev;
}

/** Whether a statement grants an action of the service (`sns`, `sqs`, `dynamodb`…). */
export const grantsOn = (service: string) => (st: Statement) =>
  actionsOf(st).some((a) => a.startsWith(`${service}:`));
