import type { RecomputeResult } from '../../domain/reminders/recompute-provisional.ts';
import type { SweepResult } from '../../domain/reminders/sweep.ts';
import { commandLine, usageError } from './cli.ts';
import { LOCAL_SLA_PATH } from './sla-control.ts';

/**
 * `npm run sla` — the reminder sweep on the running local stack (`npm start`), now: as of `--at`, or of
 * the stack's own clock (`GET /_local/clock`, which `POST /_local/clock` moves). A sweep reads at most two
 * weeks of backlog; this runs it again until it has caught up (at most MAX_SWEEPS times) and prints the
 * reminders raised and the clocks expired. `--recompute` first counts provisional deadlines again with the
 * holiday calendar in force (the daily job). `--url` (or PORT) names the stack.
 */
const USAGE = [
  'usage: npm run sla -- [--at 2026-03-20T01:00:00Z] [--recompute] [--url http://127.0.0.1:3000]',
  '  runs the reminder sweep on the running local stack (npm start) until it has caught up',
  "  --at         the instant to sweep as of (default: the stack's clock, GET /_local/clock)",
  '  --recompute  first recompute provisional deadlines with the holiday calendar in force (the daily job)',
  '  --url        the local stack (default http://127.0.0.1:$PORT, or :3000)',
].join('\n');

/** Sweeps per run: each reads up to two weeks of backlog, so about a year and a half. */
const MAX_SWEEPS = 40;

const { values } = commandLine(USAGE, {
  at: { type: 'string' },
  url: { type: 'string' },
  recompute: { type: 'boolean', default: false },
});
if (
  values.at !== undefined &&
  (Number.isNaN(Date.parse(values.at)) || !/^\d{4}-\d{2}-\d{2}T/.test(values.at))
) {
  usageError(USAGE, `--at must be an ISO-8601 instant, not ${values.at}`);
}
const url = (values.url ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/+$/, '');

/** A JSON answer of the stack, or the reason there is none (exit 1). */
async function call<T>(path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(330_000),
    });
  } catch {
    console.error(`no local stack at ${url}: start it with npm start`);
    process.exit(1);
  }
  const answer = (await res.json().catch(() => ({}))) as T & { error?: { message: string } };
  if (!res.ok) {
    console.error(`${path} refused (${res.status}): ${answer.error?.message ?? 'unknown error'}`);
    process.exit(1);
  }
  return answer;
}

if (values.recompute) {
  const r = await call<RecomputeResult>(LOCAL_SLA_PATH, { recompute: true });
  console.log(
    `recomputed provisional deadlines of ${r.years.join(', ') || 'no year'}: ${r.cases} case(s) read, ${r.changed} changed, ${r.failures} failed`,
  );
}

const at = values.at ?? (await call<{ now: string }>('/_local/clock')).now;
let last: SweepResult | undefined;
for (let run = 1; run <= MAX_SWEEPS; run++) {
  const body = await call<SweepResult>(LOCAL_SLA_PATH, { at });
  last = body;
  console.log(`sweep as of ${body.now}: read ${body.read} due clock(s) on ${body.dates.join(', ')}`);
  for (const r of body.raised) {
    console.log(
      `  raised ${r.severity.padEnd(10)} ${r.stage.padEnd(22)} ${r.caseNumber}  ${r.clock} due ${r.dueOn}  post ${r.postId}${r.escalated ? ' (escalated to supervisors)' : ''}`,
    );
  }
  for (const clock of body.expired) console.log(`  expired ${clock}`);
  console.log(
    `raised ${body.raised.length}, expired ${body.expired.length}, published ${body.published}, passed ${body.passed}, failures ${body.failures + body.publishFailures}`,
  );
  // Failures leave the checkpoint where it was: running again now would read the same days again.
  if (body.caughtUp || body.failures > 0) break;
}
if (!last?.caughtUp) {
  console.error(
    last && last.failures > 0
      ? 'some clocks failed (the stack logs why); the next sweep retries them'
      : `not caught up after ${MAX_SWEEPS} sweeps; run npm run sla again`,
  );
  process.exit(1);
}
console.log(`caught up to ${last.dates.at(-1)}`);
