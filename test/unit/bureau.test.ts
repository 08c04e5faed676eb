import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signalDataSchema } from '../../domain/warnings/inputs.ts';
import {
  BUREAU_ID,
  completeSignal,
  dispositionDesk,
  SIGNAL_TYPE,
  sendSignal,
} from '../../infra/local/bureau.ts';
import { demoCreditCode } from '../../infra/local/demo-warnings.ts';
import { startPartnerSimulator } from '../../infra/local/partner-simulator.ts';

/** The simulated bureau (infra/local/bureau.ts): its signals, how it signs them, what it keeps of dispositions. */

const CODE = demoCreditCode('370202', 20_001);
const draft = { creditCode: CODE, indicator: 'WAGE_ARREARS', unit: 'MONTHS', value: 2 } as const;

describe('the bureau signals', () => {
  it('completes a draft as the bureau sends it: observed today, over the month before, its own reference', () => {
    const signal = completeSignal(draft, '2026-12-07', 'a1b2c3d4');
    expect(signal).toEqual({
      ...draft,
      period: { from: '2026-11-07', to: '2026-12-07' },
      observedOn: '2026-12-07',
      reference: '青人社监测〔2026〕a1b2c3d4号',
    });
    expect(signalDataSchema().safeParse(signal).success).toBe(true);
  });

  it('keeps what the draft says', () => {
    const given = {
      ...draft,
      observedOn: '2026-11-30',
      reference: 'R-1',
      period: { from: '2026-11-01', to: '2026-11-30' },
    };
    expect(completeSignal(given, '2026-12-07')).toEqual(given);
  });

  it('a new reference each time unless given, so two drafts are two signals', () => {
    expect(completeSignal(draft, '2026-12-07').reference).not.toBe(
      completeSignal(draft, '2026-12-07').reference,
    );
  });

  it('signs with the Standard Webhooks scheme and posts to the bureau callback route', async () => {
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const seen: { path: string; type: unknown; verified: boolean }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let verified = true;
        try {
          new Webhook(secret).verify(body, {
            'webhook-id': String(req.headers['webhook-id']),
            'webhook-timestamp': String(req.headers['webhook-timestamp']),
            'webhook-signature': String(req.headers['webhook-signature']),
          });
        } catch {
          verified = false;
        }
        seen.push({ path: req.url ?? '', type: (JSON.parse(body) as { type: unknown }).type, verified });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"warningId":"x"}');
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    try {
      const sent = await sendSignal({
        apiUrl: `http://127.0.0.1:${port}/`,
        secret,
        signal: completeSignal(draft, '2026-12-07'),
        webhookId: 'msg_fixed',
      });
      expect(sent).toEqual({ status: 200, webhookId: 'msg_fixed', body: { warningId: 'x' } });
      expect(seen).toEqual([{ path: `/partners/${BUREAU_ID}/callbacks`, type: SIGNAL_TYPE, verified: true }]);
    } finally {
      server.close();
    }
  });
});

describe('the dispositions the bureau takes', () => {
  it('keeps each once per webhook id, the repeat answered with the first reference', () => {
    const desk = dispositionDesk();
    let n = 0;
    const body = JSON.stringify({
      type: 'warning.disposed',
      warningId: `${CODE}-1`,
      disposition: { kind: 'NO_RISK' },
    });
    const first = desk.take(BUREAU_ID, 'msg_1', body, () => ++n);
    const again = desk.take(BUREAU_ID, 'msg_1', body, () => ++n);
    const other = desk.take(
      BUREAU_ID,
      'msg_2',
      JSON.stringify({ type: 'x', warning: { warningId: 'w-2' } }),
      () => ++n,
    );
    expect(again).toBe(first);
    expect(first).toMatchObject({
      warningId: `${CODE}-1`,
      type: 'warning.disposed',
      reference: 'HRSS-000001',
    });
    expect(other).toMatchObject({ warningId: 'w-2', reference: 'HRSS-000002' });
    expect(desk.dispositions).toEqual([first, other]);
  });
});

describe('the bureau among the simulated partners', () => {
  it('is registered as a MONITORING partner, takes signed dispositions once each and lists them', async () => {
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const simulator = await startPartnerSimulator(undefined, { secret });
    try {
      const bureau = simulator.registry.partners.find((p) => p.id === BUREAU_ID);
      // Its callbacks (signals) are signed with the shared inbound secret; the dispositions it takes are
      // signed with its own outbound (webhook) secrets, never the inbound one.
      expect(bureau).toMatchObject({ kind: 'MONITORING', callbackSecrets: [secret, expect.any(String)] });
      const outbound = bureau?.secrets[0] as string;
      expect(bureau?.secrets).not.toContain(secret);
      const body = JSON.stringify({ type: 'warning.disposed', warningId: `${CODE}-1` });
      const post = (webhookId: string, key = outbound) =>
        fetch(bureau?.endpoint ?? '', {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'webhook-id': webhookId,
            'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
            'webhook-signature': new Webhook(key).sign(webhookId, new Date(), body),
          },
          body,
        });
      const first = await post('msg_d1');
      const again = await post('msg_d1');
      const forged = await post('msg_d2', `whsec_${randomBytes(32).toString('base64')}`);
      const inbound = await post('msg_d3', secret);
      expect(first.status).toBe(200);
      expect(await again.json()).toEqual(await first.json());
      expect(forged.status).toBe(401);
      expect(inbound.status).toBe(401);
      expect(simulator.receipts).toEqual([]);
      const received = (await (await fetch(`${simulator.url}/received`)).json()) as {
        dispositions: { warningId: string; webhookId: string }[];
      };
      expect(received.dispositions).toMatchObject([{ warningId: `${CODE}-1`, webhookId: 'msg_d1' }]);
    } finally {
      await simulator.stop();
    }
  });
});
