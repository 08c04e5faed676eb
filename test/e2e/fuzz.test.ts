import { randomUUID } from 'node:crypto';
import { Agent, type IncomingHttpHeaders, type OutgoingHttpHeaders, request } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../domain/clocks/legal-time.ts';
import { ROUTES, routeKey } from '../../functions/http/routes.ts';
import { issueLocalToken } from '../../infra/local/dev-auth.ts';
import { agreement, intake, OTHER_POST, POST } from '../support/fixtures.ts';
import {
  AUTH_LABELS,
  anyRequestArb,
  BODY_KINDS,
  CALLBACK_ROUTE,
  DOCUMENT_ROUTES,
  type FuzzRequest,
  type FuzzWorld,
  KEY_SHAPE_LIST,
  ROUTE_KEYS,
  routeArb,
  SIGNING_MODES,
} from '../support/fuzz/requests.ts';
import { apiClient, launchLocalStack, type RunningStack, tokenFor } from '../support/local-stack.ts';
import { TEST_PARTNER_SECRET } from '../support/partner-callbacks.ts';

/**
 * A bounded fuzz of the HTTP edge on the local stack (`npm start`), over HTTP: generated requests to every
 * route, as every role and as callers with no, a garbage, an expired or a wrongly-claimed token, with and
 * without Idempotency-Key; partner callbacks unsigned, wrongly signed and correctly signed (with the
 * simulated partners' secret, LOCAL_PARTNER_SECRET) over every kind of body. Whatever the input, the API
 * must never answer 5xx, every 4xx must be the JSON error shape and every 2xx JSON (the reference page: a
 * typed document). All requests are sent (4 at a time) and every violation is collected;
 * violations are grouped by kind, route and the server-side cause from the stack's log, each group's
 * smallest request is minimised by re-sending it without one part at a time, and the assertion shows it
 * (method, path, headers, body cut at 300 characters, a curl line) with the answer it got.
 *
 * FUZZ_SEED picks another seed, FUZZ_RUNS another number of random requests (on top of the coverage matrix).
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_301);
const RANDOM_RUNS = Number(process.env.FUZZ_RUNS ?? 2_000);
const CONCURRENCY = 4;
const REQUEST_TIMEOUT_MS = 20_000;

let stack: RunningStack;
let world: FuzzWorld;

beforeAll(async () => {
  // Manual partners: they take handoffs and decide nothing, so the cases wait where the world put them.
  stack = await launchLocalStack(['--port', '0', '--partners=manual'], {
    LOCAL_PARTNER_SECRET: TEST_PARTNER_SECRET,
  });
  world = await buildWorld(stack.url);
}, 150_000);

afterAll(async () => {
  await stack?.stop();
});

/** Tokens for every caller the fuzz plays, and real cases, handoffs and cursors to aim at. */
async function buildWorld(url: string): Promise<FuzzWorld> {
  const mediator = await tokenFor('mediator', POST);
  const valid = await tokenFor('admin', 'QD-HQ');
  const bearer = (t: string) => `Bearer ${t}`;
  const auth: FuzzWorld['auth'] = {
    mediator: [bearer(mediator)],
    supervisor: [bearer(await tokenFor('supervisor', POST))],
    admin: [bearer(valid)],
    outsider: [bearer(await tokenFor('mediator', OTHER_POST))],
    none: [undefined],
    garbage: [
      'Bearer garbage',
      'Bearer e30.e30.forged',
      `Bearer ${valid.slice(0, -2)}xx`,
      `Bearer ${valid}.${valid}`,
      'Basic dXNlcjpwYXNz',
      'Bearer',
      'Bearer ',
      '',
      valid,
      Buffer.from('Bearer 令牌', 'utf8').toString('latin1'),
      `Bearer ${'a'.repeat(4000)}`,
    ],
    'wrong-role': await Promise.all(
      ['system', 'court', 'arbitration', 'Admin', 'root', ''].map(async (role) =>
        bearer(await issueLocalToken({ sub: `fuzz-${role}`, role, postId: POST })),
      ),
    ),
    'wrong-post': await Promise.all(
      ['qd-sn-01', '', 'QD SN 01', 'X'.repeat(200), '中文'].map(async (postId) =>
        bearer(await issueLocalToken({ sub: 'fuzz-post', role: 'mediator', postId })),
      ),
    ),
    expired: [bearer(await issueLocalToken({ sub: 'fuzz-expired', role: 'admin', postId: 'QD-HQ' }, '0s'))],
    'empty-sub': [bearer(await issueLocalToken({ sub: '', role: 'admin', postId: 'QD-HQ' }))],
  };

  const api = apiClient(url, mediator);
  const outsider = apiClient(url, await tokenFor('mediator', OTHER_POST));
  const ok = (what: string, res: { status: number; body: unknown }, status = 200) => {
    if (res.status !== status)
      throw new Error(`fuzz setup: ${what} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record<string, unknown>;
  };
  const file = async (overrides: Record<string, unknown> = {}) =>
    ok('file a case', await api('POST', '/cases', intake(overrides)), 201).caseId as string;
  const act = async (caseId: string, body: Record<string, unknown>) =>
    ok(`${body.action} on ${caseId}`, await api('POST', `/cases/${caseId}/actions`, body));

  const filed = await file();
  const mediating = await file();
  await act(mediating, { action: 'ASSIGN_MEDIATOR', mediatorId: 'mediator-li' });
  await act(mediating, { action: 'RECORD_SESSION', heldAt: new Date().toISOString(), notes: 'Held.' });
  const settled = await file();
  await act(settled, { action: 'ASSIGN_MEDIATOR', mediatorId: 'mediator-li' });
  await act(settled, { action: 'RECORD_SESSION', heldAt: new Date().toISOString(), notes: 'Held.' });
  await act(settled, {
    action: 'SIGN_AGREEMENT',
    ...agreement({ amountFen: 100, performBy: '2099-01-01', effectiveOn: shanghaiDate(new Date()) }),
  });
  const failed = await file();
  await act(failed, { action: 'FAIL_MEDIATION', reason: 'No deal.' });
  // Handoffs waiting at their receivers: one to another post, one to the institute, one to the court.
  const transferred = await file();
  const transferHandoff = (
    await act(transferred, { action: 'TRANSFER_TO_POST', toPostId: OTHER_POST, reason: 'The worker moved.' })
  ).lastHandoff as { handoffId: string };
  const referred = await file();
  await act(referred, { action: 'FAIL_MEDIATION', reason: 'No deal.' });
  const referredHandoff = (
    await act(referred, { action: 'REFER_TO_ARBITRATION', arbitrationId: 'qd-arbitration' })
  ).lastHandoff as { handoffId: string };
  const confirming = await file();
  await act(confirming, { action: 'ASSIGN_MEDIATOR', mediatorId: 'mediator-li' });
  await act(confirming, { action: 'RECORD_SESSION', heldAt: new Date().toISOString(), notes: 'Held.' });
  await act(confirming, {
    action: 'SIGN_AGREEMENT',
    ...agreement({ amountFen: 100, performBy: '2099-01-01', effectiveOn: shanghaiDate(new Date()) }),
  });
  await act(confirming, { action: 'REQUEST_JUDICIAL_CONFIRMATION', courtId: 'qd-shinan-court' });
  const delegated = await file({ origin: 'COURT_DELEGATED' });
  const foreign = ok('file a case', await outsider('POST', '/cases', intake()), 201).caseId as string;
  const consult = async () =>
    ok(
      'record a consultation',
      await api('POST', '/consultations', {
        channel: 'WALK_IN',
        categories: ['WAGE_ARREARS'],
        newEmploymentForm: false,
        advice: 'Mediation first.',
      }),
      201,
    ).consultationId as string;
  const advised = await consult();
  const opened = await consult();
  const { claims, summary, workers, employer } = intake();
  const opening = { claims, summary, workers, employer };
  ok('open a case', await api('POST', `/consultations/${opened}/case`, opening), 201);

  const cursors = [
    ok('list', await api('GET', '/cases?limit=1')).nextCursor,
    ok('list filed', await api('GET', '/cases?status=FILED&limit=1')).nextCursor,
    ok('history', await api('GET', `/cases/${settled}/history?limit=1`)).nextCursor,
    ok('posts', await api('GET', '/posts?limit=1')).nextCursor,
  ].filter((c): c is string => typeof c === 'string');
  const posts = (ok('posts', await api('GET', '/posts?limit=100')).items as { postId: string }[]).map(
    (p) => p.postId,
  );
  const partners = (ok('partners', await api('GET', '/partners')).items as { kind: string; id: string }[])
    .sort((a, b) => b.kind.localeCompare(a.kind))
    .map((p) => p.id);
  if (partners.length === 0) throw new Error('fuzz setup: the local stack registers no partners');

  return {
    auth,
    cases: [filed, mediating, settled, failed, transferred, referred, confirming, delegated],
    foreignCase: foreign,
    handoffs: [referredHandoff.handoffId, transferHandoff.handoffId],
    cursors,
    now: new Date().toISOString(),
    partners,
    partnerSecret: TEST_PARTNER_SECRET,
    partnerCases: [referred, confirming],
    posts,
    consultations: [advised, opened],
  };
}

// -------------------------------------------------------------------------------------------------------
// Sending

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Set when no HTTP answer came back (reset, timeout). */
  readonly error?: string;
}

function sendOnce(base: URL, agent: Agent, r: FuzzRequest): Promise<Answer & { reused?: boolean }> {
  return new Promise((resolve) => {
    let reused = false;
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        method: r.method,
        path: r.path,
        // Node's client frames no body of a GET on its own (no Content-Length, no chunking): say its length.
        headers: {
          ...(r.headers as OutgoingHttpHeaders),
          ...(r.body ? { 'content-length': String(r.body.length) } : {}),
        },
        agent,
        timeout: REQUEST_TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', (e) => resolve({ status: 0, headers: {}, body: '', error: e.message, reused }));
      },
    );
    req.on('socket', () => {
      reused = req.reusedSocket;
    });
    req.on('timeout', () => req.destroy(new Error(`no answer in ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', (e) => resolve({ status: 0, headers: {}, body: '', error: e.message, reused }));
    req.end(r.body);
  });
}

