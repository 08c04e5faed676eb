import { readFileSync } from 'node:fs';
import { intake } from '../support/fixtures.ts';
import { apiClient, launchLocalStack, tokenFor } from '../support/local-stack.ts';

/**
 * `npm run bench` — starts the local stack as `npm start` does, drives a bounded load over loopback and
 * checks the targets below. Numbers are local (DynamoDB Local on the JVM, one Node process), not Lambda's.
 */
const TARGETS = {
  readyMs: 15_000,
  p99CreateMs: 250,
  p99ReadMs: 100,
  p99ActionMs: 250,
  p99ReferralMs: 1000,
  p99TransferMs: 1000,
  p99BurstReferralMs: 10_000,
  apiRssMb: 500,
};
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
/**
 * Handoffs: latency is the handoff's requestedAt → deliveredAt (the receipt recorded), both stamped by
 * the one local process. One at a time first (the pipeline's own latency), then a burst (queueing).
 */
const HANDOFFS = Number(process.env.BENCH_HANDOFFS ?? 100);
const BURST = Number(process.env.BENCH_BURST ?? 200);
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

  // Handoffs end to end: the action's transaction → stream → relay → FIFO queue → consumer → partner
  // webhook (arbitration) or the receiving post's takeover (transfer) → the receipt recorded.
  const refer = async () => {
    const c = await api('POST', '/cases', intake());
    await api('POST', `/cases/${c.body.caseId}/actions`, { action: 'FAIL_MEDIATION', reason: 'bench' });
    const res = await api('POST', `/cases/${c.body.caseId}/actions`, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: 'qd-arbitration',
    });
    if (res.status !== 200) throw new Error(`referral answered ${res.status}`);
    return c.body.caseId as string;
  };
  const transferOut = async () => {
    const c = await api('POST', '/cases', intake());
    const res = await api('POST', `/cases/${c.body.caseId}/actions`, {
      action: 'TRANSFER_TO_POST',
      toPostId: 'QD-BENCH-02',
      reason: 'bench',
    });
    if (res.status !== 200) throw new Error(`transfer answered ${res.status}`);
    return c.body.caseId as string;
  };
  const latencyOf = async (caseId: string) => {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const [h] = (await api('GET', `/cases/${caseId}/handoffs`)).body.items as {
        status: string;
        requestedAt: string;
        deliveredAt: string | null;
      }[];
      if (h?.status === 'DELIVERED' && h.deliveredAt)
        return Date.parse(h.deliveredAt) - Date.parse(h.requestedAt);
      if (Date.now() > deadline) throw new Error(`handoff of ${caseId} not delivered: ${h?.status}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const referral: number[] = [];
  const transfer: number[] = [];
  for (let i = 0; i < HANDOFFS; i++) {
    referral.push(await latencyOf(await refer()));
    transfer.push(await latencyOf(await transferOut()));
  }
  const burstCases: string[] = [];
  await pool(BURST, async () => {
    burstCases.push(await refer());
  });
  const burst: number[] = [];
  for (const caseId of burstCases) burst.push(await latencyOf(caseId));

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
    p50ReferralMs: percentile(referral, 50),
    p99ReferralMs: percentile(referral, 99),
    p50TransferMs: percentile(transfer, 50),
    p99TransferMs: percentile(transfer, 99),
    p50BurstReferralMs: percentile(burst, 50),
    p99BurstReferralMs: percentile(burst, 99),
    apiRssMb: rssMb,
  };
  console.log(`${REQUESTS} requests of each kind, ${CONCURRENCY} at a time, over loopback`);
  console.log(
    `handoffs, requestedAt → deliveredAt: ${HANDOFFS} referrals to arbitration and ${HANDOFFS} transfers ` +
      `one at a time, then a burst of ${BURST} referrals ${CONCURRENCY} at a time`,
  );
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
    console.log(`  ${name.padEnd(18)} ${value.toFixed(1).padStart(8)}${verdict}`);
  }
  process.exitCode = failures.length > 0 ? 1 : 0;
} finally {
  await stack.stop();
}
