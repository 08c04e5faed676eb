import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/cdk/paths.ts';
import {
  LOG_RETENTION_DAYS,
  parseStageConfig,
  resolveStage,
  STAGES,
  StageConfigSchema,
} from '../../infra/cdk/stage-config.ts';

const run = promisify(execFile);

describe('stage configuration', () => {
  it('accepts every named stage', () => {
    for (const name of Object.keys(STAGES)) {
      expect(resolveStage(name).name).toBe(name);
    }
    expect(resolveStage('prod').production).toBe(true);
    expect(resolveStage('dev').production).toBe(false);
  });

  it.each([
    ['logRetentionDays', { logRetentionDays: 42 }, /logRetentionDays: must be one of the retention periods/],
    ['alarmEmail', { alarmEmail: 'duty officer' }, /alarmEmail:/],
    ['name', { name: 'Dev!' }, /name: must be 2–10 lower-case/],
    ['name', { name: 'local' }, /name: is reserved for the local stack/],
    ['region', { region: 'mars-1' }, /region: must be an AWS region/],
    ['account', { account: '1234' }, /account: must be a 12-digit AWS account id/],
    ['cors.allowedOrigins', { cors: { allowedOrigins: ['*'] } }, /cors\.allowedOrigins\.0:/],
    [
      'cors.allowedOrigins',
      { cors: { allowedOrigins: ['https://mediation.example.org/app'] } },
      /cors\.allowedOrigins\.0: must be an origin/,
    ],
    ['cors.allowedOrigins', { cors: { allowedOrigins: [] } }, /cors\.allowedOrigins:/],
    ['throttling.burstLimit', { throttling: { rateLimit: 10, burstLimit: 0 } }, /throttling\.burstLimit:/],
    ['an unknown field', { retention: 30 }, /(Unrecognized key|unknown fields?).*retention/],
    ['callbacks', { callbacks: undefined }, /callbacks:/],
    [
      'callbacks.partners',
      {
        callbacks: { ...STAGES.dev.callbacks, partners: { 'qd court/..': { rateLimit: 1, burstLimit: 1 } } },
      },
      /callbacks\.partners\.qd court\/\.\.:/,
    ],
    [
      'callbacks.partners',
      {
        callbacks: { ...STAGES.dev.callbacks, partners: { '{partnerId}': { rateLimit: 1, burstLimit: 1 } } },
      },
      /callbacks\.partners\.\{partnerId\}:/,
    ],
    [
      'callbacks.partners',
      {
        callbacks: {
          ...STAGES.dev.callbacks,
          partners: { 'qd-court': { rateLimit: 1, burstLimit: 1.5 } },
        },
      },
      /callbacks\.partners\.qd-court\.burstLimit:/,
    ],
    [
      'callbacks.partners',
      {
        callbacks: {
          ...STAGES.dev.callbacks,
          partners: Object.fromEntries(
            Array.from({ length: 51 }, (_, i) => [`court-${i}`, { rateLimit: 1, burstLimit: 1 }]),
          ),
        },
      },
      /callbacks\.partners: must list at most 50 partners/,
    ],
    [
      'callbacks.default',
      { callbacks: { ...STAGES.dev.callbacks, default: { rateLimit: 25, burstLimit: 2 } } },
      /callbacks\.default\.rateLimit: must not exceed throttling\.rateLimit \(20\)/,
    ],
    [
      'callbacks.default',
      { callbacks: { ...STAGES.dev.callbacks, default: { rateLimit: 1, burstLimit: 41 } } },
      /callbacks\.default\.burstLimit: must not exceed throttling\.burstLimit \(40\)/,
    ],
    ['callbacks.default', { callbacks: { partners: {} } }, /callbacks\.default:/],
  ])('names %s when it is wrong', (_field, change, message) => {
    expect(() => parseStageConfig({ ...STAGES.dev, ...change })).toThrow(message);
  });

  it('throttles partner callbacks per partner in every named stage, the generic route lowest', () => {
    for (const name of Object.keys(STAGES)) {
      const { callbacks, throttling } = resolveStage(name);
      expect(Object.keys(callbacks.partners), name).toEqual(['qd-shinan-court', 'qd-arbitration']);
      for (const limits of Object.values(callbacks.partners)) {
        expect(callbacks.default.rateLimit).toBeLessThan(limits.rateLimit);
        expect(callbacks.default.burstLimit).toBeLessThan(limits.burstLimit);
      }
      expect(callbacks.default.rateLimit).toBeLessThan(throttling.rateLimit);
    }
    // No partner listed: every partner shares the generic route.
    expect(
      parseStageConfig({ ...STAGES.dev, callbacks: { ...STAGES.dev.callbacks, partners: {} } }),
    ).toBeDefined();
  });

  it('offers exactly the retention periods CloudWatch Logs accepts', () => {
    expect(LOG_RETENTION_DAYS).toContain(30);
    expect(LOG_RETENTION_DAYS).toContain(3653);
    expect(LOG_RETENTION_DAYS).not.toContain(9999);
    expect(StageConfigSchema.safeParse({ ...STAGES.dev, logRetentionDays: 31 }).success).toBe(false);
  });

  it('takes account, region and alarm e-mail from context and validates them too', () => {
    const stage = resolveStage('prod', { account: '123456789012', alarmEmail: 'duty@union.example.cn' });
    expect(stage).toMatchObject({ account: '123456789012', alarmEmail: 'duty@union.example.cn' });
    expect(() => resolveStage('prod', { alarmEmail: 'nobody' })).toThrow(/stage "prod".*alarmEmail/);
    expect(() => resolveStage('qa')).toThrow(/unknown stage "qa"; the stages are dev, prod/);
  });

  it('fails `node infra/app.ts` (what npm run synth runs) with the field named', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'ldm-cdk-bad-stage-'));
    try {
      const failure = await run(
        process.execPath,
        [join(PROJECT_ROOT, 'infra/app.ts'), '-c', 'alarmEmail=nope'],
        {
          cwd: PROJECT_ROOT,
          env: { ...process.env, CDK_OUTDIR: outdir },
        },
      ).then(
        () => null,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).not.toBe(0);
      expect(failure?.stderr).toMatch(/invalid configuration for stage "dev": alarmEmail:/);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
