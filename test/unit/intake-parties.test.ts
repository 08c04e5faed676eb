import { describe, expect, it } from 'vitest';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import { maskedCase } from '../../domain/case/masked.ts';
import type { Case } from '../../domain/case/model.ts';
import type { HandoffRecord } from '../../domain/handoffs/model.ts';
import { handoffPackage } from '../../domain/handoffs/package.ts';
import { IllegalTransitionError, ValidationError } from '../../domain/shared/errors.ts';
import { depsWith, intake, mediator, residentId } from '../support/fixtures.ts';
import { MemoryCaseRepository } from '../support/memory-repository.ts';

/** The test clock starts at 2026-03-02 10:00 in Shanghai. */
const setup = () => {
  const repo = new MemoryCaseRepository();
  return { repo, deps: depsWith(repo) };
};

const workers = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    name: `Worker ${i}`,
    idNumber: residentId(`37020219900307${String(100 + i)}`),
    phone: '13812345678',
  }));
const claim = (over: Record<string, unknown> = {}) => ({
  category: 'WAGE_ARREARS',
  amountFen: 100_000,
  description: 'Unpaid wages',
  ...over,
});

/** The fields a refused filing names. */
async function refusedFields(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues.map((i) => i.field);
}

const AGENT_ID = residentId('37020219800101555');

describe('LDMAL art. 7: a collective dispute is ten or more workers with a common claim', () => {
  it('LDMAL art. 7: twelve workers whose claims are each their own are not collective (a head count is not enough)', async () => {
    const { deps } = setup();
    const c = await fileCase(
      deps,
      mediator,
      intake({
        workers: workers(12),
        claims: [
          claim({ workerIndexes: [0, 1, 2, 3, 4, 5] }),
          claim({ workerIndexes: [6, 7, 8, 9, 10, 11] }),
        ],
      }),
    );
    expect(c.collective).toBe(false);
  });

  it('LDMAL art. 7: a claim common to ten makes it collective, and its elected representatives are recorded', async () => {
    const { deps, repo } = setup();
    const common = {
      workers: workers(11),
      claims: [claim({ workerIndexes: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] })],
    };
    expect(await refusedFields(fileCase(deps, mediator, intake(common)))).toEqual(['representatives']);
    const c = await fileCase(deps, mediator, intake({ ...common, representatives: [0, 4, 9] }));
    expect(c).toMatchObject({ collective: true, representatives: [0, 4, 9] });
    const filed = repo.events.get(c.caseId)?.[0];
    expect(filed?.payload).toMatchObject({ collective: true, representatives: [0, 4, 9] });
    // A claim naming no workers is common to all of them.
    const all = await fileCase(deps, mediator, intake({ workers: workers(10), representatives: [3] }));
    expect(all.collective).toBe(true);
  });

  it('LDMAL art. 7: representatives are workers of the common claim, only in a collective dispute', async () => {
    const { deps } = setup();
    const common = {
      workers: workers(11),
      claims: [claim({ workerIndexes: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] })],
    };
    expect(
      await refusedFields(fileCase(deps, mediator, intake({ ...common, representatives: [10] }))),
    ).toEqual(['representatives[0]']);
    expect(
      await refusedFields(fileCase(deps, mediator, intake({ ...common, representatives: [12] }))),
    ).toEqual(['representatives[0]']);
    expect(await refusedFields(fileCase(deps, mediator, intake({ representatives: [0] })))).toEqual([
      'representatives',
    ]);
    expect(
      await refusedFields(fileCase(deps, mediator, intake({ ...common, representatives: [1, 1] }))),
    ).toEqual(['representatives']);
    expect(
      await refusedFields(fileCase(deps, mediator, intake({ claims: [claim({ workerIndexes: [0, 3] })] }))),
    ).toEqual(['claims[0].workerIndexes[1]']);
  });
});