/** One request; a keep-alive socket the server had just closed is retried once on a fresh one. */
async function send(base: URL, agent: Agent, r: FuzzRequest): Promise<Answer> {
  const first = await sendOnce(base, agent, r);
  if (first.error && first.reused && /ECONNRESET|socket hang up/.test(first.error))
    return sendOnce(base, agent, r);
  return first;
}

async function inPool<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: size }, worker));
  return out;
}

// -------------------------------------------------------------------------------------------------------
// Checking

type ViolationKind = '5xx' | '4xx-not-error-shape' | '2xx-not-json' | 'unexpected-status' | 'no-answer';

interface Violation {
  readonly kind: ViolationKind;
  readonly why: string;
  readonly request: FuzzRequest;
  readonly answer: Answer;
}

const isJsonType = (type: string | undefined) =>
  /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type ?? '');

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function check(r: FuzzRequest, a: Answer): Violation | null {
  const v = (kind: ViolationKind, why: string): Violation => ({ kind, why, request: r, answer: a });
  if (a.error !== undefined) return v('no-answer', a.error);
  if (a.status >= 500) return v('5xx', `status ${a.status}`);
  if (a.status >= 400) {
    if (!isJsonType(a.headers['content-type']))
      return v('4xx-not-error-shape', `content-type ${a.headers['content-type']}`);
    const parsed = parseJson(a.body);
    if (!parsed.ok) return v('4xx-not-error-shape', 'body is not JSON');
    const error = (parsed.value as { error?: unknown } | null)?.error as Record<string, unknown> | undefined;
    if (typeof error !== 'object' || error === null) return v('4xx-not-error-shape', 'no error object');
    if (typeof error.code !== 'string') return v('4xx-not-error-shape', 'error.code is not a string');
    if (typeof error.message !== 'string') return v('4xx-not-error-shape', 'error.message is not a string');
    if (!('details' in error)) return v('4xx-not-error-shape', 'error.details is missing');
    return null;
  }
  if (a.status >= 200 && a.status < 300) {
    if (DOCUMENT_ROUTES.includes(r.route)) {
      // The reference page and its assets: a document with its type, not JSON.
      return a.headers['content-type'] ? null : v('2xx-not-json', 'no content-type');
    }
    if (!isJsonType(a.headers['content-type']))
      return v('2xx-not-json', `content-type ${a.headers['content-type']}`);
    if (!parseJson(a.body).ok) return v('2xx-not-json', 'body is not JSON');
    return null;
  }
  return v('unexpected-status', `status ${a.status}`);
}

