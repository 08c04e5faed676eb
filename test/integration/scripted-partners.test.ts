import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Partner } from '../../functions/adapters/partners/registry.ts';
import { signedHeaders } from '../../functions/adapters/partners/webhook-client.ts';
import { type PartnerSimulator, startPartnerSimulator } from '../../infra/local/partner-simulator.ts';
import { TEST_PARTNER_SECRET } from '../support/partner-callbacks.ts';

/**
 * The simulated partners in scripted mode, against a stand-in for the local API that verifies each callback
 * as the real route does and answers as each test says.
 */

interface Received {
  readonly partnerId: string;
  readonly webhookId: string;
  readonly body: { type: string; caseId: string; handoffId: string; data: Record<string, unknown> };
}

let api: Server;
let apiUrl: string;
let received: Received[] = [];
let answer: (r: Received, count: number) => number = () => 200;
let badSignatures = 0;
const warnings: string[] = [];
const infos: string[] = [];
let simulator: PartnerSimulator | undefined;

beforeAll(async () => {
  api = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const partnerId = /^\/partners\/([^/]+)\/callbacks$/.exec(req.url ?? '')?.[1] ?? '';
      const headers = {
        'webhook-id': String(req.headers['webhook-id']),
        'webhook-timestamp': String(req.headers['webhook-timestamp']),
        'webhook-signature': String(req.headers['webhook-signature']),
      };
      try {
        new Webhook(TEST_PARTNER_SECRET).verify(raw, headers);
      } catch {
        badSignatures++;
        res.writeHead(401).end('{}');
        return;
      }
      const r = { partnerId, webhookId: headers['webhook-id'], body: JSON.parse(raw) as Received['body'] };
      received.push(r);
      const status = answer(r, received.length);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'NEXT' }));
    });
  });
  api.listen(0, '127.0.0.1');
  await once(api, 'listening');
  apiUrl = `http://127.0.0.1:${(api.address() as { port: number }).port}`;
});
afterEach(async () => {
  await simulator?.stop();
  simulator = undefined;
  received = [];
  answer = () => 200;
  warnings.length = 0;
  infos.length = 0;
});
afterAll(async () => {
  api.closeAllConnections();
  await new Promise((r) => api.close(r));
});

async function scripted(stepMs = 20, now?: () => Date) {
  simulator = await startPartnerSimulator(undefined, {
    secret: TEST_PARTNER_SECRET,
    scripted: {
      stepMs,
      log: { info: (m) => infos.push(m), warn: (m) => warnings.push(m) },
      ...(now ? { now } : {}),
    },
  });
  return simulator;
}

/** Delivers a handoff package to a simulated partner, as the partner consumer does. */
async function handOff(s: PartnerSimulator, partnerId: string, purpose: string, claimedFen = 1_250_000) {
  const partner = s.registry.partners.find((p) => p.id === partnerId) as Partner;
  const handoffId = randomUUID();
  const caseId = randomUUID();
  const body = JSON.stringify({ handoffId, sequence: 3, purpose, claimedFen, case: { caseId } });
  const res = await fetch(partner.endpoint, {
    method: 'POST',
    headers: signedHeaders(partner, handoffId, body),
    body,
  });
  expect(res.status).toBe(200);
  return { caseId, handoffId };
}

