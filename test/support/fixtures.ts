import { randomUUID } from 'node:crypto';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import type { Case } from '../../domain/case/model.ts';
import type { CaseDeps, CaseRepository } from '../../domain/case/ports.ts';
import { shanghaiDate } from '../../domain/clocks/legal-time.ts';
import { STATUTORY_PERIODS } from '../../domain/clocks/periods.ts';
import type { Directory } from '../../domain/directory/ports.ts';
import { listHandoffs } from '../../domain/handoffs/list-handoffs.ts';
import { refOf } from '../../domain/handoffs/model.ts';
import type { HandoffDeps, HandoffRepository } from '../../domain/handoffs/ports.ts';
import type { Actor } from '../../domain/shared/actor.ts';
import { creditCodeCheckChar, residentIdCheckChar } from '../../domain/shared/identifiers.ts';
import { PublishedHolidayCalendar } from '../../functions/adapters/holiday-calendar.ts';
import { nameBasedId } from '../../functions/shared/derived-ids.ts';

export const POST = 'QD-SN-01';
export const OTHER_POST = 'QD-LS-02';

export const mediator: Actor = { sub: 'mediator-1', role: 'mediator', postId: POST };
export const outsider: Actor = { sub: 'mediator-9', role: 'mediator', postId: OTHER_POST };
export const admin: Actor = { sub: 'admin-1', role: 'admin', postId: 'QD-HQ' };

/** A resident ID number with a correct GB 11643 check digit for the given 17-digit body. */
export function residentId(first17 = '37020219900307123'): string {
  return first17 + residentIdCheckChar(first17);
}

/** A unified social credit code with a correct GB 32100 check character. */
export function creditCode(first17 = '91370200MA3C4XXX0'.replace(/X/g, '1')): string {
  return first17 + creditCodeCheckChar(first17);
}

export function intake(overrides: Record<string, unknown> = {}) {
  return {
    origin: 'WALK_IN',
    workers: [{ name: 'Wang Fang', idNumber: residentId(), phone: '13812345678' }],
    employer: { name: 'Qingdao Harbour Logistics Co.', creditCode: creditCode() },
    claims: [{ category: 'WAGE_ARREARS', amountFen: 1_250_000, description: 'Three months of unpaid wages' }],
    summary: 'Wages unpaid since August.',
    ...overrides,
  };
}

/** A fixed-or-advancing clock for use cases under test. */
export function testClock(start = '2026-03-02T02:00:00.000Z') {
  let now = Date.parse(start);
  return {
    now: () => new Date(now).toISOString(),
    advance(ms: number) {
      now += ms;
    },
    set(iso: string) {
      now = Date.parse(iso);
    },
  };
}

/** Use-case dependencies on one store that keeps both cases and handoffs (memory or DynamoDB). */
export function depsWith(
  store: CaseRepository & HandoffRepository,
  clock = testClock(),
  directory: Directory = { knows: async () => true },
): HandoffDeps & { clock: ReturnType<typeof testClock> } {
  return {
    cases: store,
    handoffs: store,
    clock,
    ids: { caseId: () => randomUUID(), handoffId: () => randomUUID(), caseIdFor: nameBasedId },
    periods: STATUTORY_PERIODS,
    calendar: new PublishedHolidayCalendar(),
    directory,
  };
}

export const DAY = 24 * 60 * 60 * 1000;

/** The worker's lawyer (Zhao Lei, general authority) appointed on a case at `version`, with these identifiers. */
export function appointLawyer(
  deps: CaseDeps,
  caseId: string,
  ids: { idNumber: string; phone: string },
  version = 1,
) {
  const action = {
    action: 'APPOINT_AGENT',
    actsFor: 'WORKER',
    workerIndex: 0,
    role: 'APPOINTED_AGENT',
    agentKind: 'LAWYER',
    authority: 'GENERAL',
    name: 'Zhao Lei',
    ...ids,
  };
  return actOnCase(deps, mediator, caseId, action, version);
}

/**
 * A case filed from `input`, its mediation failed and the case referred to `qd-arbitration`: its id, the
 * referral's handoff and the handoff's ref.
 */
export async function referredCase(deps: HandoffDeps, input = intake()) {
  const c = await fileCase(deps, mediator, input);
  await actOnCase(deps, mediator, c.caseId, { action: 'FAIL_MEDIATION', reason: 'no agreement' });
  await actOnCase(deps, mediator, c.caseId, {
    action: 'REFER_TO_ARBITRATION',
    arbitrationId: 'qd-arbitration',
  });
  const [handoff] = (await listHandoffs(deps, mediator, c.caseId, {})).items;
  if (!handoff) throw new Error('no handoff recorded');
  return { caseId: c.caseId, handoff, ref: refOf(handoff) };
}

/**
 * Takes a filed case to SETTLED: a mediator assigned, one session held (a second after filing, when the
 * clock advances) and an agreement signed for `amountFen`, to be performed by `performBy`.
 */
export async function settle(
  deps: CaseDeps & { clock: { advance?: (ms: number) => void } },
  actor: Actor,
  caseId: string,
  { amountFen = 100, performBy = '2026-03-10' }: { amountFen?: number; performBy?: string } = {},
) {
  await actOnCase(deps, actor, caseId, { action: 'ASSIGN_MEDIATOR', mediatorId: 'm' });
  deps.clock.advance?.(1000);
  await actOnCase(deps, actor, caseId, { action: 'RECORD_SESSION', heldAt: deps.clock.now(), notes: 'n' });
  await actOnCase(deps, actor, caseId, {
    action: 'SIGN_AGREEMENT',
    ...agreement({ amountFen, performBy, effectiveOn: shanghaiDate(deps.clock.now()) }),
  });
}

/**
 * A SIGN_AGREEMENT payload with its formalities (LDMAL art. 14): the whole amount on the case's first
 * claim, signed by its first `workers` workers (every worker of a case that is not collective), the
 * employer's representative with its seal, the mediator and the organisation's seal, effective `effectiveOn`.
 */
export function agreement({
  amountFen,
  performBy,
  effectiveOn,
  workers = 1,
  terms = 't',
}: {
  amountFen: number;
  performBy: string;
  effectiveOn: string;
  workers?: number;
  terms?: string;
}) {
  return {
    terms,
    amountFen,
    items: [{ claim: 0, amountFen }],
    performBy,
    signatures: {
      workers: Array.from({ length: workers }, (_w, i) => i),
      employer: { representative: 'Zhou Min', sealed: true },
      mediator: 'm',
      organisationSeal: true,
    },
    effectiveOn,
  };
}

export type { Case };
