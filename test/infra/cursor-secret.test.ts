import type { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SecretReader, withSecrets } from '../../functions/shared/secrets.ts';
import { describeRef, logicalId, resourcesOf, type Synthesized, synth } from './support/synth.ts';

/** A Secrets Manager stand-in that records what it was asked for. */
function fakeReader(value: string | undefined) {
  const asked: string[] = [];
  const reader: SecretReader = {
    send: async (command: GetSecretValueCommand) => {
      asked.push(String(command.input.SecretId));
      return { SecretString: value };
    },
  };
  return { reader, asked };
}

describe('the cursor secret at cold start (functions/shared/secrets.ts)', () => {
  it('reads CURSOR_SECRET from the secret that CURSOR_SECRET_ARN names', async () => {
    const { reader, asked } = fakeReader('k'.repeat(64));
    const env = await withSecrets(
      { CURSOR_SECRET_ARN: 'arn:aws:secretsmanager:x:1:secret:c', TABLE_NAME: 't' },
      reader,
    );
    expect(asked).toEqual(['arn:aws:secretsmanager:x:1:secret:c']);
    expect(env).toMatchObject({ CURSOR_SECRET: 'k'.repeat(64), TABLE_NAME: 't' });
  });

  it('keeps a CURSOR_SECRET that is set (the local stack) and fetches nothing', async () => {
    const { reader, asked } = fakeReader('unused');
    const env = await withSecrets({ CURSOR_SECRET: 'local', CURSOR_SECRET_ARN: 'arn:ignored' }, reader);
    expect(asked).toEqual([]);
    expect(env.CURSOR_SECRET).toBe('local');
  });

  it('stops the cold start, naming the variable, when the secret has no string value', async () => {
    const { reader } = fakeReader(undefined);
    await expect(withSecrets({ CURSOR_SECRET_ARN: 'arn:x' }, reader)).rejects.toThrow(/CURSOR_SECRET_ARN/);
  });

  it('leaves a missing secret to the config schema, which names CURSOR_SECRET', async () => {
    const { reader, asked } = fakeReader('unused');
    expect(await withSecrets({ TABLE_NAME: 't' }, reader)).toEqual({ TABLE_NAME: 't' });
    expect(asked).toEqual([]);
  });
});

describe('the cursor secret in the templates', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synth('dev');
  });
  afterAll(() => s?.cleanup());

  it('is never a value in any template: functions get its ARN, and only functions that read it', () => {
    const secretId = logicalId(s.stateful.cursorSecret);
    for (const fn of Object.values(resourcesOf(s.statelessTemplate, 'AWS::Lambda::Function'))) {
      const vars = fn.Properties.Environment.Variables as Record<string, unknown>;
      expect(vars.CURSOR_SECRET, fn.Properties.FunctionName).toBeUndefined();
      if (vars.CURSOR_SECRET_ARN !== undefined) {
        expect(describeRef(vars.CURSOR_SECRET_ARN, s.statefulTemplate)).toBe(secretId);
      }
    }
    expect(JSON.stringify(s.statefulTemplate.toJSON())).not.toMatch(/"SecretString"/);
  });
});
