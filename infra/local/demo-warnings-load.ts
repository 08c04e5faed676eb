import { addDays, shanghaiDate } from '../../domain/clocks/legal-time.ts';
import { ROUTES } from '../../functions/http/routes.ts';
import { completeSignal, sendSignal } from './bureau.ts';
import {
  type PlannedEmployer,
  type PlannedWarningStep,
  QINGDAO_DISTRICTS,
  warningPlan,
} from './demo-warnings.ts';
import { issueLocalToken } from './dev-auth.ts';

/**
 * Loads the demo's warnings (demo-warnings.ts) into a running local stack over HTTP: the districts are
 * given their posts (`PUT /districts/{code}`), then day by day, with the stack's clock on that day, the
 * simulated bureau sends its signed signals and the posts act on the warnings that followed. The clock is
 * set back to now at the end.
 */
export interface WarningDemoSummary {
  readonly employers: number;
  readonly signals: number;
  readonly steps: number;
  readonly refused: number;
  readonly refusals: readonly string[];
}

export interface WarningDemoOptions {
  /** The bureau's signing secret (the simulated partners' shared first secret). */
  readonly secret: string;
  /** @default today in Shanghai */
  readonly today?: string;
  readonly log?: (line: string) => void;
}

/** Whether this checkout serves the warning routes the demo needs. */
export const warningRoutesServed = () =>
  ROUTES.some((r) => r.method === 'POST' && r.path === '/warnings/{warningId}/actions');

const DAY_MS = 24 * 60 * 60 * 1000;

export async function loadDemoWarnings(
  url: string,
  options: WarningDemoOptions,
): Promise<WarningDemoSummary> {
  const { secret, today = shanghaiDate(new Date()), log = () => undefined } = options;
  const plan = warningPlan(today);
  const tokens = new Map<string, string>();
  const tokenOf = async (role: 'admin' | PlannedWarningStep['role'], postId: string) => {
    const key = `${role}@${postId}`;
    let token = tokens.get(key);
    if (!token) {
      token = await issueLocalToken({ sub: `demo.${key}`, role, postId }, '1h');
      tokens.set(key, token);
    }
    return token;
  };
  let refused = 0;
  const refusals: string[] = [];
  const refuse = (what: string, status: number, body: unknown) => {
    refused++;
    if (refusals.length < 5) refusals.push(`${what} ${status} ${JSON.stringify(body).slice(0, 200)}`);
  };
  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: res.status,
      body: (await res.json().catch(() => null)) as Record<string, unknown> | null,
    };
  };
  const setClock = async (day: string) => {
    const offsetDays = (Date.parse(`${day}T02:00:00Z`) - Date.now()) / DAY_MS;
    const res = await fetch(`${url}/_local/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ offsetDays }),
    });
    if (!res.ok) throw new Error(`cannot move the local clock to ${day}: ${res.status}`);
  };
  /** The employer's open warning, once its signals have raised one (read as an admin). */
  const openWarning = async (e: PlannedEmployer): Promise<string | null> => {
    const admin = await tokenOf('admin', 'QD-HQ');
    for (let attempt = 0; attempt < 20; attempt++) {
      const risk = await call('GET', `/employers/${e.creditCode}/risk`, admin);
      const id = risk.body?.openWarningId;
      if (typeof id === 'string') return id;
      await new Promise((r) => setTimeout(r, 250));
    }
    return null;
  };

  const admin = await tokenOf('admin', 'QD-HQ');
  for (const { district, name, postId } of QINGDAO_DISTRICTS) {
    const res = await call('PUT', `/districts/${district}`, admin, { postId, name });
    if (res.status >= 300) refuse(`PUT /districts/${district}`, res.status, res.body);
  }

  type Work = { e: PlannedEmployer } & (
    | { kind: 'signal'; draft: PlannedEmployer['signals'][number]['draft'] }
    | { kind: 'step'; step: PlannedWarningStep }
  );
  const days = new Map<number, Work[]>();
  const on = (daysAgo: number, work: Work) => days.set(daysAgo, [...(days.get(daysAgo) ?? []), work]);
  for (const e of plan) {
    for (const s of e.signals) on(s.daysAgo, { e, kind: 'signal', draft: s.draft });
    for (const step of e.steps) on(step.daysAgo, { e, kind: 'step', step });
  }
  let signals = 0;
  let steps = 0;
  const abandoned = new Set<PlannedEmployer>();
  const warningIds = new Map<PlannedEmployer, string>();
  try {
    for (const daysAgo of [...days.keys()].sort((a, b) => b - a)) {
      const day = addDays(today, -daysAgo);
      await setClock(day);
      // Signals before steps: a day's step acts on the warning the day's signals raised.
      const work = (days.get(daysAgo) ?? []).sort((a, b) =>
        a.kind === b.kind ? 0 : a.kind === 'signal' ? -1 : 1,
      );
      for (const w of work) {
        if (w.kind === 'signal') {
          const sent = await sendSignal({ apiUrl: url, secret, signal: completeSignal(w.draft, day) });
          if (sent.status >= 300) refuse(`signal ${w.draft.indicator}`, sent.status, sent.body);
          else signals++;
          continue;
        }
        if (abandoned.has(w.e)) continue;
        // Found while open and kept: once disposed it is no longer the employer's open warning.
        const warningId = warningIds.get(w.e) ?? (await openWarning(w.e));
        if (warningId) warningIds.set(w.e, warningId);
        const token = await tokenOf(w.step.role, w.e.postId);
        const res = warningId
          ? await call('POST', `/warnings/${warningId}/actions`, token, w.step.body)
          : { status: 404, body: { error: `no open warning at ${w.e.creditCode}` } };
        if (res.status >= 300) {
          // A step refused (the plan and the rules disagree) ends the warning's story there.
          abandoned.add(w.e);
          refuse(`${String(w.step.body.action)} ${w.e.employerName}`, res.status, res.body);
        } else steps++;
      }
    }
  } finally {
    await fetch(`${url}/_local/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ offsetDays: 0 }),
    }).catch(() => undefined);
  }
  log(`  demo: ${signals} bureau signals at ${plan.length} employers, ${steps} steps on their warnings`);
  return { employers: plan.length, signals, steps, refused, refusals };
}
