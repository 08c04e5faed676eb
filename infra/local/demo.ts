import { shanghaiDate } from '../../domain/clocks/legal-time.ts';
import { ROUTES } from '../../functions/http/routes.ts';
import { type PlannedCase, planYear } from './demo-plan.ts';
import { loadDemoWarnings, type WarningDemoSummary, warningRoutesServed } from './demo-warnings-load.ts';
import { issueLocalToken } from './dev-auth.ts';

/**
 * Loads the demo year into a running local stack, over HTTP like any client: for each day of the plan
 * (demo-plan.ts) the stack's clock is moved to that day (POST /_local/clock), and the day's cases are filed,
 * acted on and its consultations recorded by the posts' mediators. The figures then fall on the business
 * dates they would have, not on today; the clock is set back to now at the end.
 */
export interface DemoSummary {
  readonly cases: number;
  readonly actions: number;
  readonly consultations: number | 'unavailable';
  readonly refused: number;
  /** The first few refusals, for a person to see why (the plan and the rules disagreed). */
  readonly refusals: readonly string[];
  /** The bureau's signals and the warnings they raised (demo-warnings.ts), when the stack serves them. */
  readonly warnings: WarningDemoSummary | 'unavailable';
  readonly ms: number;
}

/** Cases handled at once within a day; DynamoDB Local is the limit, not the gateway. */
const PARALLEL = 12;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface DemoOptions {
  readonly log?: (line: string) => void;
  /** @default today in Shanghai */
  readonly today?: string;
  /** How many days before today to load. @default 364 */
  readonly days?: number;
  /** The simulated partners' shared secret: the bureau signs the demo's monitoring signals with it. */
  readonly bureauSecret?: string;
}

export async function loadDemo(url: string, options: DemoOptions = {}): Promise<DemoSummary> {
  const { log = () => undefined, today = shanghaiDate(new Date()), days: span } = options;
  const started = performance.now();
  const plan = planYear(today, span === undefined ? {} : { days: span });
  const consultationsRoute = ROUTES.some((r) => r.method === 'POST' && r.path === '/consultations');
  const tokens = new Map<string, string>();
  const tokenOf = async (postId: string) => {
    let token = tokens.get(postId);
    if (!token) {
      token = await issueLocalToken({ sub: `demo.mediator@${postId}`, role: 'mediator', postId }, '12h');
      tokens.set(postId, token);
    }
    return token;
  };
  let refused = 0;
  let actions = 0;
  let filed = 0;
  let consultations = 0;
  const refusals: string[] = [];
  const post = async (postId: string, path: string, body: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenOf(postId)}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await res.json().catch(() => null)) as {
      caseId?: string;
      error?: { message?: string };
    } | null;
    if (!res.ok) {
      refused += 1;
      if (refusals.length < 5) refusals.push(`${path} ${res.status} ${answer?.error?.message ?? ''}`);
    }
    return res.ok ? answer : null;
  };
  const setClock = async (day: string) => {
    // Ten in the morning in Shanghai, when a post is open.
    const offsetDays = (Date.parse(`${day}T02:00:00Z`) - Date.now()) / DAY_MS;
    const res = await fetch(`${url}/_local/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ offsetDays }),
    });
    if (!res.ok) throw new Error(`cannot move the local clock to ${day}: ${res.status}`);
  };

  // Every day anything happens, and what happens on it: filings first, then each case's steps in order.
  type Work = { kind: 'file'; c: PlannedCase } | { kind: 'step'; c: PlannedCase; index: number };
  const days = new Map<string, Work[]>();
  const on = (day: string, work: Work) => days.set(day, [...(days.get(day) ?? []), work]);
  for (const c of plan.cases) {
    on(c.receivedOn, { kind: 'file', c });
    c.steps.forEach((step, index) => {
      on(step.day, { kind: 'step', c, index });
    });
  }
  if (consultationsRoute) for (const k of plan.consultations) days.set(k.day, days.get(k.day) ?? []);
  const caseIds = new Map<PlannedCase, string | null>();

  let month = '';
  try {
    for (const day of [...days.keys()].sort()) {
      if (day.slice(0, 7) !== month) {
        month = day.slice(0, 7);
        log(`  demo: ${month}`);
      }
      await setClock(day);
      // One chain per case: a case's steps of the day in order, cases side by side.
      const chains = new Map<PlannedCase, Work[]>();
      for (const work of days.get(day) ?? []) chains.set(work.c, [...(chains.get(work.c) ?? []), work]);
      const queue = [...chains.values()];
      const run = async () => {
        for (let chain = queue.shift(); chain; chain = queue.shift()) {
          for (const work of chain) {
            if (work.kind === 'file') {
              const opened = await post(work.c.postId, '/cases', work.c.intake);
              caseIds.set(work.c, opened?.caseId ?? null);
              if (opened) filed += 1;
              continue;
            }
            const caseId = caseIds.get(work.c);
            const step = work.c.steps[work.index];
            if (!caseId || !step) continue;
            // A step refused (the plan and the rules disagree) ends the case's story there.
            if (!(await post(work.c.postId, `/cases/${caseId}/actions`, step.body)))
              caseIds.set(work.c, null);
            else actions += 1;
          }
        }
      };
      const consulted = consultationsRoute ? plan.consultations.filter((x) => x.day === day) : [];
      const record = async () => {
        for (let k = consulted.shift(); k; k = consulted.shift()) {
          if (await post(k.postId, '/consultations', k.body)) consultations += 1;
        }
      };
      await Promise.all([...Array.from({ length: PARALLEL }, run), record(), record(), record()]);
    }
  } finally {
    await fetch(`${url}/_local/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ offsetDays: 0 }),
    }).catch(() => undefined);
  }
  if (ROUTES.some((r) => r.method === 'GET' && r.path === '/stats')) {
    await counted(url, plan.cases[0]?.receivedOn ?? today, today, filed, log);
  }
  const warnings =
    options.bureauSecret && warningRoutesServed()
      ? await loadDemoWarnings(url, { secret: options.bureauSecret, today, log })
      : 'unavailable';
  return {
    cases: filed,
    actions,
    consultations: consultationsRoute ? consultations : 'unavailable',
    refused,
    refusals,
    warnings,
    ms: Math.round(performance.now() - started),
  };
}

/**
 * Waits until GET /stats counts every case filed: the figures come from the stream consumer, which may
 * trail the writes, and the dashboard should not be opened on a half-counted year. Gives up after 10 min.
 */
async function counted(
  url: string,
  first: string,
  today: string,
  filed: number,
  log: (line: string) => void,
) {
  const token = await issueLocalToken({ sub: 'demo.admin', role: 'admin', postId: 'QD-HQ' }, '1h');
  const query = new URLSearchParams({ from: first.slice(0, 7), to: today.slice(0, 7), groupBy: 'month' });
  const deadline = Date.now() + 10 * 60_000;
  let last = -1;
  while (Date.now() < deadline) {
    const res = await fetch(`${url}/stats?${query}`, { headers: { authorization: `Bearer ${token}` } });
    const received = res.ok ? ((await res.json()) as { totals: { received: number } }).totals.received : -1;
    if (received >= filed) return;
    if (received !== last) log(`  demo: ${received} of ${filed} cases counted so far`);
    last = received;
    await new Promise((r) => setTimeout(r, 5000));
  }
  log('  demo: the figures are still being counted; the dashboard fills in as they are');
}
