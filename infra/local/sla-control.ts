import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'aws-lambda';
import { SCHEDULED_FUNCTIONS } from '../../functions/catalogue.ts';
import { lambdaContext } from './lambda-context.ts';

/**
 * The local stack's sweep control: `POST /_local/sla {"at": "<ISO instant>"}` runs one reminder sweep
 * (the very handler module the schedule runs) as if it were that instant, and answers with what it did —
 * the reminders it raised (no personal data), the clocks it expired, whether it caught up with its
 * backlog. `POST /_local/sla {"recompute": true}` runs the daily recompute of provisional clocks now,
 * `{"checkpoint": true}` one run of the checkpoint job.
 * `npm run sla` calls it. It exists only here: API Gateway has no such route, and in AWS nothing sets
 * LOCAL_CLOCK_CONTROL, without which the sweep ignores `detail.at`.
 */
export const LOCAL_SLA_PATH = '/_local/sla';

type Scheduled = (event: unknown, context: Context) => Promise<unknown>;
const handlers = new Map<string, Promise<Scheduled>>();

/** The handler module of a scheduled function of the catalogue, imported once. */
function scheduled(name: 'sla-sweep' | 'recompute-provisional' | 'checkpoint'): Promise<Scheduled> {
  const entry = SCHEDULED_FUNCTIONS.find((f) => f.name === name);
  if (!entry) return Promise.reject(new Error(`the catalogue has no ${name}`));
  let loaded = handlers.get(name);
  if (!loaded) {
    loaded = import(new URL(`../../${entry.entry}`, import.meta.url).href).then(
      (mod: { handler: Scheduled }) => mod.handler,
    );
    handlers.set(name, loaded);
  }
  return loaded;
}

const timeoutOf = (name: string) =>
  (SCHEDULED_FUNCTIONS.find((f) => f.name === name)?.timeoutSeconds ?? 300) * 1000;

const send = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
};

const invalid = (message: string) => ({ error: { code: 'VALIDATION_FAILED', message, details: null } });

export async function localSla(req: IncomingMessage, res: ServerResponse, region: string): Promise<void> {
  if (req.method !== 'POST')
    return send(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'POST' } });
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
    if (chunks.reduce((n, c) => n + c.length, 0) > 4096) return send(res, 413, invalid('body too large'));
  }
  let at: unknown;
  let recompute: unknown;
  let checkpoint: unknown;
  try {
    ({ at, recompute, checkpoint } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<
      string,
      unknown
    >);
  } catch {
    at = undefined;
  }
  // `{"checkpoint": true}`: one run of the checkpoint job now (issue 22, domain/audit/run-checkpoint.ts).
  if (checkpoint === true) {
    const handler = await scheduled('checkpoint');
    const result = await handler(
      { version: '0', 'detail-type': 'Scheduled Event', source: 'local.sla', time: new Date().toISOString() },
      lambdaContext('local-checkpoint', timeoutOf('checkpoint'), region),
    );
    return send(res, 200, result);
  }
  if (recompute === true) {
    const handler = await scheduled('recompute-provisional');
    const result = await handler(
      { version: '0', 'detail-type': 'Scheduled Event', source: 'local.sla', time: new Date().toISOString() },
      lambdaContext('local-recompute-provisional', timeoutOf('recompute-provisional'), region),
    );
    return send(res, 200, result);
  }
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || !/^\d{4}-\d{2}-\d{2}T/.test(at)) {
    return send(res, 400, invalid('at: must be an ISO-8601 instant, e.g. 2026-03-20T01:00:00Z'));
  }
  const handler = await scheduled('sla-sweep');
  const result = await handler(
    {
      version: '0',
      'detail-type': 'Scheduled Event',
      source: 'local.sla',
      time: new Date().toISOString(),
      detail: { at },
    },
    lambdaContext('local-sla-sweep', timeoutOf('sla-sweep'), region),
  );
  send(res, 200, result);
}
