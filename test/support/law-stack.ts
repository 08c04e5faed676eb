import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { shanghaiDate } from '../../domain/clocks/legal-time.ts';
import { LOCAL_SLA_PATH } from '../../infra/local/sla-control.ts';
import { POST } from './fixtures.ts';
import { apiClient, launchLocalStack, type RunningStack, tokenFor } from './local-stack.ts';
import { partnerClient, TEST_PARTNER_SECRET } from './partner-callbacks.ts';

const DAY_MS = 86_400_000;

type Client = ReturnType<typeof apiClient>;
type PartnerClient = ReturnType<typeof partnerClient>;

/** Today in Shanghai on the real clock: a date no callback can be refused for as in the future. */
export const today = () => shanghaiDate(new Date());

/** The clock offset, in days, that makes the stack's today the day after `date`. */
export const dayAfter = (date: string) =>
  (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today()}T00:00:00Z`)) / DAY_MS + 1;

/**
 * The set-up the e2e tests of the law (law-*.test.ts, docking.test.ts) share: one local stack for the file,
 * with manual partners (each decision is sent by the test) signing with TEST_PARTNER_SECRET; a mediator of
 * POST, an admin and the partners' callbacks; the stack's clock (`POST /_local/clock`), put back after each
 * test when `clockPerTest`, else once after the file; and the reminder sweep as of the stack's clock.
 * Call it at the top of a test file: it registers the hooks. The clients are stable functions, usable
 * before the stack is up (they call it once it is).
 */
export function lawStack(options: { readonly clockPerTest?: boolean } = {}) {
  let stack: RunningStack | undefined;
  let mediator: Client | undefined;
  let admin: Client | undefined;
  let partner: PartnerClient | undefined;
  let offsetDays = 0;

  const up = () => {
    if (!stack) throw new Error('the local stack is not up (lawStack registers beforeAll)');
    return stack;
  };

  /** Moves the stack's clock `days` from the real one (0 puts it back). */
  async function setClock(days: number) {
    if (!stack) return;
    const res = await fetch(`${stack.url}/_local/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ offsetDays: days }),
    });
    expect(res.status).toBe(200);
    offsetDays = days;
  }

  beforeAll(async () => {
    stack = await launchLocalStack(['--port', '0', '--partners=manual'], {
      LOCAL_PARTNER_SECRET: TEST_PARTNER_SECRET,
    });
    mediator = apiClient(stack.url, await tokenFor('mediator', POST));
    admin = apiClient(stack.url, await tokenFor('admin', 'QD-HQ'));
    partner = partnerClient(stack.url);
  }, 240_000 /* a launch: minutes on a loaded machine */);
  if (options.clockPerTest) {
    afterEach(async () => {
      if (offsetDays !== 0) await setClock(0);
    });
  }
  afterAll(async () => {
    if (offsetDays !== 0) await setClock(0);
    await stack?.stop();
  });

  const the = {
    /** The stack's base URL. */
    url: () => up().url,
    mediator: ((...args) => (mediator as Client)(...args)) as Client,
    admin: ((...args) => (admin as Client)(...args)) as Client,
    partner: ((...args) => (partner as PartnerClient)(...args)) as PartnerClient,
    setClock,
    /** How many days the stack's clock is ahead of the real one. */
    offsetDays: () => offsetDays,
    /** A mediator's action on a case, answered `expected` (200 unless told); the body. */
    async act(caseId: string, body: Record<string, unknown>, expected = 200) {
      const res = await the.mediator('POST', `/cases/${caseId}/actions`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(expected);
      return res.body;
    },
    /** A partner's signed callback about a case, answered `expected` (200 unless told); the body. */
    async report(partnerId: string, type: string, caseId: string, data: object, expected = 200) {
      const res = await the.partner(partnerId, { type, caseId, data });
      expect(res.status, JSON.stringify(res.body)).toBe(expected);
      return res.body;
    },
    /** One run of the reminder sweep as of the stack's clock (`POST /_local/sla`). */
    async sweep() {
      const res = await fetch(`${up().url}${LOCAL_SLA_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ at: new Date(Date.now() + offsetDays * DAY_MS).toISOString() }),
      });
      expect(res.status).toBe(200);
    },
  };
  return the;
}
