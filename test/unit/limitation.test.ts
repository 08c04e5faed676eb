import { describe, expect, it } from 'vitest';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import type { Case } from '../../domain/case/model.ts';
import { readHistory } from '../../domain/case/read-history.ts';
import {
  type ClaimLimitation,
  claimLimitations,
  type LimitationFacts,
  limitationWarning,
  monthsBefore,
} from '../../domain/clocks/limitation.ts';
import { STATUTORY_PERIODS } from '../../domain/clocks/periods.ts';
import type { HandoffRecord } from '../../domain/handoffs/model.ts';
import { handoffPackage } from '../../domain/handoffs/package.ts';
import { ValidationError } from '../../domain/shared/errors.ts';
import { PublishedHolidayCalendar } from '../../functions/adapters/holiday-calendar.ts';
import { DAY, depsWith, intake, mediator } from '../support/fixtures.ts';
import { MemoryCaseRepository } from '../support/memory-repository.ts';

const calendar = new PublishedHolidayCalendar();
const PERIOD = STATUTORY_PERIODS.LIMITATION;

const DISMISSAL = { category: 'DISMISSAL_COMPENSATION' };
const WAGES = { category: 'WAGE_ARREARS' };
const OVERTIME = { category: 'OVERTIME' };

const facts = (over: Partial<LimitationFacts>): LimitationFacts => ({
  claims: [DISMISSAL],
  knewOn: null,
  employmentEndedOn: null,
  receivedOn: '2026-03-02',
  restartedOn: null,
  suspensions: [],
  ...over,
});

type Row = [string, LimitationFacts, string, Partial<ClaimLimitation>];

/** Each rule of LDMAL art. 27, one row each: the facts, the day asked, and what the first claim's limitation is. */
const ROWS: Row[] = [
  [
    'art. 27(1): one year from knowledge; the union application within it interrupts',
    facts({ knewOn: '2025-03-10' }),
    '2026-03-02',
    { state: 'INTERRUPTED', from: '2025-03-10', lastDay: null },
  ],
  [
    'art. 27(1): an application after the year (Sat 20 Dec 2025 → Mon 22 Dec) interrupts nothing',
    facts({ knewOn: '2024-12-20', receivedOn: '2026-02-01' }),
    '2026-03-02',
    { state: 'ENDED_BEFORE_APPLICATION', from: '2024-12-20', lastDay: '2025-12-22' },
  ],
  [
    'art. 27(4): wages while the employment lasts are not limited, however old',
    facts({ claims: [WAGES], knewOn: '2020-01-01' }),
    '2026-03-02',
    { state: 'NOT_LIMITED', lastDay: null },
  ],
  [
    'art. 27(4): overtime pay after the employment ended: a year from the end',
    facts({ claims: [OVERTIME], knewOn: '2025-12-01', employmentEndedOn: '2024-06-03' }),
    '2026-03-02',
    { state: 'ENDED_BEFORE_APPLICATION', from: '2024-06-03', lastDay: '2025-06-03' },
  ],
  [
    "each claim its own limitation: the claim's knewOn (Sun 5 Jan 2025 → Mon 6 Jan) over the case's",
    facts({ claims: [{ ...DISMISSAL, knewOn: '2024-01-05' }], knewOn: '2025-06-01' }),
    '2026-03-02',
    { state: 'ENDED_BEFORE_APPLICATION', from: '2024-01-05', lastDay: '2025-01-06' },
  ],
  [
    'art. 27(2): the year restarts when the interruption ends, and runs to its last day',
    facts({ knewOn: '2024-06-01', receivedOn: '2025-03-03', restartedOn: '2025-03-20' }),
    '2026-03-20',
    { state: 'RUNNING', from: '2025-03-20', lastDay: '2026-03-20' },
  ],
  [
    'art. 27(2): the restarted year ends',
    facts({ knewOn: '2024-06-01', receivedOn: '2025-03-03', restartedOn: '2025-03-20' }),
    '2026-03-21',
    { state: 'ENDED_AFTER_INTERRUPTION', from: '2025-03-20', lastDay: '2026-03-20' },
  ],
  [
    'art. 27(2): an unknown knowledge date still restarts from the interruption’s end',
    facts({ restartedOn: '2025-03-20' }),
    '2026-03-21',
    { state: 'ENDED_AFTER_INTERRUPTION', lastDay: '2026-03-20' },
  ],
  [
    'no knowledge date and no restart: the year cannot be counted',
    facts({}),
    '2026-03-02',
    { state: 'UNKNOWN', lastDay: null },
  ],
  [
    'art. 27(3): a suspension in the last six months adds its days (10: 20 Mar → Mon 30 Mar)',
    facts({ restartedOn: '2025-03-20', suspensions: [{ from: '2026-01-10', to: '2026-01-20' }] }),
    '2026-03-25',
    { state: 'RUNNING', lastDay: '2026-03-30' },
  ],
  [
    'art. 27(3): a cause arising earlier counts from the six-month mark (20 Sep → 10 Oct: 20 days)',
    facts({ restartedOn: '2025-03-20', suspensions: [{ from: '2025-05-01', to: '2025-10-10' }] }),
    '2026-03-25',
    { state: 'RUNNING', lastDay: '2026-04-09' },
  ],
  [
    'art. 27(3): a cause that ended before the last six months suspends nothing',
    facts({ restartedOn: '2025-03-20', suspensions: [{ from: '2025-04-01', to: '2025-05-01' }] }),
    '2026-03-21',
    { state: 'ENDED_AFTER_INTERRUPTION', lastDay: '2026-03-20' },
  ],
  [
    'art. 27(3): while the suspension lasts the year does not end',
    facts({ restartedOn: '2025-03-20', suspensions: [{ from: '2026-01-10', to: null }] }),
    '2027-06-01',
    { state: 'SUSPENDED', lastDay: null },
  ],
];

