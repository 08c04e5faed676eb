import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Webhook } from 'standardwebhooks';
import type { Partner } from '../../functions/adapters/partners/registry.ts';
import { type DispositionReceipt, dispositionDesk } from './bureau.ts';
import { type ScriptLog, scriptedCallbacks } from './partner-script.ts';
import {
  DEFAULT_PARTNERS,
  localPartnerSecret,
  newWebhookSecret,
  type SimulatedPartner,
} from './partner-settings.ts';
import { LOCAL_POSTS } from './seed.ts';

/**
 * Courts, arbitration institutes and the human-resources and social-security bureau on loopback, for the
 * local stack and the tests: each verifies the Standard Webhooks signature with the webhook (outbound)
 * secrets registered for it (any of them, as during a rotation), discards a repeated `webhook-id`
 * (answering with the reference it gave the first time) and records what it took: handoffs
 * (`receipts`), and at the bureau the dispositions of the warnings its signals raised (`dispositions`). Scripted, a court or institute also answers a handoff it
 * took with the decisions of partner-script.ts, sent back to the local API as signed callbacks once it
 * knows the API's URL (`sendCallbacksTo`). The bureau sends its signals when told to (bureau.ts).
 */

/** What a partner does with one delivery attempt; the tests script faults with it. */
export type PartnerBehaviour = 'accept' | { readonly status: number } | { readonly hangMs: number };

export interface Receipt {
  readonly partner: string;
  readonly webhookId: string;
  readonly caseId: string;
  /** The case version that requested the handoff; a case's handoffs must arrive in increasing order. */
  readonly sequence: number;
  readonly reference: string;
  readonly at: string;
}

export interface PartnerSimulator {
  readonly url: string;
  /** The registry document for these partners (endpoints and secrets): the local partner table's seed. */
  readonly registry: { partners: Partner[] };
  /** Handoffs taken, once each, in the order they were first accepted. */
  readonly receipts: Receipt[];
  /** Disposition webhooks a monitoring partner took, once each, in order. */
  readonly dispositions: DispositionReceipt[];
  /** Accepted requests per webhook id, repeats included. */
  readonly deliveries: Map<string, number>;
  /** Requests whose signature did not verify. */
  readonly badSignatures: number;
  /** Scripts a partner's answers; `attempt` counts this webhook id's requests, from 1. */
  behave(partnerId: string, behaviour: (attempt: number, webhookId: string) => PartnerBehaviour): void;
  /** Scripted: the local API's base URL, known once its gateway listens; decisions start then. */
  sendCallbacksTo(apiUrl: string): void;
  /** Scripted: drops every decision not yet sent and aborts those in flight (`stop` does it too). */
  cancelCallbacks(): void;
  /** Scripted decisions waiting for their time or in flight. */
  readonly pendingCallbacks: number;
  stop(): Promise<void>;
}

export interface SimulatorOptions {
  readonly host?: string;
  readonly port?: number;
  /** Every partner's first callback secret; by default LOCAL_PARTNER_SECRET, or one generated per partner. */
  readonly secret?: string;
  /** Answer each handoff taken with the scripted decisions (partner-script.ts); off by default. */
  readonly scripted?: { readonly stepMs: number; readonly log?: ScriptLog; readonly now?: () => Date };
}

