import { defineConfig } from 'vitest/config';

/**
 * One project per test layer; `npm test` runs them all, `npm run test:<layer>` one. The national peak's
 * e2e (3,000 cases filed over HTTP, then one sweep; minutes on 2 cores) runs on its own with
 * `npm run test:peak`, outside `npm test`, so CI stays within its time.
 */
const PEAK = 'test/e2e/peak.test.ts';
const peakOnly = process.env.LDM_PEAK === '1';
export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    env: {
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_TRACE_ENABLED: 'false',
    },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/dynamodb-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: peakOnly ? [PEAK] : ['test/e2e/**/*.test.ts'],
          exclude: peakOnly ? [] : [PEAK, '**/node_modules/**'],
          // A partner's first callback waits for its handoff to be delivered (issue 22): a minute per test.
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
