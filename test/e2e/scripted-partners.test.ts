import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../domain/clocks/legal-time.ts';
import { agreement, intake, POST } from '../support/fixtures.ts';
import { apiClient, launchLocalStack, type RunningStack, tokenFor } from '../support/local-stack.ts';
import { TEST_PARTNER_SECRET } from '../support/partner-callbacks.ts';

/**
 * `npm start` with scripted partners (its default): the simulated institute and court answer each handoff
 * by themselves, a short step apart here. And `npm run partner`, which sends one decision by hand.
 */

const COURT = 'qd-shinan-court';
const ARBITRATION = 'qd-arbitration';

let stack: RunningStack;
let mediator: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await launchLocalStack(['--port', '0'], {
    LOCAL_PARTNER_SECRET: TEST_PARTNER_SECRET,
    LOCAL_PARTNER_STEP_MS: '150',
  });
  mediator = apiClient(stack.url, await tokenFor('mediator', POST));
});
afterAll(async () => {
  await stack?.stop();
});

/** Runs `npm run partner`'s entry point; resolves with its exit code and output. */
function partnerCli(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const { LOCAL_PARTNER_SECRET: _unset, ...rest } = process.env;
    execFile(
      process.execPath,
      ['infra/local/partner.ts', ...args],
      { env: { ...rest, ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

async function act(caseId: string, body: Record<string, unknown>) {
  const res = await mediator('POST', `/cases/${caseId}/actions`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function eventually(caseId: string, status: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const c = (await mediator('GET', `/cases/${caseId}`)).body;
    if (c.status === status || Date.now() > deadline) return c;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function settled() {
  const caseId = (await mediator('POST', '/cases', intake())).body.caseId as string;
  await act(caseId, { action: 'ASSIGN_MEDIATOR', mediatorId: 'm-1' });
  await act(caseId, { action: 'RECORD_SESSION', heldAt: new Date().toISOString(), notes: 'Held.' });
  await act(caseId, {
    action: 'SIGN_AGREEMENT',
    ...agreement({
      terms: 'Pay the wages.',
      amountFen: 800_000,
      performBy: shanghaiDate(new Date()),
      effectiveOn: shanghaiDate(new Date()),
    }),
  });
  return caseId;
}

async function setClock(offsetDays: number) {
  const res = await fetch(`${stack.url}/_local/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ offsetDays }),
  });
  expect(res.status).toBe(200);
}

describe('scripted partners', () => {
  it('says so in the banner, and names the secret without printing it', () => {
    expect(stack.output()).toMatch(/scripted: each handoff is answered with decisions 150 ms apart/);
    expect(stack.output()).toMatch(/partner secret LOCAL_PARTNER_SECRET/);
    expect(stack.output()).not.toContain(TEST_PARTNER_SECRET);
  });

  it('a failed case referred to the institute reaches an effective award by itself', async () => {
    const caseId = (await mediator('POST', '/cases', intake())).body.caseId as string;
    await act(caseId, { action: 'FAIL_MEDIATION', reason: 'The employer refused.' });
    await act(caseId, { action: 'REFER_TO_ARBITRATION', arbitrationId: ARBITRATION });

    const c = await eventually(caseId, 'AWARD_EFFECTIVE');
    expect(c.status).toBe('AWARD_EFFECTIVE');
    expect(c.decisions.map((d: { type: string }) => d.type)).toEqual([
      'arbitration.accepted',
      'arbitration.award_issued',
      'arbitration.award_effective',
    ]);
    expect(c.award).toMatchObject({ final: false, awardFen: 1_250_000, servedOn: shanghaiDate(new Date()) });
    expect(c.award.reference).toMatch(/^青劳人仲裁字〔\d{4}〕第\d+号$/);
    expect(c.decisions[0]).toMatchObject({ partnerId: ARBITRATION });
  });

  it('a settled case sent for judicial confirmation comes back confirmed', async () => {
    const caseId = await settled();
    await act(caseId, { action: 'REQUEST_JUDICIAL_CONFIRMATION', courtId: COURT });
    const c = await eventually(caseId, 'CONFIRMED');
    expect(c.status).toBe('CONFIRMED');
    expect(c.decisions).toEqual([
      expect.objectContaining({ type: 'court.confirmation_granted', partnerId: COURT }),
    ]);
    expect(c.decisions[0].reference).toMatch(/^\(\d{4}\)鲁0202民特\d+号$/);
  });

  it('a payment order issued on the moved clock; npm run partner sends the objection', async () => {
    const caseId = await settled();
    await setClock(2);
    try {
      await act(caseId, { action: 'REQUEST_PAYMENT_ORDER', courtId: COURT });
      const issued = await eventually(caseId, 'PAYMENT_ORDER_ISSUED');
      expect(issued.status).toBe('PAYMENT_ORDER_ISSUED');
      // The script dates its decisions by the local stack's clock, two days on.
      expect(issued.decisions[0]).toMatchObject({
        type: 'court.payment_order_issued',
        decidedOn: shanghaiDate(new Date(Date.now() + 2 * 86_400_000)),
      });

      const data = JSON.stringify({
        reason: 'The employer objects in writing.',
        decidedOn: shanghaiDate(new Date()),
      });
      const forged = await partnerCli(
        [COURT, 'court.payment_order_objected', '--case', caseId, '--data', data, '--url', stack.url],
        { LOCAL_PARTNER_SECRET: `whsec_${Buffer.from('not the partner secret at all!').toString('base64')}` },
      );
      expect(forged.code).toBe(1);
      expect(forged.stdout).toMatch(/HTTP 401/);

      const sent = await partnerCli(
        [COURT, 'court.payment_order_objected', '--case', caseId, '--data', data, '--url', stack.url],
        { LOCAL_PARTNER_SECRET: TEST_PARTNER_SECRET },
      );
      expect(sent.code, sent.stderr).toBe(0);
      expect(sent.stdout).toMatch(/HTTP 200/);
      expect(sent.stdout).toContain('"status": "MEDIATION_FAILED"');
      const c = (await mediator('GET', `/cases/${caseId}`)).body;
      expect(c.status).toBe('MEDIATION_FAILED');
      expect(c.decisions.map((d: { type: string }) => d.type)).toEqual([
        'court.payment_order_issued',
        'court.payment_order_objected',
      ]);
    } finally {
      await setClock(0);
    }
  });

  it('npm run partner opens a court-delegated case with --secret and no --case', async () => {
    const { origin: _origin, ...parties } = intake();
    const data = JSON.stringify({
      postId: POST,
      reference: '(2026)鲁0202民诉前调9号',
      receivedOn: shanghaiDate(new Date()),
      ...parties,
    });
    const sent = await partnerCli([
      COURT,
      'court.mediation_delegated',
      '--data',
      data,
      '--secret',
      TEST_PARTNER_SECRET,
      '--url',
      stack.url,
    ]);
    expect(sent.code, sent.stderr).toBe(0);
    const caseId = /"caseId": "([^"]+)"/.exec(sent.stdout)?.[1] as string;
    const c = (await mediator('GET', `/cases/${caseId}`)).body;
    expect(c).toMatchObject({
      origin: 'COURT_DELEGATED',
      status: 'FILED',
      source: { kind: 'COURT', id: COURT },
    });
  });

  it('stops with decisions still pending and leaves nothing running', async () => {
    const caseId = (await mediator('POST', '/cases', intake())).body.caseId as string;
    await act(caseId, { action: 'FAIL_MEDIATION', reason: 'No deal.' });
    await act(caseId, { action: 'REFER_TO_ARBITRATION', arbitrationId: ARBITRATION });
    expect(await stack.stop()).toBe(0);
    const refused = (url: string) =>
      fetch(url).then(
        () => false,
        () => true,
      );
    expect(await refused(`${stack.url}/health`)).toBe(true);
    expect(await refused(stack.dynamodbEndpoint)).toBe(true);
    expect(await refused(`${stack.partnersUrl}/received`)).toBe(true);
  });
});

describe('npm run partner, misused', () => {
  it.each([
    [[]],
    [[COURT]],
    [[COURT, 'court.no_such_event', '--case', 'x']],
    [[COURT, 'court.judgment']],
    [[COURT, 'court.judgment', '--case', 'x', '--data', '{not json']],
    [[COURT, 'court.judgment', '--case', 'x', '--data', '[]']],
    [[COURT, 'court.judgment', '--case', 'x', '--bogus']],
    [[COURT, 'court.judgment', '--case', 'x']], // no secret anywhere
  ])('%j exits 2 with the usage and the event types', async (args) => {
    const run = await partnerCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^usage: npm run partner -- <partnerId> <type>/m);
    expect(run.stderr).toContain('arbitration.award_issued');
    expect(run.stderr).toContain('court.confirmation_granted');
  });
});