describe('LDMAL arts. 24–25: who acts for whom', () => {
  const lawyer = {
    actsFor: 'WORKER',
    workerIndex: 0,
    role: 'APPOINTED_AGENT',
    agentKind: 'LAWYER',
    authority: 'SPECIAL',
    name: 'Zhao Lei',
    idNumber: AGENT_ID,
    phone: '139 1234 5678',
  };
  const guardian = {
    actsFor: 'WORKER',
    workerIndex: 1,
    role: 'LEGAL_REPRESENTATIVE',
    reason: 'MINOR',
    name: 'Li Mei',
  };
  const employerRep = { actsFor: 'EMPLOYER', role: 'LEGAL_REPRESENTATIVE', name: 'Chen Gang' };

  it('LDMAL arts. 24–25: records agents with their authority, masks their personal data, and keeps it out of the event', async () => {
    const { deps, repo } = setup();
    const c = await fileCase(
      deps,
      mediator,
      intake({ workers: workers(2), agents: [lawyer, guardian, employerRep] }),
    );
    expect(c.agents).toEqual([
      { ...lawyer, phone: '13912345678', appointedOn: '2026-03-02' },
      { ...guardian, appointedOn: '2026-03-02' },
      { ...employerRep, appointedOn: '2026-03-02' },
    ]);
    const shown = maskedCase(c).agents?.[0];
    expect(shown).toMatchObject({ idNumber: `370***********${AGENT_ID.slice(-4)}`, phone: '139****5678' });
    const event = JSON.stringify(repo.events.get(c.caseId)?.[0]?.payload);
    expect(event).toContain('"authority":"SPECIAL"');
    expect(event).not.toContain(AGENT_ID);
    expect(event).not.toContain('13912345678');
    expect(event).not.toContain('Zhao Lei');
  });

  it('LDMAL arts. 7, 24–25: a referral hands the representatives and the agents on with the parties', async () => {
    const { deps } = setup();
    const c = await fileCase(
      deps,
      mediator,
      intake({ workers: workers(10), representatives: [2], agents: [lawyer] }),
    );
    const pack = handoffPackage(
      c,
      { purpose: 'ARBITRATION_APPLICATION', requestedVersion: 1 } as HandoffRecord,
      [],
    );
    expect(pack.parties).toMatchObject({
      representatives: [2],
      agents: [{ role: 'APPOINTED_AGENT', idNumber: AGENT_ID }],
    });
  });

  it('LDMAL arts. 24–25: each role gives what it needs — the reason, the authority, a worker of the case, a valid ID', async () => {
    const { deps } = setup();
    const fields = (agent: Record<string, unknown>) =>
      refusedFields(fileCase(deps, mediator, intake({ agents: [agent] })));
    expect(await fields({ ...guardian, workerIndex: 0, reason: undefined })).toEqual(['agents[0].reason']);
    expect(await fields({ ...lawyer, authority: undefined })).toEqual(['agents[0].authority']);
    expect(await fields({ ...lawyer, agentKind: undefined })).toEqual(['agents[0].agentKind']);
    expect(await fields({ ...lawyer, workerIndex: undefined })).toEqual(['agents[0].workerIndex']);
    expect(await fields({ ...lawyer, workerIndex: 5 })).toEqual(['agents[0].workerIndex']);
    const wrongCheckDigit = AGENT_ID.slice(0, 17) + (AGENT_ID.endsWith('0') ? '1' : '0');
    expect(await fields({ ...lawyer, idNumber: wrongCheckDigit })).toEqual(['agents[0].idNumber']);
    expect(await fields({ ...lawyer, phone: '12345' })).toEqual(['agents[0].phone']);
    expect(await fields({ actsFor: 'EMPLOYER', role: 'NEXT_OF_KIN', name: 'X' })).toEqual([
      'agents[0].actsFor',
    ]);
    expect(await fields({ ...employerRep, reason: 'MINOR' })).toEqual(['agents[0].reason']);
    // The next of kin of a deceased worker (art. 25).
    const kin = await fileCase(
      deps,
      mediator,
      intake({
        agents: [
          { actsFor: 'WORKER', workerIndex: 0, role: 'NEXT_OF_KIN', relationship: 'spouse', name: 'Wu' },
        ],
      }),
    );
    expect(kin.agents?.[0]).toMatchObject({ role: 'NEXT_OF_KIN', relationship: 'spouse' });
  });

  it('LDMAL art. 24: APPOINT_AGENT adds an agent later, validated like the intake, the event without the person', async () => {
    const { deps, repo } = setup();
    const c = await fileCase(deps, mediator, intake());
    const bad = await actOnCase(deps, mediator, c.caseId, {
      action: 'APPOINT_AGENT',
      ...lawyer,
      workerIndex: 3,
    }).catch((e: unknown) => e);
    expect((bad as ValidationError).issues.map((i) => i.field)).toEqual(['workerIndex']);
    const appointed = await actOnCase(deps, mediator, c.caseId, { action: 'APPOINT_AGENT', ...lawyer });
    expect(appointed.status).toBe('FILED');
    expect(appointed.agents).toHaveLength(1);
    const event = (repo.events.get(c.caseId) ?? []).find((e) => e.action === 'APPOINT_AGENT');
    expect(event?.payload).toEqual({
      actsFor: 'WORKER',
      workerIndex: 0,
      role: 'APPOINTED_AGENT',
      agentKind: 'LAWYER',
      authority: 'SPECIAL',
      appointedOn: '2026-03-02',
    });
  });
});

