import { describe, expect, it } from 'vitest';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import { listCases } from '../../domain/case/list-cases.ts';
import type { Case } from '../../domain/case/model.ts';
import type { HolidayCalendar } from '../../domain/clocks/calendar.ts';
import { expireClock } from '../../domain/clocks/expire-clock.ts';
import { recomputeClocks } from '../../domain/clocks/recompute-clocks.ts';
import { listHandoffs } from '../../domain/handoffs/list-handoffs.ts';
import { refOf } from '../../domain/handoffs/model.ts';
import { recordDelivery } from '../../domain/handoffs/record-outcome.ts';
import { IllegalTransitionError, ValidationError } from '../../domain/shared/errors.ts';
import { DAY, depsWith, intake, mediator, POST } from '../support/fixtures.ts';
import { MemoryCaseRepository } from '../support/memory-repository.ts';

/** The test clock starts at 2026-03-02 10:00 in Shanghai. */
const setup = () => {
  const repo = new MemoryCaseRepository();
  return { repo, deps: depsWith(repo) };
};
const arbitrationClerk = { sub: 'clerk', role: 'arbitration' as const, postId: 'qd-arbitration' };
const clockOf = (c: Case, clock: string) => c.clocks.find((k) => k.clock === clock);

/** The referral reaches the institute: its receipt starts the acceptance clock (LDMAL art. 29). */
async function deliver(deps: ReturnType<typeof setup>['deps'], caseId: string): Promise<Case> {
  const [handoff] = (await listHandoffs(deps, mediator, caseId, {})).items;
  if (!handoff) throw new Error('no handoff');
  await recordDelivery(deps, refOf(handoff), 'QDLA-1');
  return (await deps.cases.get(caseId)) as Case;
}