describe('LDMAL art. 27: the limitation claim by claim (domain/clocks/limitation.ts)', () => {
  it.each(ROWS)('%s', (_name, given, today, expected) => {
    const [first] = claimLimitations(given, today, PERIOD, calendar);
    expect(first).toMatchObject(expected);
  });

  it('LDMAL art. 27: the warning names the article, the earliest last day, why, and only the claims whose year ended', () => {
    const limitations = claimLimitations(
      facts({
        claims: [DISMISSAL, WAGES, { ...DISMISSAL, knewOn: '2024-01-05' }],
        knewOn: '2024-12-20',
        receivedOn: '2026-02-01',
      }),
      '2026-03-02',
      PERIOD,
      calendar,
    );
    expect(limitationWarning(limitations)).toEqual({
      article: 'LDMAL art. 27',
      lastDay: '2025-01-06',
      why: 'ENDED_BEFORE_APPLICATION',
      claims: [
        {
          claim: 0,
          category: 'DISMISSAL_COMPENSATION',
          from: '2024-12-20',
          lastDay: '2025-12-22',
          why: 'ENDED_BEFORE_APPLICATION',
        },
        {
          claim: 2,
          category: 'DISMISSAL_COMPENSATION',
          from: '2024-01-05',
          lastDay: '2025-01-06',
          why: 'ENDED_BEFORE_APPLICATION',
        },
      ],
    });
    expect(
      limitationWarning(claimLimitations(facts({ knewOn: '2025-06-01' }), '2026-03-02', PERIOD, calendar)),
    ).toBeNull();
  });

  it('counts months back as the Civil Code counts years (art. 202: a missing day is the month’s last)', () => {
    expect(monthsBefore('2026-03-20', 6)).toBe('2025-09-20');
    expect(monthsBefore('2027-03-31', 6)).toBe('2026-09-30');
    expect(monthsBefore('2026-08-31', 6)).toBe('2026-02-28');
  });
});

