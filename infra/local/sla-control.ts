import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'aws-lambda';
import { SCHEDULED_FUNCTIONS } from '../../functions/catalogue.ts';
import { lambdaContext } from './lambda-context.ts';

/**
 * The local stack's sweep control: `POST /_local/sla {"at": "<ISO instant>"}` runs one reminder sweep
 * (the very handler module the schedule runs) as if it were that instant, and answers with what it did —
 * the reminders it raised (no personal data), the clocks it expired. `npm run sla -- --at …` calls it. It
 * exists only here: API Gateway has no such route, and in AWS nothing sets LOCAL_CLOCK_CONTROL, without
 * which the handler ignores `detail.at`.
 */
export const LOCAL_SLA_PATH = '/_local/sla';

type Sweep = (event: unknown, context: Context) => Promise<unknown>;
let sweepHandler: Promise<Sweep> | undefined;

const entry = SCHEDULED_FUNCTIONS.find((f) => f.name === 'sla-sweep');

function loadSweep(): Promise<Sweep> {
  if (!entry) return Promise.reject(new Error('the catalogue has no sla-sweep'));
  sweepHandler ??= import(new URL(`../../${entry.entry}`, import.meta.url).href).then(
    (mod: { handler: Sweep }) => mod.handler,
  );
  return sweepHandler;
}

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
  try {
    at = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { at?: unknown }).at;
  } catch {
    at = undefined;
  }
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || !/^\d{4}-\d{2}-\d{2}T/.test(at)) {
    return send(res, 400, invalid('at: must be an ISO-8601 instant, e.g. 2026-03-20T01:00:00Z'));
  }
  const handler = await loadSweep();
  const result = await handler(
    {
      version: '0',
      'detail-type': 'Scheduled Event',
      source: 'local.sla',
      time: new Date().toISOString(),
      detail: { at },
    },
    lambdaContext('local-sla-sweep', (entry?.timeoutSeconds ?? 300) * 1000, region),
  );
  send(res, 200, result);
}
