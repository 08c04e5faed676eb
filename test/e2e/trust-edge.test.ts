import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantOf } from '../../domain/clocks/clock.ts';
import { addDays, periodDeadline, shanghaiDate } from '../../domain/clocks/legal-time.ts';
import { STATUTORY_PERIODS } from '../../domain/clocks/periods.ts';
import { PublishedHolidayCalendar } from '../../functions/adapters/holiday-calendar.ts';
import { intake, POST, residentId } from '../support/fixtures.ts';
import { apiClient, launchLocalStack, type RunningStack, tokenFor } from '../support/local-stack.ts';
import { partnerClient, TEST_PARTNER_SECRET } from '../support/partner-callbacks.ts';

/**
 * Issue 22's edge defects over HTTP on the local stack: what the case view masks is masked in the history
 * and the lists too; every JSON answer says nosniff; the desk list pages on, whenever page 2 is asked for.
 */

let stack: RunningStack;
let mediator: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await launchLocalStack(['--port', '0', '--partners=manual'], {
    LOCAL_PARTNER_SECRET: TEST_PARTNER_SECRET,
  });
  mediator = apiClient(stack.url, await tokenFor('mediator', POST));
}, 90_000);
afterAll(async () => {
  await stack?.stop();
});

const ID = residentId('11010119900307123');
const typedPhones = ['+86 138 1234 5678', '138-1234-5678', '138 1234 5678', '13812345678'];
/** What must never come back: the digits of the phone and of the ID number, however they were typed. */
function expectNoLeak(body: unknown) {
  const text = JSON.stringify(body);
  const digits = text.replace(/[^\dX]/g, '');
  expect(text).not.toMatch(/1234[ -]?5678/);
  expect(digits).not.toContain(ID);
  expect(text).not.toContain(ID.slice(6, 14));
}

/** Every string held under a key ending in `Id` (caseId, handoffId, reminderId, …), at any depth. */
function idsIn(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return /Id$/.test(key) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => idsIn(v, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => idsIn(v, k));
  return [];
}