export async function startPartnerSimulator(
  partners: readonly SimulatedPartner[] = DEFAULT_PARTNERS,
  options: SimulatorOptions = {},
): Promise<PartnerSimulator> {
  const host = options.host ?? '127.0.0.1';
  // Two outbound secrets each, generated: the registry signs webhooks with both, as it would while a
  // partner rotates. Inbound (callback) secrets are separate; the first is shared (LOCAL_PARTNER_SECRET when
  // it is set), so a test or a person can sign callbacks as either partner.
  const shared = options.secret ?? localPartnerSecret();
  const secrets = new Map(partners.map((p) => [p.id, [newWebhookSecret(), newWebhookSecret()]]));
  const callbackSecrets = new Map(
    partners.map((p) => [p.id, [shared ?? newWebhookSecret(), newWebhookSecret()]]),
  );
  const script = options.scripted
    ? scriptedCallbacks({
        stepMs: options.scripted.stepMs,
        secretOf: (id) => callbackSecrets.get(id)?.[0],
        ...(options.scripted.log ? { log: options.scripted.log } : {}),
        ...(options.scripted.now ? { now: options.scripted.now } : {}),
      })
    : undefined;
  const behaviours = new Map<string, (attempt: number, webhookId: string) => PartnerBehaviour>();
  const attempts = new Map<string, number>();
  const taken = new Map<string, Receipt>();
  const receipts: Receipt[] = [];
  const desk = dispositionDesk();
  const { dispositions } = desk;
  const deliveries = new Map<string, number>();
  const refuseNext = new Set<string>();
  let badSignatures = 0;
  let counter = 0;
  const hanging = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/received') {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ receipts, dispositions }, null, 2));
      return;
    }
    // A test's control: the partner's next signed delivery is refused with a 422 (then it takes them again).
    if (req.method === 'POST' && url.pathname === '/refuse-next') {
      refuseNext.add(url.searchParams.get('partner') ?? '');
      res.writeHead(204).end();
      return;
    }
    const match = /^\/partners\/([^/]+)\/webhooks$/.exec(url.pathname);
    const partner = match ? partners.find((p) => p.id === decodeURIComponent(match[1] ?? '')) : undefined;
    if (req.method !== 'POST' || !partner) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = {
      'webhook-id': String(req.headers['webhook-id'] ?? ''),
      'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''),
      'webhook-signature': String(req.headers['webhook-signature'] ?? ''),
    };
    const verified = (secrets.get(partner.id) ?? []).some((secret) => {
      try {
        new Webhook(secret).verify(body, headers);
        return true;
      } catch {
        return false;
      }
    });
    if (!verified) {
      badSignatures++;
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"bad signature"}');
      return;
    }
    const webhookId = headers['webhook-id'];
    const attempt = (attempts.get(webhookId) ?? 0) + 1;
    attempts.set(webhookId, attempt);
    const behaviour = refuseNext.delete(partner.id)
      ? { status: 422 }
      : (behaviours.get(partner.id)?.(attempt, webhookId) ??
        (partner.refusesAll ? { status: 403 } : 'accept'));
    if (behaviour !== 'accept') {
      if ('hangMs' in behaviour) {
        hanging.add(res);
        await new Promise((resolve) => setTimeout(resolve, behaviour.hangMs));
        hanging.delete(res);
        if (!res.destroyed) res.writeHead(503).end();
        return;
      }
      res.writeHead(behaviour.status, { 'content-type': 'application/json' }).end('{"error":"scripted"}');
      return;
    }
    deliveries.set(webhookId, (deliveries.get(webhookId) ?? 0) + 1);
    if (partner.kind === 'MONITORING') {
      desk.answer(res, partner.id, webhookId, body, () => ++counter);
      return;
    }
    let receipt = taken.get(webhookId);
    if (!receipt) {
      const parsed = JSON.parse(body) as HandoffBody;
      counter++;
      receipt = {
        partner: partner.id,
        webhookId,
        caseId: String(parsed.case?.caseId ?? ''),
        sequence: Number(parsed.sequence ?? 0),
        reference: `${partner.kind === 'COURT' ? 'COURT' : 'ARB'}-${String(counter).padStart(6, '0')}`,
        at: new Date().toISOString(),
      };
      taken.set(webhookId, receipt);
      receipts.push(receipt);
      script?.taken({
        partnerId: partner.id,
        caseId: receipt.caseId,
        handoffId: String(parsed.handoffId ?? webhookId),
        purpose: String(parsed.purpose ?? ''),
        claimedFen: Number(parsed.claimedFen ?? 0),
        docket: counter,
      });
    }
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ reference: receipt.reference }));
  }

  server.listen(options.port ?? 0, host);
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://${host}:${port}`;

  return {
    url,
    registry: {
      partners: partners.map((p) => ({
        kind: p.kind,
        id: p.id,
        name: p.name,
        endpoint: `${url}/partners/${encodeURIComponent(p.id)}/webhooks`,
        secrets: secrets.get(p.id) ?? [],
        callbackSecrets: callbackSecrets.get(p.id) ?? [],
        posts: [...(p.posts ?? LOCAL_POSTS.map((post) => post.postId))],
      })),
    },
    receipts,
    dispositions,
    deliveries,
    get badSignatures() {
      return badSignatures;
    },
    behave(partnerId, behaviour) {
      behaviours.set(partnerId, behaviour);
    },
    sendCallbacksTo(apiUrl) {
      script?.sendTo(apiUrl);
    },
    cancelCallbacks() {
      script?.cancel();
    },
    get pendingCallbacks() {
      return script?.pending ?? 0;
    },
    async stop() {
      script?.cancel();
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The parts of a handoff package (domain/handoffs/package.ts) the simulator reads. */
interface HandoffBody {
  readonly handoffId?: string;
  readonly sequence?: number;
  readonly purpose?: string;
  readonly claimedFen?: number;
  readonly case?: { readonly caseId?: string };
}
