import { defineConfig } from 'vitest/config';

/** One project per test layer; `npm test` runs them all, `npm run test:<layer>` one. */
export default defineConfig({
  test: {
    // Most of the suite waits on DynamoDB Local, the queue emulator and child processes rather than on the
    // CPU: two test files at a time even on a 2-core machine (vitest's default there is one).
    maxWorkers: 2,
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
          include: ['test/e2e/**/*.test.ts'],
          // A partner's first callback waits for its handoff to be delivered (issue 22): a minute per test.
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