describe('statutory clocks on a case', () => {
  it('counts the mediation period from receipt of the application, with its reminder plan (LDMAL art. 14)', async () => {
    const { deps } = setup();
    const c = await fileCase(deps, mediator, intake({ receivedOn: '2026-02-20' }));
    const mediation = clockOf(c, 'MEDIATION');
    // 20 Feb + 15 calendar days = 7 Mar, a Saturday: the last day moves to Monday 9 Mar (Civil Code art. 203).
    expect(mediation).toMatchObject({
      status: 'RUNNING',
      startedOn: '2026-02-20',
      dueOn: '2026-03-09',
      unit: 'CALENDAR_DAYS',
      basis: 'LDMAL art. 14',
      provisional: false,
      updatedVersion: 1,
    });
    expect(mediation?.reminders).toEqual([
      { stage: 'DUE_IN_3_WORKING_DAYS', on: '2026-03-04' },
      { stage: 'DUE_IN_1_WORKING_DAY', on: '2026-03-06' },
      { stage: 'DUE_TODAY', on: '2026-03-09' },
      { stage: 'OVERDUE', on: '2026-03-10' },
    ]);
    expect(c.mediationDueAt).toBe(mediation?.dueAt);
    expect(c.receivedOn).toBe('2026-02-20');
  });

  it('refuses a receipt date in the future or more than a year back, naming the field', async () => {
    const { deps } = setup();
    for (const receivedOn of ['2026-03-03', '2025-03-01']) {
      const error = await fileCase(deps, mediator, intake({ receivedOn })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]?.field).toBe('receivedOn');
    }
    await expect(fileCase(deps, mediator, intake({ receivedOn: '2025-03-02' }))).resolves.toBeTruthy();
  });

  it('opens arbitration straight from MEDIATING once the mediation period ran out, not before', async () => {
    const { deps } = setup();
    const early = await fileCase(deps, mediator, intake());
    await actOnCase(deps, mediator, early.caseId, { action: 'ASSIGN_MEDIATOR', mediatorId: 'm' });
    const refused = await actOnCase(deps, mediator, early.caseId, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: 'qd-arbitration',
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(IllegalTransitionError);
    expect((refused as Error).message).toMatch(/art\. 14/);

    const late = await fileCase(deps, mediator, intake({ receivedOn: '2026-02-12' }));
    await actOnCase(deps, mediator, late.caseId, { action: 'ASSIGN_MEDIATOR', mediatorId: 'm' });
    const referred = await actOnCase(deps, mediator, late.caseId, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: 'qd-arbitration',
    });
    expect(referred.status).toBe('ARBITRATION_PENDING');
    // The lapsed mediation clock is stopped, not met; the institute's 5 working days start on its receipt.
    expect(clockOf(referred, 'MEDIATION')?.status).toBe('STOPPED');
    expect(clockOf(await deliver(deps, late.caseId), 'ARBITRATION_ACCEPTANCE')).toMatchObject({
      status: 'RUNNING',
      unit: 'WORKING_DAYS',
      startedOn: '2026-03-02',
      dueOn: '2026-03-09',
    });
  });

  it('LDMAL art. 27: refers past the one-year limitation with a warning naming the article and the last day, not a refusal', async () => {
    const { deps } = setup();
    const c = await fileCase(
      deps,
      mediator,
      intake({
        receivedOn: '2026-02-01',
        knewOn: '2024-12-20',
        claims: [{ category: 'DISMISSAL_COMPENSATION', amountFen: 100, description: 'Dismissed' }],
      }),
    );
    await actOnCase(deps, mediator, c.caseId, { action: 'FAIL_MEDIATION', reason: 'no deal' });
    // limitationOverride is gone: the referral no longer needs it.
    const stale = await actOnCase(deps, mediator, c.caseId, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: 'qd-arbitration',
      limitationOverride: { reason: 'The employer acknowledged the debt in writing on 2025-06-01.' },
    }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ValidationError);
    const referred = await actOnCase(deps, mediator, c.caseId, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: 'qd-arbitration',
    });
    expect(referred.status).toBe('ARBITRATION_PENDING');
    // 20 Dec 2024 + 1 year = Sat 20 Dec 2025, moved to Mon 22 Dec (Civil Code art. 203).
    expect(referred.limitationWarning).toMatchObject({
      article: 'LDMAL art. 27',
      lastDay: '2025-12-22',
      why: 'ENDED_BEFORE_APPLICATION',
    });
  });

  it('starts the award period from the acceptance date and ends the acceptance clock as met', async () => {
    const { deps } = setup();
    const c = await fileCase(deps, mediator, intake());
    await actOnCase(deps, mediator, c.caseId, { action: 'FAIL_MEDIATION', reason: 'no deal' });
    await actOnCase(deps, mediator, c.caseId, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: 'qd-arbitration',
    });
    await deliver(deps, c.caseId);
    const accepted = await actOnCase(deps, arbitrationClerk, c.caseId, {
      action: 'ACCEPT_FOR_ARBITRATION',
      reference: 'QDLA-1',
      decidedOn: '2026-03-02',
    });
    expect(clockOf(accepted, 'ARBITRATION_ACCEPTANCE')?.status).toBe('MET');
    // 2 Mar + 45 days = 16 Apr (LDMAL art. 43).
    expect(clockOf(accepted, 'ARBITRATION_AWARD')).toMatchObject({ status: 'RUNNING', dueOn: '2026-04-16' });
    expect(clockOf(accepted, 'MEDIATION')?.status).toBe('MET');
  });

  it('stops every running clock at a terminal state', async () => {
    const { deps } = setup();
    const c = await fileCase(deps, mediator, intake());
    const withdrawn = await actOnCase(deps, mediator, c.caseId, {
      action: 'WITHDRAW',
      reason: 'settled privately',
    });
    expect(withdrawn.clocks.every((k) => k.status !== 'RUNNING')).toBe(true);
  });

  it('records an expiry once, after the end only, and it opens the way to court (LDMAL art. 29)', async () => {
    const { deps } = setup();
    const c = await fileCase(deps, mediator, intake());
    await actOnCase(deps, mediator, c.caseId, { action: 'FAIL_MEDIATION', reason: 'no deal' });
    await actOnCase(deps, mediator, c.caseId, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: 'qd-arbitration',
    });
    const acceptance = clockOf(await deliver(deps, c.caseId), 'ARBITRATION_ACCEPTANCE');
    if (!acceptance) throw new Error('no acceptance clock');
    expect(await expireClock(deps, c.caseId, acceptance.clockId)).toBe('not-due');
    const tooEarly = await actOnCase(deps, mediator, c.caseId, {
      action: 'REFER_TO_COURT',
      courtId: 'qd-shinan-court',
      application: 'LITIGATION',
    }).catch((e: unknown) => e);
    expect(tooEarly).toBeInstanceOf(IllegalTransitionError);

    deps.clock.advance(8 * DAY);
    expect(await expireClock(deps, c.caseId, acceptance.clockId)).toBe('expired');
    expect(await expireClock(deps, c.caseId, acceptance.clockId)).toBe('not-running');
    const { items } = await deps.cases.history(c.caseId, { limit: 50 });
    expect(items.filter((e) => e.type === 'CLOCK_EXPIRED')).toHaveLength(1);
    const sued = await actOnCase(deps, mediator, c.caseId, {
      action: 'REFER_TO_COURT',
      courtId: 'qd-shinan-court',
      application: 'LITIGATION',
    });
    expect(sued.status).toBe('LITIGATION_PENDING');
    expect(clockOf(sued, 'ARBITRATION_ACCEPTANCE')?.status).toBe('EXPIRED');
  });

  it('recomputes a provisional deadline once the year is loaded', async () => {
    const repo = new MemoryCaseRepository();
    const published = depsWith(repo).calendar;
    let known = false;
    const calendar: HolidayCalendar = {
      isRestDay: (date) => (date.startsWith('2026-') && !known ? null : published.isRestDay(date)),
    };
    const deps = { ...depsWith(repo), calendar };
    const c = await fileCase(deps, mediator, intake());
    expect(clockOf(c, 'MEDIATION')?.provisional).toBe(true);
    expect(await recomputeClocks(deps, c.caseId)).toBe(false);
    known = true;
    expect(await recomputeClocks(deps, c.caseId)).toBe(true);
    const after = await repo.get(c.caseId);
    expect(after && clockOf(after, 'MEDIATION')).toMatchObject({ provisional: false, status: 'RUNNING' });
    expect(await recomputeClocks(deps, c.caseId)).toBe(false);
  });

  it('lists the desk by next deadline: overdue, today, this week', async () => {
    const { deps } = setup();
    const overdue = await fileCase(deps, mediator, intake({ receivedOn: '2026-02-10' }));
    const week = await fileCase(deps, mediator, intake({ receivedOn: '2026-02-17' }));
    const later = await fileCase(deps, mediator, intake());
    const ids = async (due: 'overdue' | 'today' | 'week') =>
      (await listCases(deps, mediator, { due })).items.map((i) => i.caseId);
    expect(await ids('overdue')).toEqual([overdue.caseId]);
    expect(await ids('week')).toEqual([week.caseId]);
    expect(await ids('week')).not.toContain(later.caseId);
    const items = (await listCases(deps, mediator, { due: 'week', postId: POST })).items;
    expect(items[0]?.nextDueAt).toBe(week.mediationDueAt);
  });
});
