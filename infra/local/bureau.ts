import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { addDays } from '../../domain/clocks/legal-time.ts';
import type { SignalData } from '../../domain/warnings/inputs.ts';

/**
 * The simulated human-resources and social-security bureau (人力资源和社会保障局): a MONITORING partner of
 * the local stack. It reports what its data shows of an employer as signed `monitoring.signal` callbacks
 * (Standard Webhooks, `POST /partners/{id}/callbacks`: `npm run partner -- qd-hrss-bureau monitoring.signal
 * --data '{…}'`, or the demo), and takes the signed disposition webhooks the union sends back when a post
 * has dealt with a warning its signals raised (partner-simulator.ts records them: `GET /received`).
 */
export const BUREAU_ID = 'qd-hrss-bureau';
export const BUREAU_NAME = '青岛市人力资源和社会保障局（模拟）';
export const SIGNAL_TYPE = 'monitoring.signal';

/**
 * Qingdao Municipal Human Resources and Social Security Bureau as a partner of the simulator
 * (partner-simulator.ts): sends monitoring signals and takes the dispositions of the warnings they raised.
 */
export const BUREAU_PARTNER = { kind: 'MONITORING', id: BUREAU_ID, name: BUREAU_NAME } as const;

/** A signal as a person or the demo writes it: the credit code, the indicator, its value and unit at least. */
export type SignalDraft = Pick<SignalData, 'creditCode' | 'indicator' | 'value' | 'unit'> &
  Partial<Omit<SignalData, 'creditCode' | 'indicator' | 'value' | 'unit'>>;

/**
 * A signal completed as the bureau would send it: observed `today` (a Shanghai date), over the month before
 * it unless a period is given, with a reference of the bureau's own (人社监测〔year〕 and a serial).
 */
export function completeSignal(draft: SignalDraft, today: string, serial: string = randomUUID().slice(0, 8)) {
  const observedOn = draft.observedOn ?? today;
  return {
    ...draft,
    period: draft.period ?? { from: addDays(observedOn, -30), to: observedOn },
    observedOn,
    reference: draft.reference ?? `青人社监测〔${observedOn.slice(0, 4)}〕${serial}号`,
  } satisfies SignalData;
}

/** The callback body of a signal. */
export const signalBody = (signal: SignalData) => JSON.stringify({ type: SIGNAL_TYPE, data: signal });

export interface SentSignal {
  readonly status: number;
  readonly webhookId: string;
  readonly body: unknown;
}

/**
 * Signs a signal with the bureau's secret and sends it to the API. The same `webhookId` sent twice is one
 * signal (the callback receipt); a new one is a new delivery of whatever the body says.
 */
export async function sendSignal(options: {
  readonly apiUrl: string;
  readonly secret: string;
  readonly signal: SignalData;
  readonly partnerId?: string;
  readonly webhookId?: string;
}): Promise<SentSignal> {
  const body = signalBody(options.signal);
  const webhookId = options.webhookId ?? `msg_${randomUUID()}`;
  const partnerId = options.partnerId ?? BUREAU_ID;
  // One instant for the header and the signed content: read twice, a second boundary between them breaks it.
  const signedAt = new Date();
  const res = await fetch(
    `${options.apiUrl.replace(/\/+$/, '')}/partners/${encodeURIComponent(partnerId)}/callbacks`,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': webhookId,
        'webhook-timestamp': String(Math.floor(signedAt.getTime() / 1000)),
        'webhook-signature': new Webhook(options.secret).sign(webhookId, signedAt, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(30_000),
    },
  );
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: kept as text
  }
  return { status: res.status, webhookId, body: parsed };
}

/** A disposition webhook a monitoring partner took, once per webhook id, with the body as sent. */
export interface DispositionReceipt {
  readonly partner: string;
  readonly webhookId: string;
  readonly type: string;
  readonly warningId: string;
  /** The bureau's own reference for what it took, given again to a repeat. */
  readonly reference: string;
  readonly at: string;
  readonly body: Readonly<Record<string, unknown>>;
}

/**
 * Where the simulated bureau keeps the dispositions it took (the signature already verified): a repeated
 * `webhook-id` is the same delivery and gets the first reference back.
 */
export function dispositionDesk() {
  const dispositions: DispositionReceipt[] = [];
  const byWebhookId = new Map<string, DispositionReceipt>();
  const desk = {
    dispositions,
    /** The bureau's route for a disposition webhook whose signature verified: 200 with its reference. */
    answer(res: ServerResponse, partnerId: string, webhookId: string, body: string, next: () => number) {
      const taken = desk.take(partnerId, webhookId, body, next);
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ reference: taken.reference }));
    },
    take(partnerId: string, webhookId: string, body: string, next: () => number): DispositionReceipt {
      const known = byWebhookId.get(webhookId);
      if (known) return known;
      const parsed = JSON.parse(body) as Record<string, unknown>;
      const warning = parsed.warning as { warningId?: unknown } | undefined;
      const taken: DispositionReceipt = {
        partner: partnerId,
        webhookId,
        type: String(parsed.type ?? ''),
        warningId: String(parsed.warningId ?? warning?.warningId ?? ''),
        reference: `HRSS-${String(next()).padStart(6, '0')}`,
        at: new Date().toISOString(),
        body: parsed,
      };
      byWebhookId.set(webhookId, taken);
      dispositions.push(taken);
      return taken;
    },
  };
  return desk;
}
