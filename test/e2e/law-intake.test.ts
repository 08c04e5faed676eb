import { describe, expect, it } from 'vitest';
import { addDays } from '../../domain/clocks/legal-time.ts';
import { intake, residentId } from '../support/fixtures.ts';
import { lawStack, today } from '../support/law-stack.ts';

/**
 * Intake and limitation over HTTP on the local stack (issue 18, points 3 and 13 and two procedures): a
 * collective case with its representatives (LDMAL art. 7) and an agent (arts. 24–25), an oral application
 * (art. 12), the post accepting or declining to mediate, a referral past the limitation going ahead with a
 * warning (art. 27), and the limitation suspended and resumed (art. 27(3)). Time moves by `POST /_local/clock`.
 */

const { mediator, setClock, act } = lawStack();

async function file(body: Record<string, unknown>, expected = 201) {
  const res = await mediator('POST', '/cases', intake(body));
  expect(res.status, JSON.stringify(res.body)).toBe(expected);
  return res.body;
}

async function history(caseId: string) {
  const res = await mediator('GET', `/cases/${caseId}/history?limit=100`);
  expect(res.status).toBe(200);
  return res.body.items as { action: string; type: string; payload: Record<string, unknown> }[];
}

type Clock = { clock: string; status: string; dueOn: string; pausedOn?: string };
const limitationClock = (c: { clocks: Clock[] }) => c.clocks.filter((k) => k.clock === 'LIMITATION').at(-1);

const workers = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    name: `工人${i}`,
    idNumber: residentId(`37020219900307${String(100 + i)}`),
    phone: '13812345678',
  }));
const AGENT_ID = residentId('37020219800101555');
const lawyer = {
  actsFor: 'WORKER',
  workerIndex: 0,
  role: 'APPOINTED_AGENT',
  agentKind: 'UNION_STAFF',
  authority: 'SPECIAL',
  name: '赵律师',
  idNumber: AGENT_ID,
  phone: '139 1234 5678',
};
const dismissal = [
  { category: 'DISMISSAL_COMPENSATION', amountFen: 500_000, description: '违法解除劳动合同' },
];

describe('intake: collective disputes, agents, oral applications (LDMAL arts. 7, 12, 24–25)', () => {
  it('files a collective case of ten or more workers with a common claim, its representatives and an agent; personal data masked', async () => {
    const common = {
      workers: workers(11),
      claims: [{ ...dismissal[0], workerIndexes: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] }],
    };
    const missing = await file(common, 400);
    expect(missing.error.details.issues.map((i: { field: string }) => i.field)).toEqual(['representatives']);
    expect(missing.error.message).toMatch(/LDMAL art\. 7/);

    const c = await file({ ...common, representatives: [0, 1, 2], agents: [lawyer] });
    expect(c).toMatchObject({ collective: true, representatives: [0, 1, 2], applicationForm: 'WRITTEN' });
    expect(c.agents[0]).toMatchObject({
      role: 'APPOINTED_AGENT',
      authority: 'SPECIAL',
      idNumber: `370***********${AGENT_ID.slice(-4)}`,
      phone: '139****5678',
    });
    const filed = (await history(c.caseId))[0];
    expect(JSON.stringify(filed?.payload)).not.toContain(AGENT_ID.slice(6, 14));
    expect(JSON.stringify(filed?.payload)).not.toContain('赵律师');
    expect(filed?.payload).toMatchObject({ collective: true, representatives: [0, 1, 2] });

    // Eleven workers whose claims are each their own are not collective: a head count is not enough.
    const separate = await file({
      workers: workers(11),
      claims: [
        { ...dismissal[0], workerIndexes: [0, 1, 2, 3, 4] },
        { ...dismissal[0], workerIndexes: [5, 6, 7, 8, 9, 10] },
      ],
    });
    expect(separate.collective).toBe(false);

    // An agent appointed later (art. 24), refused without the authority the power of attorney gives.
    const bad = await act(c.caseId, { action: 'APPOINT_AGENT', ...lawyer, authority: undefined }, 400);
    expect(bad.error.details.issues.map((i: { field: string }) => i.field)).toEqual(['authority']);
    const appointed = await act(c.caseId, {
      action: 'APPOINT_AGENT',
      actsFor: 'EMPLOYER',
      role: 'LEGAL_REPRESENTATIVE',
      name: '陈刚',
    });
    expect(appointed.agents).toHaveLength(2);
    expect(appointed.status).toBe('FILED');
  });

  it('files an oral application as the record made on the spot, received that day (art. 12)', async () => {
    const recordedOn = addDays(today(), -1);
    const c = await file({
      applicationForm: 'ORAL',
      oralRecord: { recordedOn, facts: '申请人称自去年八月起未领工资，联系电话13812345678。' },
    });
    expect(c).toMatchObject({ applicationForm: 'ORAL', receivedOn: recordedOn });
    expect(c.oralRecord.facts).toBe('申请人称自去年八月起未领工资，联系电话138****5678。');
    const refused = await file({ applicationForm: 'ORAL' }, 400);
    expect(refused.error.details.issues.map((i: { field: string }) => i.field)).toEqual(['oralRecord']);
  });
});