describe('one mask everywhere', () => {
  it('GET /cases/{id}/history and GET /cases show no phone or ID number the filing typed', async () => {
    const created = await mediator(
      'POST',
      '/cases',
      intake({
        platform: `美团 ${typedPhones[0]}`,
        employer: { kind: 'WORK_TEAM', name: `张三 ${typedPhones[1]} 装修队`, idNumber: residentId() },
        claims: [
          {
            category: 'WAGE_ARREARS',
            amountFen: 100_000,
            description: `工头电话 ${typedPhones[2]}，身份证ID${ID}abc`,
          },
          { category: 'OVERTIME', amountFen: 50_000, description: `打 ${typedPhones[3]}` },
        ],
      }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expectNoLeak(created.body);
    const caseId = created.body.caseId as string;

    const history = await mediator('GET', `/cases/${caseId}/history`);
    expect(history.status).toBe(200);
    expect(history.body.items[0].type).toBe('CASE_FILED');
    expectNoLeak(history.body);
    // Masked, not dropped: the reader still sees which phone was meant.
    expect(JSON.stringify(history.body)).toContain('138****5678');

    const list = await mediator('GET', '/cases?limit=100');
    const row = list.body.items.find((i: { caseId: string }) => i.caseId === caseId);
    expect(row).toBeDefined();
    expectNoLeak(list.body);
    // Ids that travel in URLs are URL-safe: no `#` in any id the answers carry.
    const handoffs = await mediator('GET', `/cases/${caseId}/handoffs`);
    const reminders = await mediator('GET', '/reminders?limit=100');
    for (const body of [created.body, history.body, list.body, handoffs.body, reminders.body]) {
      expect(idsIn(body).filter((id) => id.includes('#'))).toEqual([]);
    }
    const view = await mediator('GET', `/cases/${caseId}`);
    expect(row.employerName ?? row.employer?.name).toBe(view.body.employer.name);
  });
});

describe('X-Content-Type-Options: nosniff', () => {
  it('is on JSON answers, errors and CSV alike', async () => {
    const ok = await mediator('GET', '/cases?limit=1');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    const bad = await mediator('GET', '/cases?limit=banana');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('x-content-type-options')).toBe('nosniff');
    const missing = await mediator('GET', '/cases/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-content-type-options')).toBe('nosniff');
    const to = shanghaiDate(new Date());
    const csv = await fetch(`${stack.url}/stats?from=${to.slice(0, 7)}&to=${to.slice(0, 7)}&groupBy=post`, {
      headers: { authorization: `Bearer ${await tokenFor('supervisor', POST)}`, accept: 'text/csv' },
    });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv|application\/json/);
    expect(csv.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

/** The latest receipt date whose 15-day mediation period has ended by now (tests/e2e/clocks.test.ts). */
function lapsedReceipt(): string {
  const calendar = new PublishedHolidayCalendar();
  const today = shanghaiDate(new Date());
  for (let back = 16; ; back++) {
    const receivedOn = addDays(today, -back);
    if (
      periodDeadline(STATUTORY_PERIODS.MEDIATION, instantOf(receivedOn), calendar).at <
      new Date().toISOString()
    )
      return receivedOn;
  }
}

describe('the desk list', () => {
  it('pages on with a cursor asked for later: the window is the first page’s, not the request’s', async () => {
    const filed: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await mediator('POST', '/cases', intake({ receivedOn: lapsedReceipt() }));
      expect(created.status).toBe(201);
      filed.push(created.body.caseId as string);
    }
    const seen: string[] = [];
    let page = await mediator('GET', '/cases?due=overdue&limit=1');
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    for (let i = 0; i < 10 && page.body.nextCursor; i++) {
      seen.push(...page.body.items.map((c: { caseId: string }) => c.caseId));
      await new Promise((r) => setTimeout(r, 30));
      page = await mediator(
        'GET',
        `/cases?due=overdue&limit=1&cursor=${encodeURIComponent(page.body.nextCursor)}`,
      );
      expect(page.status, JSON.stringify(page.body)).toBe(200);
    }
    seen.push(...page.body.items.map((c: { caseId: string }) => c.caseId));
    expect(seen).toEqual(expect.arrayContaining(filed));
    expect(new Set(seen).size).toBe(seen.length);
    // A desk cursor is still no cursor of another list, nor of another window.
    const first = await mediator('GET', '/cases?due=overdue&limit=1');
    const foreign = await mediator(
      'GET',
      `/cases?due=week&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details.issues[0].field).toBe('cursor');
    const edited = await mediator('GET', `/cases?cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(edited.status).toBe(400);
  });
});

describe('a partner whose handoff has not arrived', () => {
  it('is refused with a 409 naming the handoff and its state (FAILED here: the institute refused it)', async () => {
    const created = await mediator('POST', '/cases', intake());
    const caseId = created.body.caseId as string;
    await mediator('POST', `/cases/${caseId}/actions`, { action: 'FAIL_MEDIATION', reason: 'No deal.' });
    const referred = await mediator('POST', `/cases/${caseId}/actions`, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: 'qd-closed-arbitration',
    });
    expect(referred.status, JSON.stringify(referred.body)).toBe(200);
    let handoff: { handoffId: string; status: string } | undefined;
    for (let i = 0; i < 200 && handoff?.status !== 'FAILED'; i++) {
      handoff = (await mediator('GET', `/cases/${caseId}/handoffs`)).body.items[0];
      if (handoff?.status !== 'FAILED') await new Promise((r) => setTimeout(r, 100));
    }
    expect(handoff?.status).toBe('FAILED');
    const res = await partnerClient(stack.url)(
      'qd-closed-arbitration',
      {
        type: 'arbitration.accepted',
        caseId,
        data: { reference: 'X-1', decidedOn: shanghaiDate(new Date()) },
      },
      { once: true },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expect(res.body.error.details).toMatchObject({ handoffStatus: 'FAILED', handoffId: handoff?.handoffId });
    expect(res.body.error.message).toMatch(/FAILED/);
    expect((await mediator('GET', `/cases/${caseId}`)).body.status).toBe('ARBITRATION_PENDING');
  }, 60_000);
});
