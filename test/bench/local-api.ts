import { readFileSync } from 'node:fs';
import { intake } from '../support/fixtures.ts';
import { apiClient, launchLocalStack, tokenFor } from '../support/local-stack.ts';

/**
 * `npm run bench` — starts the local stack as `npm start` does, drives a bounded load over loopback and
 * checks the targets below. Numbers are local (DynamoDB Local on the JVM, one Node process), not Lambda's.
 */
const TARGETS = { readyMs: 15_000, p99CreateMs: 250, p99ReadMs: 100, p99ActionMs: 250, apiRssMb: 400 };
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const CONCURRENCY = 8;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};

async function timed<T>(samples: number[], fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await fn();
  samples.push(performance.now() - start);
  return result;
}

async function pool(count: number, worker: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await worker(next++);
    }),
  );
}

const started = performance.now();
const stack = await launchLocalStack();
const readyMs = performance.now() - started;
try {
  const api = apiClient(stack.url, await tokenFor('mediator', 'QD-BENCH-01'));
  const create: number[] = [];
  const read: number[] = [];
  const action: number[] = [];
  const ids: string[] = [];
  // Warm-up: module initialisation in each handler and the JVM's JIT in DynamoDB Local.
  for (let i = 0; i < 50; i++) {
    const warm = await api('POST', '/cases', intake());
    await api('GET', `/cases/${warm.body.caseId}`);
    await api('POST', `/cases/${warm.body.caseId}/actions`, {
      action: 'ASSIGN_MEDIATOR',
      mediatorId: 'warm',
    });
  }
  await pool(REQUESTS, async () => {
    const res = await timed(create, () => api('POST', '/cases', intake()));
    if (res.status !== 201) throw new Error(`create answered ${res.status}`);
    ids.push(res.body.caseId);
  });
  await pool(REQUESTS, async (i) => {
    const res = await timed(read, () => api('GET', `/cases/${ids[i]}`));
    if (res.status !== 200) throw new Error(`read answered ${res.status}`);
  });
  await pool(REQUESTS, async (i) => {
    const res = await timed(action, () =>
      api('POST', `/cases/${ids[i]}/actions`, { action: 'ASSIGN_MEDIATOR', mediatorId: 'bench' }),
    );
    if (res.status !== 200) throw new Error(`action answered ${res.status}`);
  });
  const rssMb =
    Number(
      /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${stack.child.pid}/status`, 'utf8'))?.[1] ?? Number.NaN,
    ) / 1024;

  const results = {
    readyMs: Math.round(readyMs),
    p50CreateMs: percentile(create, 50),
    p99CreateMs: percentile(create, 99),
    p50ReadMs: percentile(read, 50),
    p99ReadMs: percentile(read, 99),
    p50ActionMs: percentile(action, 50),
    p99ActionMs: percentile(action, 99),
    apiRssMb: rssMb,
  };
  console.log(`${REQUESTS} requests of each kind, ${CONCURRENCY} at a time, over loopback`);
  const failures: string[] = [];
  for (const [name, value] of Object.entries(results)) {
    const target = TARGETS[name as keyof typeof TARGETS];
    const verdict =
      target === undefined
        ? ''
        : value <= target
          ? `  (target ≤ ${target}: ok)`
          : `  (target ≤ ${target}: MISSED)`;
    if (target !== undefined && !(value <= target)) failures.push(name);
    console.log(`  ${name.padEnd(12)} ${value.toFixed(1).padStart(8)}${verdict}`);
  }
  process.exitCode = failures.length > 0 ? 1 : 0;
} finally {
  await stack.stop();
}