// -------------------------------------------------------------------------------------------------------
// Reporting

/** The stack's log line for an unexpected error, by request id (the gateway's `apigw-requestid`). */
function serverCauses(output: string): Map<string, string> {
  const causes = new Map<string, string>();
  for (const line of output.split('\n')) {
    if (!line.includes('"unexpected error"')) continue;
    try {
      const entry = JSON.parse(line) as {
        function_request_id?: string;
        error?: { name?: string; message?: string; cause?: { name?: string; message?: string } };
      };
      const e = entry.error;
      if (!entry.function_request_id || !e) continue;
      const cause = e.cause ? ` ← ${e.cause.name}: ${e.cause.message}` : '';
      causes.set(entry.function_request_id, `${e.name}: ${e.message}${cause}`.slice(0, 400));
    } catch {
      // not a JSON log line
    }
  }
  return causes;
}

const normalised = (cause: string) =>
  cause
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
    .replace(/\d+/g, 'N');

const BODY_SHOWN = 300;

function describeRequest(base: string, r: FuzzRequest): string {
  const body = r.body?.toString('utf8') ?? '';
  const shown = JSON.stringify(body.slice(0, BODY_SHOWN));
  const more = body.length > BODY_SHOWN ? ` … (${r.body?.length} bytes in all)` : '';
  const headerArgs = Object.entries(r.headers)
    .flatMap(([name, value]) =>
      (typeof value === 'string' ? [value] : value).map((v) => `-H ${JSON.stringify(`${name}: ${v}`)}`),
    )
    .join(' ');
  const curl =
    `curl -i -X ${r.method} '${base}${r.path}' ${headerArgs}` +
    (r.body && r.body.length <= BODY_SHOWN
      ? ` --data-binary ${shown}`
      : r.body
        ? ' --data-binary @body'
        : '');
  return [
    `    ${r.method} ${r.path}`,
    `    headers: ${JSON.stringify(r.headers)}`,
    `    body (${r.body?.length ?? 0} bytes): ${r.body ? `${shown}${more}` : '(none)'}`,
    `    generated as: ${JSON.stringify(r.labels)}`,
    `    ${curl}`,
  ].join('\n');
}