/** The test clock starts at 2026-03-02 10:00 in Shanghai. */
const setup = () => {
  const repo = new MemoryCaseRepository();
  return { repo, deps: depsWith(repo) };
};
const clockOf = (c: Case, clock: string) => c.clocks.filter((k) => k.clock === clock).at(-1);
const dismissal = [
  { category: 'DISMISSAL_COMPENSATION', amountFen: 100_000, description: 'Dismissed unlawfully' },
];

describe('LDMAL art. 27 on a case: a defence to warn of, never a bar to referral', () => {
  it('LDMAL art. 27(2): a failed mediation restarts the year; a referral two years later goes ahead with a warning on the case and its event', async () => {
    const { deps, repo } = setup();
    const c = await fileCase(deps, mediator, intake({ claims: dismissal, knewOn: '2026-01-10' }));
    const failed = await actOnCase(deps, mediator, c.caseId, { action: 'FAIL_MEDIATION', reason: 'no deal' });
    expect(clockOf(failed, 'LIMITATION')).toMatchObject({
      status: 'RUNNING',
      startedOn: '2026-03-02',
      basis: 'LDMAL art. 27',
    });

    deps.clock.advance(2 * 365 * DAY);
    const referred = await actOnCase(deps, mediator, c.caseId, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: 'qd-arbitration',
    });
    expect(referred.status).toBe('ARBITRATION_PENDING');
    expect(referred.limitationWarning).toMatchObject({
      article: 'LDMAL art. 27',
      why: 'ENDED_AFTER_INTERRUPTION',
      claims: [{ claim: 0, from: '2026-03-02' }],
    });
    expect(referred.limitationWarning?.lastDay.startsWith('2027-03')).toBe(true);
    // The application to arbitration interrupts again: the clock is done with.
    expect(clockOf(referred, 'LIMITATION')?.status).not.toBe('RUNNING');
    const event = (repo.events.get(c.caseId) ?? []).find(
      (e) => e.action === 'REFER_TO_ARBITRATION' && e.type === 'ACTION_APPLIED',
    );
    expect(event?.payload.limitationWarning).toEqual(referred.limitationWarning);
  });

  it('LDMAL art. 27(2): mediating again after the restarted year ended does not revive it', async () => {
    const { deps } = setup();
    const c = await fileCase(deps, mediator, intake({ claims: dismissal, knewOn: '2026-01-10' }));
    const failed = await actOnCase(deps, mediator, c.caseId, { action: 'FAIL_MEDIATION', reason: 'no deal' });
    const firstLastDay = clockOf(failed, 'LIMITATION')?.dueOn;
    deps.clock.advance(400 * DAY);
    await actOnCase(deps, mediator, c.caseId, {
      action: 'RESUME_MEDIATION',
      bothPartiesConsent: true,
      note: 'The parties try again.',
    });
    await actOnCase(deps, mediator, c.caseId, { action: 'FAIL_MEDIATION', reason: 'no deal again' });
    const referred = await actOnCase(deps, mediator, c.caseId, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: 'qd-arbitration',
    });
    expect(referred.limitationWarning).toMatchObject({
      why: 'ENDED_AFTER_INTERRUPTION',
      lastDay: firstLastDay,
    });
  });

  it('LDMAL art. 27: a referral within the year carries no warning (null on the case and the event)', async () => {
    const { deps, repo } = setup();
    const c = await fileCase(deps, mediator, intake({ claims: dismissal, knewOn: '2026-01-10' }));
    await actOnCase(deps, mediator, c.caseId, { action: 'FAIL_MEDIATION', reason: 'no deal' });
    const referred = await actOnCase(deps, mediator, c.caseId, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: 'qd-arbitration',
    });
    expect(referred.limitationWarning).toBeNull();
    expect(clockOf(referred, 'LIMITATION')?.status).toBe('MET');
    const event = (repo.events.get(c.caseId) ?? []).find((e) => e.action === 'REFER_TO_ARBITRATION');
    expect(event?.payload).toMatchObject({ arbitrationId: 'qd-arbitration', limitationWarning: null });
  });

  it('LDMAL art. 27(4): wages while the employment lasts start no limitation and never warn', async () => {
    const { deps } = setup();
    const c = await fileCase(deps, mediator, intake({ knewOn: '2023-01-10' }));
    const failed = await actOnCase(deps, mediator, c.caseId, { action: 'FAIL_MEDIATION', reason: 'no deal' });
    expect(clockOf(failed, 'LIMITATION')).toBeUndefined();
    deps.clock.advance(800 * DAY);
    const referred = await actOnCase(deps, mediator, c.caseId, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: 'qd-arbitration',
    });
    expect(referred.limitationWarning).toBeNull();
  });

  it('LDMAL art. 27(3): SUSPEND_LIMITATION pauses the clock with its ground; RESUME_LIMITATION adds the days paused', async () => {
    const { deps, repo } = setup();
    const c = await fileCase(deps, mediator, intake({ claims: dismissal, knewOn: '2026-01-10' }));
    const failed = await actOnCase(deps, mediator, c.caseId, { action: 'FAIL_MEDIATION', reason: 'no deal' });
    const dueOn = clockOf(failed, 'LIMITATION')?.dueOn as string;

    // Resuming what is not suspended is refused with the article.
    const notSuspended = await actOnCase(deps, mediator, c.caseId, {
      action: 'RESUME_LIMITATION',
      note: 'x',
    }).catch((e: unknown) => e);
    expect((notSuspended as Error).message).toMatch(/not suspended.*art\. 27/);

    deps.clock.advance(250 * DAY); // 2026-11-07: inside the year's last six months
    const suspended = await actOnCase(deps, mediator, c.caseId, {
      action: 'SUSPEND_LIMITATION',
      ground: 'FORCE_MAJEURE',
      reason: 'The worker’s village was cut off by the flood.',
    });
    expect(suspended.status).toBe('MEDIATION_FAILED');
    expect(clockOf(suspended, 'LIMITATION')).toMatchObject({
      status: 'PAUSED',
      pausedOn: '2026-11-07',
      pauseReason: 'FORCE_MAJEURE',
    });
    const twice = await actOnCase(deps, mediator, c.caseId, {
      action: 'SUSPEND_LIMITATION',
      ground: 'FORCE_MAJEURE',
      reason: 'again',
    }).catch((e: unknown) => e);
    expect((twice as Error).message).toMatch(/no limitation runs/);

    deps.clock.advance(10 * DAY);
    const resumed = await actOnCase(deps, mediator, c.caseId, {
      action: 'RESUME_LIMITATION',
      note: 'The road is open again.',
    });
    const clock = clockOf(resumed, 'LIMITATION');
    expect(clock?.status).toBe('RUNNING');
    expect(clock?.adjustments).toEqual([
      { kind: 'PAUSED', days: 10, basis: 'FORCE_MAJEURE', from: '2026-11-07', to: '2026-11-17' },
    ]);
    expect((clock?.dueOn ?? '') > dueOn).toBe(true);
    const kinds = (repo.events.get(c.caseId) ?? []).map((e) => e.action);
    expect(kinds).toContain('SUSPEND_LIMITATION');
    expect(kinds).toContain('RESUME_LIMITATION');
  });

  it('LDMAL art. 27(3): a suspension recorded before the last six months pauses from the six-month mark', async () => {
    const { deps } = setup();
    const c = await fileCase(deps, mediator, intake({ claims: dismissal, knewOn: '2026-01-10' }));
    const failed = await actOnCase(deps, mediator, c.caseId, { action: 'FAIL_MEDIATION', reason: 'no deal' });
    const dueOn = clockOf(failed, 'LIMITATION')?.dueOn as string;
    const suspended = await actOnCase(deps, mediator, c.caseId, {
      action: 'SUSPEND_LIMITATION',
      ground: 'LEGITIMATE_REASON',
      reason: 'In hospital.',
    });
    expect(clockOf(suspended, 'LIMITATION')?.pausedOn).toBe(monthsBefore(dueOn, 6));
    // Resumed before the mark: nothing was paused, the last day stays.
    const resumed = await actOnCase(deps, mediator, c.caseId, { action: 'RESUME_LIMITATION', note: 'Home.' });
    expect(clockOf(resumed, 'LIMITATION')?.dueOn).toBe(dueOn);
  });

  it('LDMAL art. 27: limitationOverride is no longer taken; the referral needs no reason', async () => {
    const { deps } = setup();
    const c = await fileCase(deps, mediator, intake({ claims: dismissal }));
    await actOnCase(deps, mediator, c.caseId, { action: 'FAIL_MEDIATION', reason: 'no deal' });
    const refused = await actOnCase(deps, mediator, c.caseId, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: 'qd-arbitration',
      limitationOverride: { reason: 'interrupted' },
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).issues.map((i) => i.field)).toEqual(['limitationOverride']);
  });

  it('LDMAL art. 27: the institute receives the warning with the referral, on the case and in the record', async () => {
    const { deps, repo } = setup();
    const c = await fileCase(
      deps,
      mediator,
      intake({ claims: dismissal, knewOn: '2024-12-20', receivedOn: '2026-02-01' }),
    );
    await actOnCase(deps, mediator, c.caseId, { action: 'FAIL_MEDIATION', reason: 'no deal' });
    const referred = await actOnCase(deps, mediator, c.caseId, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: 'qd-arbitration',
    });
    const handoff = {
      handoffId: referred.lastHandoff?.handoffId,
      caseId: c.caseId,
      requestedVersion: referred.version,
      destination: { kind: 'ARBITRATION', id: 'qd-arbitration' },
      purpose: 'ARBITRATION_APPLICATION',
      fromPostId: c.postId,
      requestedAt: referred.updatedAt,
    } as HandoffRecord;
    const pack = handoffPackage(referred, handoff, repo.events.get(c.caseId) ?? []);
    expect(pack.case.limitationWarning).toMatchObject({
      lastDay: '2025-12-22',
      why: 'ENDED_BEFORE_APPLICATION',
    });
    const referral = pack.mediationRecord.find((e) => e.action === 'REFER_TO_ARBITRATION');
    expect(referral?.payload.limitationWarning).toEqual(referred.limitationWarning);
  });

  it('LDMAL art. 27: an event stored with limitationOverride (before it was retired) still reads', async () => {
    const { deps, repo } = setup();
    const c = await fileCase(deps, mediator, intake({ claims: dismissal }));
    const filed = repo.events.get(c.caseId)?.[0];
    if (!filed) throw new Error('no filing event');
    repo.events.get(c.caseId)?.push({
      ...filed,
      version: 2,
      type: 'ACTION_APPLIED',
      action: 'REFER_TO_ARBITRATION',
      from: 'MEDIATION_FAILED',
      to: 'ARBITRATION_PENDING',
      payload: { arbitrationId: 'qd-arbitration', limitationOverride: { reason: 'interrupted in writing' } },
    });
    const history = await readHistory(deps, mediator, c.caseId, {});
    expect(history.items.at(-1)?.payload).toMatchObject({
      limitationOverride: { reason: 'interrupted in writing' },
    });
  });

  it('a case stored before limitation warnings and clocks existed refers as before (no warning, no clock needed)', async () => {
    const { deps, repo } = setup();
    const c = await fileCase(deps, mediator, intake({ claims: dismissal, knewOn: '2025-12-01' }));
    await actOnCase(deps, mediator, c.caseId, { action: 'FAIL_MEDIATION', reason: 'no deal' });
    const stored = repo.cases.get(c.caseId) as Case;
    const {
      limitationWarning: _w,
      agents: _a,
      applicationForm: _f,
      oralRecord: _o,
      mediationDecision: _d,
      representatives: _r,
      ...old
    } = stored;
    repo.cases.set(c.caseId, { ...old, clocks: stored.clocks.filter((k) => k.clock !== 'LIMITATION') });
    const referred = await actOnCase(deps, mediator, c.caseId, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: 'qd-arbitration',
    });
    expect(referred).toMatchObject({ status: 'ARBITRATION_PENDING', limitationWarning: null });
  });
});
