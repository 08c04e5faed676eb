import { describe, expect, it } from 'vitest';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import { listCases } from '../../domain/case/list-cases.ts';
import { readCase } from '../../domain/case/read-case.ts';
import { readHistory } from '../../domain/case/read-history.ts';
import {
  ForbiddenError,
  IllegalTransitionError,
  NotFoundError,
  ValidationError,
  VersionConflictError,
} from '../../domain/shared/errors.ts';
import {
  admin,
  agreement,
  DAY,
  depsWith,
  intake,
  mediator,
  OTHER_POST,
  outsider,
  POST,
  residentId,
  settle,
} from '../support/fixtures.ts';
import { MemoryCaseRepository } from '../support/memory-repository.ts';

const setup = () => {
  const repo = new MemoryCaseRepository();
  return { repo, deps: depsWith(repo) };
};

/** A case with one session and a signed agreement (perform by 2026-03-10). */
async function settled(deps: ReturnType<typeof setup>['deps'], origin = 'WALK_IN', amountFen = 100) {
  const c = await fileCase(deps, mediator, intake({ origin }));
  await settle(deps, mediator, c.caseId, { amountFen });
  return c.caseId;
}

describe('filing a case', () => {
  it('allocates a per-post yearly number, derives flags and sets the 15-day mediation clock', async () => {
    const { deps } = setup();
    const first = await fileCase(deps, mediator, intake());
    const second = await fileCase(
      deps,
      mediator,
      intake({
        platform: 'Meituan',
        workers: Array.from({ length: 10 }, (_, i) => ({
          name: `Worker ${i}`,
          idNumber: residentId(`3702021990030712${i}`),
          phone: '13812345678',
        })),
        // Ten workers with a common claim elect representatives (LDMAL art. 7).
        representatives: [0, 1, 2],
      }),
    );
    expect(first.caseNumber).toBe(`${POST}-2026-000001`);
    expect(second.caseNumber).toBe(`${POST}-2026-000002`);
    expect(first).toMatchObject({ status: 'FILED', version: 1, collective: false, newEmploymentForm: false });
    expect(second).toMatchObject({ collective: true, newEmploymentForm: true, platform: 'Meituan' });
    // Filed 2026-03-02 10:00 CST; 15 days not counting the start day end on 17 March, CST midnight.
    expect(first.mediationDueAt).toBe('2026-03-17T15:59:59.999Z');
    expect(first.claimedFen).toBe(1_250_000);
  });

  it('gives court-delegated cases the court-delegation period', async () => {
    const { deps } = setup();
    const c = await fileCase(deps, mediator, intake({ origin: 'COURT_DELEGATED' }));
    expect(c.mediationDueAt).toBe('2026-04-01T15:59:59.999Z');
  });

  it('names the field when an ID number has a wrong check digit', async () => {
    const { deps } = setup();
    const bad = intake({ workers: [{ name: 'A', idNumber: '110105194912310021', phone: '13812345678' }] });
    const error = await fileCase(deps, mediator, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.field).toBe('workers[0].idNumber');
  });

  it('rejects unknown fields and fractional money', async () => {
    const { deps } = setup();
    const error = (await fileCase(
      deps,
      mediator,
      intake({ colour: 'red', claims: [{ category: 'OVERTIME', amountFen: 10.5, description: 'x' }] }),
    ).catch((e: unknown) => e)) as ValidationError;
    expect(error.issues.map((i) => i.field).sort()).toEqual(['claims[0].amountFen', 'colour']);
  });

  it('says what is wrong with an amount: fractional, negative, missing', async () => {
    const { deps } = setup();
    const messages = async (amountFen: unknown) => {
      const claim = {
        category: 'OVERTIME',
        description: 'x',
        ...(amountFen === undefined ? {} : { amountFen }),
      };
      const error = (await fileCase(deps, mediator, intake({ claims: [claim] })).catch(
        (e: unknown) => e,
      )) as ValidationError;
      expect(error).toBeInstanceOf(ValidationError);
      return error.issues.map((i) => `${i.field}: ${i.message}`);
    };
    expect(await messages(10.5)).toEqual(['claims[0].amountFen: must be whole fen']);
    expect(await messages(-1)).toEqual(['claims[0].amountFen: must be at least 0']);
    expect(await messages(undefined)).toEqual(['claims[0].amountFen: is required']);
  });

  it('lets a mediator file only for its own post', async () => {
    const { deps } = setup();
    await expect(fileCase(deps, mediator, intake({ postId: OTHER_POST }))).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(fileCase(deps, admin, intake({ postId: OTHER_POST }))).resolves.toMatchObject({
      postId: OTHER_POST,
    });
  });

  it('records a CASE_FILED event without ID numbers, phones or names', async () => {
    const { deps } = setup();
    const c = await fileCase(deps, mediator, intake());
    const { items } = await readHistory(deps, mediator, c.caseId, {});
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      type: 'CASE_FILED',
      version: 1,
      from: null,
      to: 'FILED',
      actor: mediator,
    });
    const text = JSON.stringify(items);
    expect(text).not.toContain(c.workers[0]?.idNumber);
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('Wang Fang');
  });
});

