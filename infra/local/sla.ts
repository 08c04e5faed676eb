import { parseArgs } from 'node:util';
import type { SweepResult } from '../../domain/reminders/sweep.ts';
import { LOCAL_SLA_PATH } from './sla-control.ts';

/**
 * `npm run sla -- --at <ISO instant>` — one reminder sweep on the running local stack (`npm start`) as if
 * it were that instant; prints the reminders it raised and the clocks it expired. `--url` (or PORT) names
 * the stack (default http://127.0.0.1:3000).
 */
const { values } = parseArgs({ options: { at: { type: 'string' }, url: { type: 'string' } } });
if (!values.at || Number.isNaN(Date.parse(values.at))) {
  console.error('usage: npm run sla -- --at 2026-03-20T01:00:00Z [--url http://127.0.0.1:3000]');
  process.exit(2);
}
const url = values.url ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
let res: Response;
try {
  res = await fetch(`${url}${LOCAL_SLA_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ at: values.at }),
  });
} catch {
  console.error(`no local stack at ${url}: start it with npm start`);
  process.exit(1);
}
const body = (await res.json()) as SweepResult & { error?: { message: string } };
if (!res.ok) {
  console.error(`sweep refused (${res.status}): ${body.error?.message ?? 'unknown error'}`);
  process.exit(1);
}
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
