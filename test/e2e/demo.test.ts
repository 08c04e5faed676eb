import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../domain/clocks/legal-time.ts';
import { type DemoSummary, loadDemo } from '../../infra/local/demo.ts';
import { LOCAL_POSTS } from '../../infra/local/seed.ts';
import { apiClient, launchLocalStack, type RunningStack, tokenFor } from '../support/local-stack.ts';

/**
 * The demo loader over HTTP (`npm start -- --demo` loads a year; a week here): every planned step is
 * accepted, the cases fall on their own business dates, GET /stats counts them all, and the stack's clock
 * is back at now.
 */
let stack: RunningStack;
let summary: DemoSummary;
const today = shanghaiDate(new Date());

beforeAll(async () => {
  stack = await launchLocalStack();
  summary = await loadDemo(stack.url, { days: 7 });
}, 90_000);
afterAll(async () => {
  await stack?.stop();
});

describe('npm start -- --demo', () => {
  it('files the planned cases and consultations with every step accepted, on the days they fall on', async () => {
    expect(summary.refusals).toEqual([]);
    expect(summary.cases).toBeGreaterThan(0);
    expect(summary.consultations).not.toBe('unavailable');
    const received = new Set<string>();
    for (const { postId } of LOCAL_POSTS) {
      const cases = await apiClient(stack.url, await tokenFor('supervisor', postId))(
        'GET',
        '/cases?limit=100',
      );
      expect(cases.status).toBe(200);
      for (const c of cases.body.items as { createdAt: string }[]) received.add(shanghaiDate(c.createdAt));
    }
    // Filed as of their own days (the clock walked there), not all today.
    expect(
      [...received].filter((d) => !(d < today)),
      [...received].join(),
    ).toEqual([]);
    expect(received.size).toBeGreaterThan(1);
  });

  it('GET /stats counts every case it filed, and the clock is back at now', async () => {
    const admin = apiClient(stack.url, await tokenFor('admin', 'QD-HQ'));
    const from = shanghaiDate(new Date(Date.now() - 8 * 86_400_000)).slice(0, 7);
    const stats = await admin('GET', `/stats?from=${from}&to=${today.slice(0, 7)}&groupBy=post`);
    expect(stats.status).toBe(200);
    expect(stats.body.totals.received).toBe(summary.cases);
    const clock = await (await fetch(`${stack.url}/_local/clock`)).json();
    expect(clock.offsetMs).toBe(0);
  });
});