describe('the post accepts or declines to mediate, and tells the other side (arts. 12–13)', () => {
  it('ACCEPT_MEDIATION begins mediation with the notice on its event; DECLINE_MEDIATION closes a case with the reason', async () => {
    const accepted = await file({});
    const notice = { on: today(), to: 'EMPLOYER', means: 'PHONE' };
    const mediating = await act(accepted.caseId, { action: 'ACCEPT_MEDIATION', notice });
    expect(mediating).toMatchObject({
      status: 'MEDIATING',
      mediationDecision: { decision: 'ACCEPTED', notice },
    });
    const event = (await history(accepted.caseId)).find((e) => e.action === 'ACCEPT_MEDIATION');
    expect(event?.payload).toEqual({ notice });

    const declined = await file({});
    const closed = await act(declined.caseId, {
      action: 'DECLINE_MEDIATION',
      reason: '用人单位拒绝调解，告知申请人可直接申请仲裁。',
      notice: { on: today(), to: 'WORKERS', means: 'WRITTEN' },
    });
    expect(closed).toMatchObject({ status: 'CLOSED', mediationDecision: { decision: 'DECLINED' } });
    expect(closed.outcome).toMatch(/^mediation declined: /);
    // A closed case takes nothing more, and a case already mediating cannot be declined.
    await act(declined.caseId, { action: 'ACCEPT_MEDIATION', notice }, 409);
    await act(
      accepted.caseId,
      { action: 'DECLINE_MEDIATION', reason: 'x', notice: { ...notice, to: 'WORKERS' } },
      409,
    );
  });
});

describe('the limitation is a defence, not a gate (LDMAL art. 27)', () => {
  it('suspends and resumes the restarted year, then refers 400 days after the failed mediation with a warning, not a refusal', async () => {
    const suspended = await file({ claims: dismissal, knewOn: addDays(today(), -30) });
    const late = await file({ claims: dismissal, knewOn: addDays(today(), -30) });
    for (const c of [suspended, late]) await act(c.caseId, { action: 'FAIL_MEDIATION', reason: '调解不成' });

    const failed = (await mediator('GET', `/cases/${late.caseId}`)).body;
    const restarted = limitationClock(failed);
    expect(restarted).toMatchObject({ status: 'RUNNING' });

    // Art. 27(3): in the year's last six months a legitimate reason pauses it; resumed ten days later.
    await setClock(250);
    const paused = await act(suspended.caseId, {
      action: 'SUSPEND_LIMITATION',
      ground: 'LEGITIMATE_REASON',
      reason: '劳动者住院治疗。',
    });
    expect(limitationClock(paused)).toMatchObject({ status: 'PAUSED' });
    await setClock(260);
    const resumed = await act(suspended.caseId, { action: 'RESUME_LIMITATION', note: '劳动者已出院。' });
    const moved = limitationClock(resumed);
    expect(moved?.status).toBe('RUNNING');
    expect((moved?.dueOn ?? '') > (restarted?.dueOn ?? '')).toBe(true);
    const kinds = (await history(suspended.caseId)).map((e) => e.action);
    expect(kinds).toEqual(expect.arrayContaining(['SUSPEND_LIMITATION', 'RESUME_LIMITATION']));

    // Art. 27(2): the year restarted when the mediation failed; 400 days on, the referral goes ahead, warned.
    await setClock(400);
    const gone = await act(
      late.caseId,
      {
        action: 'REFER_TO_ARBITRATION',
        arbitrationId: 'qd-arbitration',
        limitationOverride: { reason: 'x' },
      },
      400,
    );
    expect(gone.error.details.issues.map((i: { field: string }) => i.field)).toEqual(['limitationOverride']);
    const referred = await act(late.caseId, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: 'qd-arbitration',
    });
    expect(referred.status).toBe('ARBITRATION_PENDING');
    expect(referred.limitationWarning).toMatchObject({
      article: 'LDMAL art. 27',
      lastDay: restarted?.dueOn,
      why: 'ENDED_AFTER_INTERRUPTION',
    });
    const event = (await history(late.caseId)).find(
      (e) => e.action === 'REFER_TO_ARBITRATION' && e.type === 'ACTION_APPLIED',
    );
    expect(event?.payload.limitationWarning).toEqual(referred.limitationWarning);
    await setClock(0);
  });
});