describe('LDMAL arts. 12–13: the application and the decision to mediate', () => {
  const oral = {
    applicationForm: 'ORAL',
    oralRecord: { recordedOn: '2026-02-27', facts: 'Unpaid since August; call 13812345678.' },
  };

  it('LDMAL art. 12: an oral application is the record made on the spot; it was received that day', async () => {
    const { deps, repo } = setup();
    const c = await fileCase(deps, mediator, intake(oral));
    expect(c).toMatchObject({
      applicationForm: 'ORAL',
      receivedOn: '2026-02-27',
      oralRecord: oral.oralRecord,
    });
    expect(maskedCase(c).oralRecord?.facts).toBe('Unpaid since August; call 138****5678.');
    expect(repo.events.get(c.caseId)?.[0]?.payload).toMatchObject({
      applicationForm: 'ORAL',
      oralRecord: { recordedOn: '2026-02-27', facts: 'Unpaid since August; call 138****5678.' },
    });
    const written = await fileCase(deps, mediator, intake());
    expect(written).toMatchObject({ applicationForm: 'WRITTEN', oralRecord: null });

    expect(await refusedFields(fileCase(deps, mediator, intake({ applicationForm: 'ORAL' })))).toEqual([
      'oralRecord',
    ]);
    expect(await refusedFields(fileCase(deps, mediator, intake({ oralRecord: oral.oralRecord })))).toEqual([
      'oralRecord',
    ]);
    expect(
      await refusedFields(fileCase(deps, mediator, intake({ ...oral, receivedOn: '2026-02-26' }))),
    ).toEqual(['receivedOn']);
  });

  it('LDMAL art. 12: ACCEPT_MEDIATION begins mediation and records the notice to the other side on its event', async () => {
    const { deps, repo } = setup();
    const c = await fileCase(deps, mediator, intake());
    const notice = { on: '2026-03-02', to: 'EMPLOYER', means: 'PHONE' };
    const early = await actOnCase(deps, mediator, c.caseId, {
      action: 'ACCEPT_MEDIATION',
      notice: { ...notice, on: '2026-03-01' },
    }).catch((e: unknown) => e);
    expect((early as ValidationError).issues.map((i) => i.field)).toEqual(['notice.on']);
    const accepted = await actOnCase(deps, mediator, c.caseId, { action: 'ACCEPT_MEDIATION', notice });
    expect(accepted).toMatchObject({
      status: 'MEDIATING',
      mediationDecision: { decision: 'ACCEPTED', decidedOn: '2026-03-02', reason: null, notice },
    });
    const event = (repo.events.get(c.caseId) ?? []).find((e) => e.action === 'ACCEPT_MEDIATION');
    expect(event?.payload).toEqual({ notice });
  });

  it('LDMAL art. 12: DECLINE_MEDIATION ends the case CLOSED with the reason; a delegated case goes back instead', async () => {
    const { deps } = setup();
    const c = await fileCase(deps, mediator, intake());
    const notice = { on: '2026-03-02', to: 'WORKERS', means: 'WRITTEN' };
    const declined = await actOnCase(deps, mediator, c.caseId, {
      action: 'DECLINE_MEDIATION',
      reason: 'The employer refuses mediation.',
      notice,
    });
    expect(declined).toMatchObject({
      status: 'CLOSED',
      outcome: 'mediation declined: The employer refuses mediation.',
      mediationDecision: { decision: 'DECLINED', reason: 'The employer refuses mediation.', notice },
    });
    expect(declined.clocks.every((k) => k.status !== 'RUNNING')).toBe(true);

    const delegated = await fileCase(deps, mediator, intake({ origin: 'COURT_DELEGATED' }));
    const refused = await actOnCase(deps, mediator, delegated.caseId, {
      action: 'DECLINE_MEDIATION',
      reason: 'x',
      notice,
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(IllegalTransitionError);
    expect((refused as Error).message).toMatch(/handed back to its court/);
  });

  it('a case stored before parties, agents and application forms existed reads, masks and acts as before', async () => {
    const { deps, repo } = setup();
    const c = await fileCase(deps, mediator, intake());
    const {
      agents: _a,
      applicationForm: _f,
      oralRecord: _o,
      mediationDecision: _d,
      representatives: _r,
      limitationWarning: _w,
      ...old
    } = repo.cases.get(c.caseId) as Case;
    repo.cases.set(c.caseId, old as Case);
    expect(maskedCase(old as Case).agents).toBeUndefined();
    const assigned = await actOnCase(deps, mediator, c.caseId, {
      action: 'ASSIGN_MEDIATOR',
      mediatorId: 'm',
    });
    expect(assigned.status).toBe('MEDIATING');
    const appointed = await actOnCase(deps, mediator, c.caseId, {
      action: 'APPOINT_AGENT',
      actsFor: 'EMPLOYER',
      role: 'LEGAL_REPRESENTATIVE',
      name: 'Chen Gang',
    });
    expect(appointed.agents).toHaveLength(1);
  });
});
