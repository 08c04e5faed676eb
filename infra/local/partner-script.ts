import { Webhook } from 'standardwebhooks';
import { shanghaiDate } from '../../domain/clocks/legal-time.ts';

/**
 * What the simulated court and arbitration institute do with a handoff they took when the local stack runs
 * with scripted partners (`npm start`, the default): they send the decisions below back to the local API as
 * signed callbacks (`POST /partners/{id}/callbacks`, Standard Webhooks), one step apart. The script is data:
 * one row per handoff purpose, one step per decision, in the order the partner makes them. A row's types
 * and data are checked against domain/callbacks/events.ts by test/unit/partner-script.test.ts.
 */

/** What a step may use to word its decision. */
export interface StepContext {
  /** The Shanghai date on the local stack's clock (`POST /_local/clock` moves it). */
  readonly today: string;
  readonly year: string;
  /** The partner's running number for this handoff, for its docket numbers. */
  readonly docket: number;
  /** The sum of the case's claims, as the handoff package states it. */
  readonly claimedFen: number;
}

export interface ScriptStep {
  /** A partner event type (domain/callbacks/events.ts). */
  readonly type: string;
  readonly data: (ctx: StepContext) => Record<string, unknown>;
}

/** Docket numbers as Qingdao's institute and the Shinan District court write them. */
const ARB_CASE = ({ year, docket }: StepContext) => `青劳人仲案字〔${year}〕第${docket}号`;
const ARB_AWARD = ({ year, docket }: StepContext) => `青劳人仲裁字〔${year}〕第${docket}号`;
const court =
  (procedure: string, code = '鲁0202') =>
  (ctx: StepContext) =>
    `(${ctx.year})${code}${procedure}${ctx.docket}号`;

/** Handoff purpose → the decisions the partner sends back, in order. */
export const PARTNER_SCRIPT: Readonly<Record<string, readonly ScriptStep[]>> = {
  ARBITRATION_APPLICATION: [
    { type: 'arbitration.accepted', data: (c) => ({ reference: ARB_CASE(c), decidedOn: c.today }) },
    {
      type: 'arbitration.award_issued',
      data: (c) => ({ reference: ARB_AWARD(c), final: false, awardFen: c.claimedFen, servedOn: c.today }),
    },
    { type: 'arbitration.award_effective', data: (c) => ({ decidedOn: c.today }) },
  ],
  // The institute confirms a union agreement on the parties' joint request (MOHRSS Rules 2017 arts. 74–77);
  // a refusal (arbitration.review_refused) is sent by hand.
  ARBITRAL_REVIEW: [
    {
      type: 'arbitration.review_confirmed',
      data: (c) => ({ reference: `青劳人仲审字〔${c.year}〕第${c.docket}号`, decidedOn: c.today }),
    },
  ],
  JUDICIAL_CONFIRMATION: [
    {
      type: 'court.confirmation_granted',
      data: (c) => ({ reference: court('民特')(c), decidedOn: c.today }),
    },
  ],
  // The order is served on the debtor the day it issues; its 15 days to pay or object run from then (CPL
  // art. 227). What happens next (payment, objection, enforcement) waits for the debtor: sent by hand.
  PAYMENT_ORDER: [
    {
      type: 'court.payment_order_issued',
      data: (c) => ({ reference: court('民督')(c), decidedOn: c.today, servedOn: c.today }),
    },
  ],
  // The judgment leaves the case in JUDGMENT_GIVEN: performed (CLOSE) or enforced (REQUEST_ENFORCEMENT).
  LITIGATION_FILING: [
    { type: 'court.litigation_filed', data: (c) => ({ reference: court('民初')(c), decidedOn: c.today }) },
    {
      type: 'court.judgment',
      data: (c) => ({ reference: court('民初')(c), decidedOn: c.today, awardFen: c.claimedFen }),
    },
  ],
  // The union no longer applies to set a final award aside (LDMAL art. 49: the employer's application); a
  // handoff of this purpose stored before still gets the intermediate court's ruling, its docket says so.
  AWARD_SET_ASIDE: [
    {
      type: 'court.award_set_aside',
      data: (c) => ({ reference: court('民特', '鲁02')(c), decidedOn: c.today, servedOn: c.today }),
    },
  ],
  ENFORCEMENT: [
    {
      type: 'court.concluded',
      data: (c) => ({
        outcome: 'ENFORCED',
        reference: court('执')(c),
        decidedOn: c.today,
        recoveredFen: c.claimedFen,
      }),
    },
  ],
};

/** The handoff a partner took, as far as the script needs it. */
export interface TakenHandoff {
  readonly partnerId: string;
  readonly caseId: string;
  readonly handoffId: string;
  readonly purpose: string;
  readonly claimedFen: number;
  readonly docket: number;
}

export interface ScriptLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface ScriptOptions {
  /** Time before each decision (the first counts from the handoff). */
  readonly stepMs: number;
  /** The first secret of each partner, to sign with. */
  readonly secretOf: (partnerId: string) => string | undefined;
  readonly log?: ScriptLog;
  /** The local stack's clock; by default the system clock moved by LOCAL_CLOCK_OFFSET_MS, as the functions see it. */
  readonly now?: () => Date;
  readonly script?: Readonly<Record<string, readonly ScriptStep[]>>;
}

