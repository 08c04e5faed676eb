import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Webhook } from 'standardwebhooks';
import { isOpeningEvent, PARTNER_EVENT_TYPES } from '../../domain/callbacks/events.ts';
import { shanghaiDate } from '../../domain/clocks/legal-time.ts';
import { completeSignal, SIGNAL_TYPE, type SignalDraft } from './bureau.ts';

/**
 * `npm run partner -- <partnerId> <type> --case <id> [--handoff <id>] [--data JSON] [--url URL]
 * [--secret whsec_…] [--webhook-id ID]` — one decision of a court or arbitration institute, signed as the
 * partner would (Standard Webhooks) and sent to the local stack's `POST /partners/{partnerId}/callbacks`.
 * The secret is `--secret` or LOCAL_PARTNER_SECRET (`npm start` prints which). Prints the HTTP status and
 * the JSON answer; exits 0 on 2xx, 1 on any other answer or no answer, 2 on bad usage.
 *
 * The bureau's signals the same way: `npm run partner -- qd-hrss-bureau monitoring.signal --data
 * '{"creditCode":"…","indicator":"SOCIAL_INSURANCE_ARREARS","value":2,"unit":"MONTHS"}'` — observed today,
 * over the month before, with a reference of the bureau's, unless `--data` says otherwise (bureau.ts).
 */

const USAGE = [
  'usage: npm run partner -- <partnerId> <type> --case <id> [--handoff <id>] [--data JSON]',
  '                          [--url http://127.0.0.1:3000] [--secret whsec_…] [--webhook-id ID]',
  `  types: ${[...PARTNER_EVENT_TYPES, SIGNAL_TYPE].join(', ')}`,
  '  opening types need no --case: --data carries the parties, postId, reference and receivedOn',
  `  ${SIGNAL_TYPE} (the bureau, qd-hrss-bureau) needs no --case: --data carries creditCode, indicator,`,
  '    value and unit; period, observedOn and reference default to the month to today and a new number',
  '  the secret is --secret or LOCAL_PARTNER_SECRET',
].join('\n');

function usage(problem: string): never {
  console.error(`${problem}\n${USAGE}`);
  process.exit(2);
}

function readArgs() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        case: { type: 'string' },
        handoff: { type: 'string' },
        data: { type: 'string' },
        url: { type: 'string' },
        secret: { type: 'string' },
        'webhook-id': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return usage((error as Error).message);
  }
}

const { values, positionals } = readArgs();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const [partnerId, type, ...extra] = positionals;
if (!partnerId || !type) usage('a partner id and an event type are required');
if (extra.length > 0) usage(`unexpected argument ${extra[0]}`);
const signal = type === SIGNAL_TYPE;
if (!signal && !PARTNER_EVENT_TYPES.includes(type)) usage(`unknown event type ${type}`);
if (!signal && !isOpeningEvent(type) && !values.case) usage(`--case is required for ${type}`);

let data: unknown = {};
if (values.data !== undefined) {
  try {
    data = JSON.parse(values.data);
  } catch {
    usage('--data must be JSON');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) usage('--data must be a JSON object');
}

const secret = values.secret ?? process.env.LOCAL_PARTNER_SECRET;
if (!secret) usage('no secret: pass --secret whsec_… or set LOCAL_PARTNER_SECRET');
if (!secret.startsWith('whsec_')) usage('the secret must start with whsec_');

const base = (values.url ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/+$/, '');
const body = JSON.stringify({
  type,
  ...(values.case ? { caseId: values.case } : {}),
  ...(values.handoff ? { handoffId: values.handoff } : {}),
  // The API checks the signal (a 400 names what is wrong); here only the bureau's defaults are added.
  data: signal ? completeSignal(data as SignalDraft, shanghaiDate(new Date())) : data,
});
const webhookId = values['webhook-id'] ?? `msg_${randomUUID()}`;
let signature: string;
// One instant for the header and the signed content (read twice, a second boundary between them breaks it).
const signedAt = new Date();
try {
  signature = new Webhook(secret).sign(webhookId, signedAt, body);
} catch (error) {
  usage(`the secret is not usable: ${(error as Error).message}`);
}

const target = `${base}/partners/${encodeURIComponent(partnerId)}/callbacks`;
let res: Response;
try {
  res = await fetch(target, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': webhookId,
      'webhook-timestamp': String(Math.floor(signedAt.getTime() / 1000)),
      'webhook-signature': signature,
    },
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(30_000),
  });
} catch (error) {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const why = cause?.code ?? cause?.message ?? (error as Error).message;
  console.error(`no answer from ${target}: ${why} (is npm start running?)`);
  process.exit(1);
}
const text = await res.text();
let shown = text;
try {
  shown = JSON.stringify(JSON.parse(text), null, 2);
} catch {
  // not JSON: shown as it came
}
console.log(`HTTP ${res.status} (webhook-id ${webhookId})`);
if (shown) console.log(shown);
process.exit(res.ok ? 0 : 1);