/** What makes two violations the same failure: kind, route and the server's cause (or the status and why). */
function signatureOf(x: Violation, causes: Map<string, string>): { signature: string; cause: string } {
  const requestId = x.answer.headers['apigw-requestid'];
  const cause = (typeof requestId === 'string' && causes.get(requestId)) || '(no server log line)';
  const what =
    x.kind === '5xx'
      ? normalised(cause)
      : x.kind === 'no-answer'
        ? normalised(x.why)
        : `${x.answer.status} ${x.why}`;
  return { signature: `${x.kind} | ${x.request.route} | ${what}`, cause };
}

interface Group {
  readonly signature: string;
  readonly smallest: Violation;
  readonly cause: string;
  readonly count: number;
  /** Parts the minimiser removed while the same failure kept coming back. */
  readonly removed: readonly string[];
}

const sizeOf = (r: FuzzRequest) =>
  (r.body?.length ?? 0) * 10 + r.path.length + JSON.stringify(r.headers).length / 10;

function groupViolations(violations: readonly Violation[], causes: Map<string, string>): Group[] {
  const groups = new Map<string, Group>();
  for (const x of violations) {
    const { signature, cause } = signatureOf(x, causes);
    const group = groups.get(signature);
    if (!group) groups.set(signature, { signature, smallest: x, cause, count: 1, removed: [] });
    else {
      const smallest = sizeOf(x.request) < sizeOf(group.smallest.request) ? x : group.smallest;
      groups.set(signature, { ...group, smallest, count: group.count + 1 });
    }
  }
  return [...groups.values()].sort((a, b) => a.signature.localeCompare(b.signature));
}

/** At most this many groups are minimised, each with at most one request per candidate below. */
const MINIMISE_GROUPS = 16;

/**
 * Shrinks a group's smallest request by re-sending it without one part at a time (query, each header,
 * the token swapped for a plain mediator's, a reused Idempotency-Key swapped for a fresh one, the body);
 * a part stays out when the same failure — same kind, route and server-side cause — comes back.
 */