/** Transient failures (network, 429, 5xx) are tried again this many times in all, one step apart. */
const ATTEMPTS = 3;
const REQUEST_TIMEOUT_MS = 10_000;

const localNow = () => new Date(Date.now() + Number(process.env.LOCAL_CLOCK_OFFSET_MS ?? 0));

/**
 * Runs the script for each handoff taken. Decisions wait for the API's URL (`sendTo`); `cancel` clears every
 * pending timer and aborts the requests in flight, so nothing runs after the stack stops.
 *
 * A 409 means the case moved on (a mediator acted, or the decision was sent by hand): the flow ends
 * quietly. Any other refusal ends it with a warning; network errors, 429 and 5xx are retried, with the same
 * `webhook-id`, so a decision that did land is not applied twice.
 */
export function scriptedCallbacks(options: ScriptOptions) {
  const script = options.script ?? PARTNER_SCRIPT;
  const log = options.log ?? { info: () => {}, warn: () => {} };
  const now = options.now ?? localNow;
  const timers = new Set<NodeJS.Timeout>();
  const waiting: TakenHandoff[] = [];
  const abort = new AbortController();
  let apiUrl: string | undefined;
  let cancelled = false;
  let inFlight = 0;

  const schedule = (handoff: TakenHandoff, index: number, attempt = 1) => {
    if (cancelled || index >= (script[handoff.purpose]?.length ?? 0)) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      void step(handoff, index, attempt);
    }, options.stepMs);
    timers.add(timer);
  };

  async function step(handoff: TakenHandoff, index: number, attempt: number) {
    const decision = script[handoff.purpose]?.[index];
    const secret = options.secretOf(handoff.partnerId);
    if (!decision || !apiUrl || cancelled) return;
    const where = `${handoff.partnerId} ${decision.type} on case ${handoff.caseId}`;
    if (!secret) return log.warn(`[partners] ${where}: the partner has no secret to sign with`);
    const today = shanghaiDate(now());
    const ctx = { today, year: today.slice(0, 4), docket: handoff.docket, claimedFen: handoff.claimedFen };
    const body = JSON.stringify({
      type: decision.type,
      caseId: handoff.caseId,
      handoffId: handoff.handoffId,
      data: decision.data(ctx),
    });
    const webhookId = `msg_${handoff.handoffId}_${index + 1}`;
    let status: number;
    let answer: string;
    // One instant for the header and the signed content: read twice, a second boundary between them breaks it.
    const signedAt = new Date();
    inFlight++;
    try {
      const res = await fetch(`${apiUrl}/partners/${encodeURIComponent(handoff.partnerId)}/callbacks`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': webhookId,
          'webhook-timestamp': String(Math.floor(signedAt.getTime() / 1000)),
          'webhook-signature': new Webhook(secret).sign(webhookId, signedAt, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.any([abort.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
      });
      status = res.status;
      answer = await res.text();
    } catch (error) {
      if (cancelled) return;
      return retryOrGiveUp(handoff, index, attempt, `${where}: ${(error as Error).message}`);
    } finally {
      inFlight--;
    }
    if (cancelled) return;
    if (status >= 200 && status < 300) {
      log.info(`[partners] ${where}: ${status}, case now ${statusOf(answer)}`);
      return schedule(handoff, index + 1);
    }
    // The handoff is not recorded as delivered yet (the consumer writes it after this partner's answer):
    // a partner's sender retries.
    if (status === 409 && /"handoffStatus":"PENDING"/.test(answer)) {
      return retryOrGiveUp(handoff, index, attempt, `${where}: ${status} ${answer}`);
    }
    if (status === 409) return; // the case moved on; this flow has nothing left to say
    if (status === 429 || status >= 500) {
      return retryOrGiveUp(handoff, index, attempt, `${where}: ${status} ${answer}`);
    }
    log.warn(`[partners] ${where}: ${status} ${answer}; the scripted flow stops here`);
  }

  function retryOrGiveUp(handoff: TakenHandoff, index: number, attempt: number, reason: string) {
    if (attempt < ATTEMPTS) return schedule(handoff, index, attempt + 1);
    log.warn(`[partners] ${reason}; gave up after ${ATTEMPTS} attempts, the scripted flow stops here`);
  }

  return {
    /** Starts the script for a handoff a partner took now (once per handoff). */
    taken(handoff: TakenHandoff) {
      if (cancelled) return;
      if (!script[handoff.purpose]) {
        log.info(`[partners] ${handoff.partnerId}: no script for ${handoff.purpose}; send decisions by hand`);
        return;
      }
      if (apiUrl) schedule(handoff, 0);
      else waiting.push(handoff);
    },
    /** Where the local API listens; handoffs taken before it is known start now. */
    sendTo(url: string) {
      apiUrl = url.replace(/\/+$/, '');
      for (const handoff of waiting.splice(0)) schedule(handoff, 0);
    },
    /** Clears every pending decision and aborts those in flight; nothing is sent after this. */
    cancel() {
      cancelled = true;
      waiting.length = 0;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      abort.abort();
    },
    /** Decisions waiting for their time or in flight. */
    get pending() {
      return timers.size + waiting.length + inFlight;
    },
  };
}

function statusOf(answer: string): string {
  try {
    return String((JSON.parse(answer) as { status?: unknown }).status ?? '?');
  } catch {
    return '?';
  }
}

export type ScriptedCallbacks = ReturnType<typeof scriptedCallbacks>;
