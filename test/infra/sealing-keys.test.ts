import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actionsOf,
  describeRef,
  functionNamed,
  logicalId,
  resourceListOf,
  resourcesOf,
  type Statement,
  type Synthesized,
  statementsByFunction,
  synth,
} from './support/synth.ts';

/**
 * The keys of sealed personal data in the templates: a symmetric key with rotation for the data keys, an
 * HMAC_256 key for duplicate filings; every function on the cases table knows the sealing key, writers may
 * only generate data keys and only the reveal route and the partner consumers may unwrap them, all under
 * the sealing encryption context.
 */

let s: Synthesized;
let statements: Map<string, Statement[]>;
let fieldKey: string;
let duplicateKey: string;
beforeAll(() => {
  s = synth('dev');
  statements = statementsByFunction(s.statelessTemplate);
  fieldKey = `${logicalId(s.stateful.sealingKeys.fieldKey)}.Arn`;
  duplicateKey = `${logicalId(s.stateful.sealingKeys.duplicateKey)}.Arn`;
});
afterAll(() => s?.cleanup());

const on = (name: string, key: string) =>
  (statements.get(`ldm-dev-${name}`) ?? []).filter((st) =>
    resourceListOf(st).some((r) => describeRef(r, s.statefulTemplate) === key),
  );
const kmsActions = (name: string, key: string) => on(name, key).flatMap(actionsOf).sort();

describe('the sealing keys', () => {
  it('are a rotated symmetric key and an HMAC_256 key, with aliases', () => {
    const keys = resourcesOf(s.statefulTemplate, 'AWS::KMS::Key');
    const field = keys[logicalId(s.stateful.sealingKeys.fieldKey)]?.Properties;
    const hmac = keys[logicalId(s.stateful.sealingKeys.duplicateKey)]?.Properties;
    expect(field).toMatchObject({ EnableKeyRotation: true });
    expect(field.KeySpec ?? 'SYMMETRIC_DEFAULT').toBe('SYMMETRIC_DEFAULT');
    expect(hmac).toMatchObject({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    const aliases = Object.values(resourcesOf(s.statefulTemplate, 'AWS::KMS::Alias')).map(
      (a) => a.Properties.AliasName,
    );
    expect(aliases).toEqual(
      expect.arrayContaining(['alias/ldm-dev-field-sealing', 'alias/ldm-dev-duplicate-hmac']),
    );
  });

  it('let writers generate data keys and the MAC, and only the reveal and partner consumers unwrap', () => {
    expect(kmsActions('http-create-case', fieldKey)).toEqual(['kms:GenerateDataKey']);
    expect(kmsActions('http-create-case', duplicateKey)).toEqual(['kms:GenerateMac']);
    expect(kmsActions('http-reveal-fields', fieldKey)).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    expect(kmsActions('queue-court', fieldKey)).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    expect(kmsActions('queue-arbitration', fieldKey)).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    expect(kmsActions('queue-union-post', fieldKey)).toEqual(['kms:GenerateDataKey']);
    expect(kmsActions('http-get-case', fieldKey)).toEqual([]);
    for (const [name, sts] of statements) {
      const unwrap = sts.filter(
        (st) =>
          actionsOf(st).includes('kms:Decrypt') &&
          resourceListOf(st).some((r) => describeRef(r, s.statefulTemplate) === fieldKey),
      );
      if (
        !['ldm-dev-http-reveal-fields', 'ldm-dev-queue-court', 'ldm-dev-queue-arbitration'].includes(name)
      ) {
        expect(unwrap, name).toEqual([]);
      }
      for (const st of on(name.replace(/^ldm-dev-/, ''), fieldKey)) {
        expect(st.Condition, name).toEqual({
          StringEquals: { 'kms:EncryptionContext:purpose': 'ldm-field-sealing' },
        });
      }
    }
  });

  it('name the sealing key to every function on the cases table', () => {
    const env = functionNamed(s.statelessTemplate, 'ldm-dev-http-get-case').props.Environment.Variables;
    expect(describeRef(env.SEALING_KEY_ARN, s.statefulTemplate)).toBe(fieldKey);
    const health =
      functionNamed(s.statelessTemplate, 'ldm-dev-http-health').props.Environment?.Variables ?? {};
    expect(health.SEALING_KEY_ARN).toBeUndefined();
  });
});