async function minimise(
  group: Group,
  resend: (r: FuzzRequest) => Promise<Violation | null>,
  causes: () => Promise<Map<string, string>>,
  mediatorAuth: string,
): Promise<Group> {
  let current = group.smallest;
  const removed: string[] = [];
  const without = (r: FuzzRequest, name: string): FuzzRequest => {
    const headers = { ...r.headers };
    delete headers[name];
    return { ...r, headers };
  };
  const candidates: [string, (r: FuzzRequest) => FuzzRequest | null][] = [
    [
      'fresh Idempotency-Key',
      (r) =>
        r.labels.key === 'reused'
          ? { ...r, headers: { ...r.headers, 'idempotency-key': randomUUID() } }
          : null,
    ],
    ['query', (r) => (r.path.includes('?') ? { ...r, path: r.path.slice(0, r.path.indexOf('?')) } : null)],
    ['If-Match', (r) => ('if-match' in r.headers ? without(r, 'if-match') : null)],
    ['Content-Type', (r) => ('content-type' in r.headers ? without(r, 'content-type') : null)],
    ['Idempotency-Key', (r) => ('idempotency-key' in r.headers ? without(r, 'idempotency-key') : null)],
    [
      'the token it had (a plain mediator’s instead)',
      (r) =>
        r.headers.authorization !== undefined && r.headers.authorization !== mediatorAuth
          ? { ...r, headers: { ...r.headers, authorization: mediatorAuth } }
          : null,
    ],
    ['Authorization', (r) => ('authorization' in r.headers ? without(r, 'authorization') : null)],
    ['body', (r) => (r.body !== undefined ? { ...r, body: undefined } : null)],
  ];
  for (const [part, shrink] of candidates) {
    const candidate = shrink(current.request);
    if (!candidate) continue;
    // A key the fuzz used may have stored a response: each attempt gets a key of its own.
    const keyed =
      candidate.labels.key === 'uuid' || candidate.labels.key === 'reused'
        ? 'idempotency-key' in candidate.headers
          ? { ...candidate, headers: { ...candidate.headers, 'idempotency-key': randomUUID() } }
          : candidate
        : candidate;
    const v = await resend(keyed);
    if (v && signatureOf(v, await causes()).signature === group.signature) {
      current = v;
      removed.push(part);
    }
  }
  return { ...group, smallest: current, removed };
}

function report(base: string, kind: string, groups: readonly Group[]): string {
  if (groups.length === 0) return `no ${kind}`;
  const lines = groups.map((g, i) =>
    [
      `[${i + 1}] ${g.signature} — ${g.count} request(s); smallest:`,
      describeRequest(base, g.smallest.request),
      `    → ${g.smallest.answer.status} ${g.smallest.answer.headers['content-type'] ?? ''} ${g.smallest.answer.body.slice(0, 300)}`,
      `    server: ${g.cause}`,
      ...(g.removed.length > 0 ? [`    (minimised: still fails without ${g.removed.join(', ')})`] : []),
    ].join('\n'),
  );
  return `${groups.length} distinct ${kind}:\n${lines.join('\n')}`;
}

// -------------------------------------------------------------------------------------------------------

