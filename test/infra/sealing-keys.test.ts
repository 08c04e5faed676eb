import { beforeAll, describe, expect, it } from 'vitest';
import { devStage } from './support/dev-stage.ts';
import { actionsOf, functionNamed, logicalId, resourcesOf } from './support/synth.ts';

/**
 * The keys of sealed personal data in the templates: a symmetric key with rotation for the data keys, an
 * HMAC_256 key for duplicate filings; only the functions that seal or open know the sealing key and the
 * stage's cipher (SM4 in aws-cn), writers may only generate data keys and only the reveal route and the
 * partner consumers may unwrap them, all under the sealing encryption context.
 */

const dev = devStage();
let fieldKey: string;
let duplicateKey: string;
beforeAll(() => {
  fieldKey = dev.arnOf(dev.s.stateful.sealingKeys.fieldKey);
  duplicateKey = dev.arnOf(dev.s.stateful.sealingKeys.duplicateKey);
});

const on = (name: string, key: string) =>
  (dev.statements.get(`ldm-dev-${name}`) ?? []).filter((st) => dev.touches(st, key));
const kmsActions = (name: string, key: string) => on(name, key).flatMap(actionsOf).sort();

describe('the sealing keys', () => {
  it('are a rotated symmetric key and an HMAC_256 key, with aliases', () => {
    const keys = resourcesOf(dev.s.statefulTemplate, 'AWS::KMS::Key');
    const field = keys[logicalId(dev.s.stateful.sealingKeys.fieldKey)]?.Properties;
    const hmac = keys[logicalId(dev.s.stateful.sealingKeys.duplicateKey)]?.Properties;
    expect(field).toMatchObject({ EnableKeyRotation: true });
    expect(field.KeySpec ?? 'SYMMETRIC_DEFAULT').toBe('SYMMETRIC_DEFAULT');
    expect(hmac).toMatchObject({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    const aliases = Object.values(resourcesOf(dev.s.statefulTemplate, 'AWS::KMS::Alias')).map(
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
    for (const [name, sts] of dev.statements) {
      const unwrap = sts.filter((st) => actionsOf(st).includes('kms:Decrypt') && dev.touches(st, fieldKey));
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

  it('name the sealing key and the cipher only to functions that seal or open, never to readers', () => {
    const envOf = (name: string): Record<string, unknown> =>
      functionNamed(dev.s.statelessTemplate, `ldm-dev-${name}`).props.Environment?.Variables ?? {};
    for (const sealer of ['http-create-case', 'http-apply-action', 'http-reveal-fields', 'queue-court']) {
      expect(dev.ref(envOf(sealer).SEALING_KEY_ARN), sealer).toBe(fieldKey);
      expect(envOf(sealer).SEALING_ALGORITHM, sealer).toBe('aes256gcm');
    }
    // A case view, the calendar and the posts never seal: no key (their store builds sealing on first use).
    for (const reader of [
      'http-get-case',
      'http-get-calendar',
      'http-list-posts',
      'http-put-post',
      'http-health',
    ]) {
      expect(envOf(reader).SEALING_KEY_ARN, reader).toBeUndefined();
      expect(envOf(reader).SEALING_ALGORITHM, reader).toBeUndefined();
    }
    // Whoever learns the key may use it: every function with the variable has a statement on the key.
    for (const [name] of dev.statements) {
      const env = envOf(name.replace(/^ldm-dev-/, ''));
      if (env.SEALING_KEY_ARN !== undefined)
        expect(kmsActions(name.replace(/^ldm-dev-/, ''), fieldKey), name).not.toEqual([]);
    }
  });
});

// prod's cipher (aes256gcm, its partition) is checked on the prod stage national.test.ts synthesizes.
describe('the cipher of sealed fields on cn', () => {
  const cn = devStage('cn');
  it('seals with sm4ctr-hmacsm3 (its partition), under a SYMMETRIC_DEFAULT key', () => {
    cn.expectFieldCipher('sm4ctr-hmacsm3');
  });
});