describe('acting on a case', () => {
  it('walks a settled case from filing to close, one version per action', async () => {
    const { deps } = setup();
    const c = await fileCase(deps, mediator, intake());
    deps.clock.advance(DAY);
    await actOnCase(deps, mediator, c.caseId, { action: 'ASSIGN_MEDIATOR', mediatorId: 'mediator-1' });
    await actOnCase(deps, mediator, c.caseId, {
      action: 'RECORD_SESSION',
      heldAt: deps.clock.now(),
      notes: 'Both parties attended.',
    });
    await actOnCase(deps, mediator, c.caseId, {
      action: 'SIGN_AGREEMENT',
      ...agreement({
        terms: 'Employer pays arrears in two instalments.',
        amountFen: 1_000_000,
        performBy: '2026-03-20',
        effectiveOn: '2026-03-03',
      }),
    });
    const partial = await actOnCase(deps, mediator, c.caseId, {
      action: 'RECORD_PERFORMANCE',
      paidFen: 400_000,
    });
    expect(partial.status).toBe('SETTLED');
    const paid = await actOnCase(deps, mediator, c.caseId, {
      action: 'RECORD_PERFORMANCE',
      paidFen: 600_000,
    });
    expect(paid.status).toBe('PERFORMED');
    const closed = await actOnCase(deps, mediator, c.caseId, {
      action: 'CLOSE',
      resolution: 'Paid in full.',
    });
    expect(closed).toMatchObject({ status: 'CLOSED', version: 7, outcome: 'Paid in full.' });
    const { items } = await readHistory(deps, mediator, c.caseId, {});
    expect(items.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('refuses an overpayment naming paidFen', async () => {
    const { deps, repo } = setup();
    const caseId = await settled(deps, 'WALK_IN', 100);
    const c = { caseId };
    const error = (await actOnCase(deps, mediator, c.caseId, {
      action: 'RECORD_PERFORMANCE',
      paidFen: 101,
    }).catch((e: unknown) => e)) as ValidationError;
    expect(error.issues[0]?.field).toBe('paidFen');
    expect((await repo.get(c.caseId))?.version).toBe(4);
  });

  it('refers a failed pre-arbitration mediation to arbitration with a handoff event', async () => {
    const { deps } = setup();
    const c = await fileCase(deps, mediator, intake({ origin: 'ARBITRATION_PRE_MEDIATION' }));
    await actOnCase(deps, mediator, c.caseId, {
      action: 'FAIL_MEDIATION',
      reason: 'Employer did not attend.',
    });
    const referred = await actOnCase(deps, mediator, c.caseId, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: 'qd-arbitration',
    });
    expect(referred.status).toBe('ARBITRATION_PENDING');
    expect(referred.lastHandoff?.destination).toEqual({ kind: 'ARBITRATION', id: 'qd-arbitration' });
    const { items } = await readHistory(deps, mediator, c.caseId, {});
    const handoff = items.find((e) => e.type === 'HANDOFF_REQUESTED');
    expect(handoff?.handoff?.handoffId).toBe(referred.lastHandoff?.handoffId);
    expect(handoff?.version).toBe(3);
  });

  it('sends a court-delegated case back to its court, never to arbitration', async () => {
    const { deps } = setup();
    const c = await fileCase(deps, mediator, intake({ origin: 'COURT_DELEGATED' }));
    await actOnCase(deps, mediator, c.caseId, { action: 'FAIL_MEDIATION', reason: 'No agreement.' });
    const error = await actOnCase(deps, mediator, c.caseId, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: 'qd-arbitration',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect((error as IllegalTransitionError).allowedActions).toContain('RETURN_TO_COURT');
    await expect(
      actOnCase(deps, mediator, c.caseId, { action: 'RETURN_TO_COURT', courtId: 'shinan-court' }),
    ).resolves.toMatchObject({ status: 'LITIGATION_PENDING' });
  });

  it('lists the allowed actions when an action is illegal in the current state', async () => {
    const { deps } = setup();
    const c = await fileCase(deps, mediator, intake());
    const error = (await actOnCase(deps, mediator, c.caseId, { action: 'CLOSE', resolution: 'x' }).catch(
      (e: unknown) => e,
    )) as IllegalTransitionError;
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect(error.allowedActions).toEqual([
      'ACCEPT_MEDIATION',
      'DECLINE_MEDIATION',
      'ASSIGN_MEDIATOR',
      'APPOINT_AGENT',
      'EXTEND_MEDIATION',
      'FAIL_MEDIATION',
      // Open once the mediation period has run out (LDMAL art. 14; the delegated period for RETURN_TO_COURT).
      'REFER_TO_ARBITRATION',
      'RETURN_TO_COURT',
      'TRANSFER_TO_POST',
      'WITHDRAW',
    ]);
  });

  it('refuses a stale expected version and keeps the case as it was', async () => {
    const { deps } = setup();
    const c = await fileCase(deps, mediator, intake());
    await actOnCase(deps, mediator, c.caseId, { action: 'ASSIGN_MEDIATOR', mediatorId: 'm' }, 1);
    const error = await actOnCase(deps, mediator, c.caseId, { action: 'WITHDRAW', reason: 'r' }, 1).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VersionConflictError);
    expect((error as VersionConflictError).asserted).toBe(true);
    expect((await readCase(deps, mediator, c.caseId)).status).toBe('MEDIATING');
  });

  it('hides another post’s case as not found and forbids system-only actions to people', async () => {
    const { deps } = setup();
    const c = await fileCase(deps, mediator, intake());
    await expect(readCase(deps, outsider, c.caseId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      actOnCase(deps, outsider, c.caseId, { action: 'WITHDRAW', reason: 'r' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await actOnCase(deps, mediator, c.caseId, {
      action: 'TRANSFER_TO_POST',
      toPostId: OTHER_POST,
      reason: 'r',
    });
    // A role refusal is a 409 that names the role, not the state, and lists what this caller may do now.
    const refused = (await actOnCase(deps, mediator, c.caseId, { action: 'ACCEPT_TRANSFER' }).catch(
      (e: unknown) => e,
    )) as IllegalTransitionError;
    expect(refused).toBeInstanceOf(IllegalTransitionError);
    expect(refused.message).toBe('a mediator may not take ACCEPT_TRANSFER; the system may');
    expect(refused.allowedActions).toEqual(['CANCEL_HANDOFF']);
  });
});

describe('rules a mediator relies on', () => {
  it('lets an unperformed agreement go to arbitration once the performance date has passed (LDMAL art. 15)', async () => {
    const { deps } = setup();
    const caseId = await settled(deps);
    await expect(
      actOnCase(deps, mediator, caseId, { action: 'FAIL_PERFORMANCE', reason: 'not paid' }),
    ).rejects.toBeInstanceOf(IllegalTransitionError);
    deps.clock.set('2026-03-11T02:00:00.000Z');
    await actOnCase(deps, mediator, caseId, { action: 'FAIL_PERFORMANCE', reason: 'not paid' });
    await expect(
      actOnCase(deps, mediator, caseId, { action: 'REFER_TO_ARBITRATION', arbitrationId: 'qd-arbitration' }),
    ).resolves.toMatchObject({ status: 'ARBITRATION_PENDING' });
  });

  it('closes a settled agreement only when nothing is owed', async () => {
    const { deps } = setup();
    const owing = await settled(deps, 'WALK_IN', 100);
    await expect(
      actOnCase(deps, mediator, owing, { action: 'CLOSE', resolution: 'r' }),
    ).rejects.toBeInstanceOf(IllegalTransitionError);
    const nonMonetary = await settled(deps, 'WALK_IN', 0);
    await expect(
      actOnCase(deps, mediator, nonMonetary, { action: 'CLOSE', resolution: 'reinstated' }),
    ).resolves.toMatchObject({ status: 'CLOSED' });
  });

  it('never lets the union drop a case a court or the arbitration institute sent', async () => {
    const { deps } = setup();
    for (const origin of ['COURT_DELEGATED', 'ARBITRATION_PRE_MEDIATION']) {
      const c = await fileCase(deps, mediator, intake({ origin }));
      await expect(
        actOnCase(deps, mediator, c.caseId, { action: 'WITHDRAW', reason: 'r' }),
      ).rejects.toBeInstanceOf(IllegalTransitionError);
      await actOnCase(deps, mediator, c.caseId, { action: 'FAIL_MEDIATION', reason: 'no agreement' });
      const error = (await actOnCase(deps, mediator, c.caseId, { action: 'CLOSE', resolution: 'r' }).catch(
        (e: unknown) => e,
      )) as IllegalTransitionError;
      expect(error).toBeInstanceOf(IllegalTransitionError);
      expect(error.message).toMatch(/handed back/);
    }
  });

  it('masks ID and mobile numbers that a mediator types into notes before they reach the events', async () => {
    const { deps } = setup();
    const c = await fileCase(deps, mediator, intake());
    await actOnCase(deps, mediator, c.caseId, { action: 'ASSIGN_MEDIATOR', mediatorId: 'm' });
    deps.clock.advance(1000);
    await actOnCase(deps, mediator, c.caseId, {
      action: 'RECORD_SESSION',
      heldAt: deps.clock.now(),
      notes: 'Worker 11010519491231002X, reachable on 13912345678, attended.',
    });
    const { items } = await readHistory(deps, mediator, c.caseId, {});
    const text = JSON.stringify(items);
    expect(text).not.toContain('11010519491231002X');
    expect(text).not.toContain('13912345678');
    expect(text).toContain('110***********002X');
  });

  it('refuses the same worker twice, naming the repeat, and spends no case number on a refused filing', async () => {
    const { deps, repo } = setup();
    const worker = { name: 'A', idNumber: residentId(), phone: '13812345678' };
    const error = (await fileCase(deps, mediator, intake({ workers: [worker, worker] })).catch(
      (e: unknown) => e,
    )) as ValidationError;
    expect(error.issues).toEqual([
      { field: 'workers[1].idNumber', message: 'is the same person as workers[0]' },
    ]);
    const huge = { category: 'OTHER', amountFen: Number.MAX_SAFE_INTEGER, description: 'd' };
    await expect(fileCase(deps, mediator, intake({ claims: [huge, huge] }))).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(repo.counters.size).toBe(0);
  });
});

describe('listing', () => {
  it('lists the caller’s post newest first, filters by status and pages', async () => {
    const { deps } = setup();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      deps.clock.advance(60_000);
      ids.push((await fileCase(deps, mediator, intake())).caseId);
    }
    await actOnCase(deps, mediator, ids[0] as string, { action: 'WITHDRAW', reason: 'r' });
    const first = await listCases(deps, mediator, { limit: 3 });
    expect(first.items.map((c) => c.caseId)).toEqual(ids.slice(2).reverse());
    const second = await listCases(deps, mediator, { limit: 3, cursor: first.nextCursor as string });
    expect(second.items.map((c) => c.caseId)).toEqual(ids.slice(0, 2).reverse());
    const withdrawn = await listCases(deps, mediator, { status: 'WITHDRAWN' });
    expect(withdrawn.items.map((c) => c.caseId)).toEqual([ids[0]]);
    await expect(listCases(deps, mediator, { limit: 101 })).rejects.toBeInstanceOf(ValidationError);
    await expect(listCases(deps, mediator, { postId: OTHER_POST })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
