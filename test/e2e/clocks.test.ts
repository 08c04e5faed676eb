import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantOf } from '../../domain/clocks/clock.ts';
import { addDays, periodDeadline, shanghaiDate } from '../../domain/clocks/legal-time.ts';
import { STATUTORY_PERIODS } from '../../domain/clocks/periods.ts';
import { PublishedHolidayCalendar } from '../../functions/adapters/holiday-calendar.ts';
import { LOCAL_SLA_PATH } from '../../infra/local/sla-control.ts';
import { intake, POST } from '../support/fixtures.ts';
import { apiClient, launchLocalStack, type RunningStack, tokenFor } from '../support/local-stack.ts';

/** Statutory clocks over HTTP: derived from the actions, shown on the case, acting on the lifecycle. */

let stack: RunningStack;
let mediator: ReturnType<typeof apiClient>;
let supervisor: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await launchLocalStack(['--port', '0', '--partners=manual']);
  mediator = apiClient(stack.url, await tokenFor('mediator', POST));
  supervisor = apiClient(stack.url, await tokenFor('supervisor', POST));
});
afterAll(async () => {
  await stack?.stop();
});

const today = () => shanghaiDate(new Date());

/** The latest receipt date, 16 days back or more, whose 15-day mediation period has ended by now. */
function lapsedReceipt(): string {
  const calendar = new PublishedHolidayCalendar();
  for (let back = 16; ; back++) {
    const receivedOn = addDays(today(), -back);
    const due = periodDeadline(STATUTORY_PERIODS.MEDIATION, instantOf(receivedOn), calendar);
    if (due.at < new Date().toISOString()) return receivedOn;
  }
}
type Clock = { clock: string; status: string; dueOn: string; dueAt: string; startedOn: string };

describe('statutory clocks', () => {
  it('a case received 16 days ago (more, if its last day rolled past rest days) shows its lapsed mediation clock, sits on the overdue desk and goes to arbitration from MEDIATING', async () => {
    const receivedOn = lapsedReceipt();
    const created = await mediator('POST', '/cases', intake({ receivedOn }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const caseId = created.body.caseId as string;
    const mediation = (created.body.clocks as Clock[]).find((c) => c.clock === 'MEDIATION');
    expect(mediation).toMatchObject({ startedOn: receivedOn, status: 'RUNNING' });
    expect(mediation && mediation.dueAt < new Date().toISOString()).toBe(true);

    // One sweep as now (what `npm run sla` runs): the clock expires and the overdue reminder reaches the
    // post's supervisors (a catch-up over earlier stages may take a sweep or two more).
    for (let i = 0; i < 5; i++) {
      const sweep = await fetch(`${stack.url}${LOCAL_SLA_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ at: new Date().toISOString() }),
      });
      expect(sweep.status).toBe(200);
      const inbox = await supervisor('GET', '/reminders?status=OPEN&limit=100');
      if (
        inbox.body.items.some(
          (r: { caseId: string; stage: string }) => r.caseId === caseId && r.stage === 'OVERDUE',
        )
      )
        break;
    }
    const inbox = await supervisor('GET', '/reminders?status=OPEN&limit=100');
    expect(
      inbox.body.items.filter(
        (r: { caseId: string; stage: string }) => r.caseId === caseId && r.stage === 'OVERDUE',
      ),
    ).toHaveLength(1);
    const expired = await mediator('GET', `/cases/${caseId}`);
    expect((expired.body.clocks as Clock[]).find((c) => c.clock === 'MEDIATION')?.status).toBe('EXPIRED');

    const overdue = await mediator('GET', '/cases?due=overdue&limit=100');
    expect(overdue.status).toBe(200);
    expect(overdue.body.items.map((i: { caseId: string }) => i.caseId)).toContain(caseId);
    const week = await mediator('GET', '/cases?due=week&limit=100');
    expect(week.body.items.map((i: { caseId: string }) => i.caseId)).not.toContain(caseId);

    await mediator('POST', `/cases/${caseId}/actions`, { action: 'ASSIGN_MEDIATOR', mediatorId: 'm-1' });
    const referred = await mediator('POST', `/cases/${caseId}/actions`, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: 'qd-arbitration',
    });
    expect(referred.status, JSON.stringify(referred.body)).toBe(200);
    expect(referred.body.status).toBe('ARBITRATION_PENDING');
    // The institute's 5 working days run from its receipt: the referral's delivery (LDMAL art. 29).
    let clocks = referred.body.clocks as Clock[];
    for (let i = 0; i < 50 && !clocks.some((c) => c.clock === 'ARBITRATION_ACCEPTANCE'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      clocks = (await mediator('GET', `/cases/${caseId}`)).body.clocks as Clock[];
    }
    expect(clocks.find((c) => c.clock === 'ARBITRATION_ACCEPTANCE')?.status).toBe('RUNNING');
  });

  it('keeps a fresh case in MEDIATING until its period ends (409 naming the article)', async () => {
    const created = await mediator('POST', '/cases', intake());
    const caseId = created.body.caseId as string;
    await mediator('POST', `/cases/${caseId}/actions`, { action: 'ASSIGN_MEDIATOR', mediatorId: 'm-1' });
    const early = await mediator('POST', `/cases/${caseId}/actions`, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: 'qd-arbitration',
    });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/LDMAL art\. 14/);
    const desk = await mediator('GET', '/cases?due=week&limit=100');
    expect(desk.body.items.map((i: { caseId: string }) => i.caseId)).not.toContain(caseId);
  });

  it('refers past the limitation with a warning, not a refusal; limitationOverride is gone (LDMAL art. 27)', async () => {
    const claims = [{ category: 'DISMISSAL_COMPENSATION', amountFen: 100_000, description: 'Dismissed' }];
    const created = await mediator('POST', '/cases', intake({ claims, knewOn: addDays(today(), -500) }));
    const caseId = created.body.caseId as string;
    await mediator('POST', `/cases/${caseId}/actions`, { action: 'FAIL_MEDIATION', reason: 'No deal.' });
    const bad = await mediator('POST', `/cases/${caseId}/actions`, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: 'qd-arbitration',
      limitationOverride: { reason: 'The employer promised in writing to pay, which interrupted it.' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].field).toBe('limitationOverride');
    const referred = await mediator('POST', `/cases/${caseId}/actions`, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: 'qd-arbitration',
    });
    expect(referred.status).toBe(200);
    expect(referred.body.limitationWarning).toMatchObject({
      article: 'LDMAL art. 27',
      why: 'ENDED_BEFORE_APPLICATION',
    });
  });

  it('names the field of a bad receipt date or desk window', async () => {
    for (const receivedOn of [addDays(today(), 1), addDays(today(), -400), '2026-02-30', 20260101]) {
      const res = await mediator('POST', '/cases', intake({ receivedOn }));
      expect(res.status, String(receivedOn)).toBe(400);
      expect(res.body.error.details.issues[0].field).toBe('receivedOn');
    }
    const res = await mediator('GET', '/cases?due=yesterday');
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].field).toBe('due');
    expect((await mediator('GET', '/cases?due=today&status=FILED')).status).toBe(400);
  });
});