describe('HTTP edge fuzz, on the local stack', () => {
  it('covers every route of the catalogue', () => {
    expect([...ROUTE_KEYS].sort()).toEqual(ROUTES.map(routeKey).sort());
  });

  it('never answers 5xx; every 4xx is the JSON error shape and every 2xx is JSON', async () => {
    // Every route as every caller, every route with every Idempotency-Key shape, then random requests.
    const matrix = ROUTE_KEYS.flatMap((route, r) => [
      ...AUTH_LABELS.flatMap((auth, a) =>
        fc.sample(routeArb(world, route, { auth }), { numRuns: 1, seed: SEED + r * 100 + a }),
      ),
      ...KEY_SHAPE_LIST.flatMap((key, k) =>
        fc.sample(routeArb(world, route, { key }), { numRuns: 1, seed: SEED + r * 100 + 50 + k }),
      ),
    ]);
    // Partner callbacks: every way of signing, and every kind of body correctly signed.
    const callbacks = [
      ...SIGNING_MODES.flatMap((signing, i) =>
        fc.sample(routeArb(world, CALLBACK_ROUTE, { signing, realPath: true }), {
          numRuns: 3,
          seed: SEED + 5_000 + i,
        }),
      ),
      ...BODY_KINDS.flatMap((body, i) =>
        fc.sample(routeArb(world, CALLBACK_ROUTE, { signing: 'valid', body, realPath: true }), {
          numRuns: 4,
          seed: SEED + 6_000 + i,
        }),
      ),
    ];
    matrix.push(...callbacks);
    const random = fc.sample(anyRequestArb(world), { numRuns: RANDOM_RUNS, seed: SEED });
    const requests = [...matrix, ...random];

    const base = new URL(stack.url);
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const started = Date.now();
    const answers = await inPool(requests, CONCURRENCY, (r) => send(base, agent, r));
    const elapsed = Date.now() - started;

    const violations = requests.flatMap((r, i) => {
      const v = check(r, answers[i] as Answer);
      return v ? [v] : [];
    });
    const histogram: Record<string, number> = {};
    for (const a of answers) {
      const key = a.error ? 'none' : String(a.status);
      histogram[key] = (histogram[key] ?? 0) + 1;
    }
    // Partner callbacks by how they were signed and what came back.
    const callbackHistogram: Record<string, Record<string, number>> = {};
    requests.forEach((r, i) => {
      if (r.route !== CALLBACK_ROUTE) return;
      const byStatus = callbackHistogram[r.labels.signature] ?? {};
      const status = String((answers[i] as Answer).status);
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      callbackHistogram[r.labels.signature] = byStatus;
    });
    const perRoute = new Map<string, number>();
    for (const r of requests) perRoute.set(r.route, (perRoute.get(r.route) ?? 0) + 1);
    const byKind = (kind: ViolationKind) => violations.filter((v) => v.kind === kind);
    console.log(
      `fuzz: ${requests.length} requests (seed ${SEED}, ${matrix.length} matrix + ${random.length} random) in ${elapsed} ms; ` +
        `status ${JSON.stringify(histogram)}; ` +
        `violations 5xx=${byKind('5xx').length} 4xx-shape=${byKind('4xx-not-error-shape').length} ` +
        `2xx-json=${byKind('2xx-not-json').length} other=${byKind('unexpected-status').length + byKind('no-answer').length}; ` +
        `partner callbacks ${JSON.stringify(callbackHistogram)}`,
    );

    // The bounds the fuzz promises: enough requests, every route, and the stack still up afterwards.
    expect(requests.length).toBeGreaterThanOrEqual(1_000);
    for (const route of ROUTE_KEYS) expect(perRoute.get(route) ?? 0, route).toBeGreaterThanOrEqual(40);
    // Correctly signed callbacks got past the signature to the body, the case and the lifecycle.
    const verified = requests.filter(
      (r, i) =>
        r.route === CALLBACK_ROUTE &&
        r.labels.signature === 'valid' &&
        [200, 400, 404, 409, 422].includes((answers[i] as Answer).status),
    );
    expect(verified.length, 'signed callbacks that reached the handler').toBeGreaterThanOrEqual(40);
    expect(stack.child.exitCode, `the local stack died:\n${stack.output().slice(-3000)}`).toBeNull();

    // The stack logs an unexpected error just before it answers; give the log a moment to arrive.
    const freshCauses = async () => {
      await new Promise((r) => setTimeout(r, 100));
      return serverCauses(stack.output());
    };
    const causes = await freshCauses();
    const resend = async (r: FuzzRequest) => check(r, await send(base, agent, r));
    const mediatorAuth = world.auth.mediator[0] as string;
    const group = async (...kinds: ViolationKind[]) => {
      const groups = groupViolations(
        violations.filter((v) => kinds.includes(v.kind)),
        causes,
      );
      const out: Group[] = [];
      for (const [i, g] of groups.entries()) {
        out.push(i < MINIMISE_GROUPS ? await minimise(g, resend, freshCauses, mediatorAuth) : g);
      }
      return out;
    };
    const serverErrors = await group('5xx', 'no-answer', 'unexpected-status');
    const badErrors = await group('4xx-not-error-shape');
    const badSuccesses = await group('2xx-not-json');
    agent.destroy();
    expect.soft(serverErrors.length, report(stack.url, '5xx / unanswered requests', serverErrors)).toBe(0);
    expect.soft(badErrors.length, report(stack.url, '4xx without the error shape', badErrors)).toBe(0);
    expect.soft(badSuccesses.length, report(stack.url, '2xx that are not JSON', badSuccesses)).toBe(0);
  }, 90_000);
});
