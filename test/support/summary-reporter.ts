import type { SerializedError } from 'vitest';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * After vitest's own summary, one plain line: `vitest: N passed, N failed, N skipped`, plus the files
 * that failed outside any test (a setup hook, an import) and unhandled errors, when there are any.
 */
export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>) {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    let brokenFiles = 0;
    for (const mod of modules) {
      let failedTests = 0;
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') failedTests++;
        else counts.skipped++;
      }
      counts.failed += failedTests;
      if (failedTests === 0 && mod.state() === 'failed') brokenFiles++;
    }
    const extra = [
      brokenFiles > 0 ? `${brokenFiles} files failed outside their tests` : '',
      unhandledErrors.length > 0 ? `${unhandledErrors.length} unhandled errors` : '',
    ].filter(Boolean);
    process.stdout.write(
      `\nvitest: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped` +
        `${extra.length > 0 ? `; ${extra.join(', ')}` : ''}\n`,
    );
  }
}