async function until(done: () => boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('scripted partners', () => {
  it('answer a referral with acceptance, a non-final award of the claims and its effect, signed, in order', async () => {
    const s = await scripted(20, () => new Date('2026-03-02T17:30:00Z'));
    s.sendCallbacksTo(apiUrl);
    const { caseId, handoffId } = await handOff(s, 'qd-arbitration', 'ARBITRATION_APPLICATION', 880_000);
    await until(() => received.length === 3 && s.pendingCallbacks === 0);

    expect(received.map((r) => r.body.type)).toEqual([
      'arbitration.accepted',
      'arbitration.award_issued',
      'arbitration.award_effective',
    ]);
    for (const r of received) {
      expect(r).toMatchObject({ partnerId: 'qd-arbitration', body: { caseId, handoffId } });
    }
    // 17:30 UTC is already the next day in Shanghai.
    expect(received[0]?.body.data).toEqual({
      reference: '青劳人仲案字〔2026〕第1号',
      decidedOn: '2026-03-03',
    });
    expect(received[1]?.body.data).toMatchObject({ final: false, awardFen: 880_000, servedOn: '2026-03-03' });
    expect(new Set(received.map((r) => r.webhookId)).size).toBe(3);
    expect(badSignatures).toBe(0);
    expect(infos).toHaveLength(3);
    expect(warnings).toEqual([]);
  });

  it('start only once the API URL is known, and once per handoff however often it is delivered', async () => {
    const s = await scripted();
    const partner = s.registry.partners.find((p) => p.id === 'qd-shinan-court') as Partner;
    const handoffId = randomUUID();
    const body = JSON.stringify({
      handoffId,
      purpose: 'PAYMENT_ORDER',
      claimedFen: 1,
      case: { caseId: randomUUID() },
    });
    for (let i = 0; i < 2; i++) {
      await fetch(partner.endpoint, {
        method: 'POST',
        headers: signedHeaders(partner, handoffId, body),
        body,
      });
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(received).toEqual([]);
    expect(s.pendingCallbacks).toBe(1);
    s.sendCallbacksTo(apiUrl);
    await until(() => received.length === 1 && s.pendingCallbacks === 0);
    await new Promise((r) => setTimeout(r, 100));
    expect(received.map((r) => r.body.type)).toEqual(['court.payment_order_issued']);
    expect(received[0]?.body.data.reference).toMatch(/^\(\d{4}\)鲁0202民督1号$/);
  });

  it('end a flow quietly on a 409: the case moved on', async () => {
    const s = await scripted();
    s.sendCallbacksTo(apiUrl);
    answer = () => 409;
    await handOff(s, 'qd-shinan-court', 'LITIGATION_FILING');
    await until(() => received.length === 1 && s.pendingCallbacks === 0);
    await new Promise((r) => setTimeout(r, 100));
    expect(received.map((r) => r.body.type)).toEqual(['court.litigation_filed']);
    expect(warnings).toEqual([]);
  });

  it('retry a 5xx with the same webhook-id, and log a refusal and stop', async () => {
    const s = await scripted();
    s.sendCallbacksTo(apiUrl);
    answer = (_r, count) => (count === 1 ? 503 : count === 2 ? 200 : 400);
    await handOff(s, 'qd-shinan-court', 'LITIGATION_FILING');
    await until(() => received.length === 3 && s.pendingCallbacks === 0);
    await new Promise((r) => setTimeout(r, 100));
    expect(received.map((r) => r.body.type)).toEqual([
      'court.litigation_filed',
      'court.litigation_filed',
      'court.judgment',
    ]);
    expect(received[0]?.webhookId).toBe(received[1]?.webhookId);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/court\.judgment on case .*: 400 .*stops here/);
  });

  it('log a flow that cannot reach the API, and never throw', async () => {
    const s = await scripted(5);
    s.sendCallbacksTo('http://127.0.0.1:1');
    await handOff(s, 'qd-shinan-court', 'JUDICIAL_CONFIRMATION');
    await until(() => warnings.length === 1 && s.pendingCallbacks === 0);
    expect(warnings[0]).toMatch(/court\.confirmation_granted .*gave up after 3 attempts/);
  });

  it('leave nothing pending once stopped', async () => {
    const s = await scripted(60_000);
    s.sendCallbacksTo(apiUrl);
    await handOff(s, 'qd-arbitration', 'ARBITRATION_APPLICATION');
    await handOff(s, 'qd-shinan-court', 'ENFORCEMENT');
    expect(s.pendingCallbacks).toBe(2);
    await s.stop();
    expect(s.pendingCallbacks).toBe(0);
    expect(received).toEqual([]);
  });

  it('do nothing of the kind unless scripted', async () => {
    simulator = await startPartnerSimulator(undefined, { secret: TEST_PARTNER_SECRET });
    simulator.sendCallbacksTo(apiUrl);
    await handOff(simulator, 'qd-arbitration', 'ARBITRATION_APPLICATION');
    await new Promise((r) => setTimeout(r, 100));
    expect(simulator.pendingCallbacks).toBe(0);
    expect(received).toEqual([]);
  });
});
