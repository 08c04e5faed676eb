import {
  type Actor,
  type Case,
  type CaseEvent,
  CaseIntake,
  type CaseStatus,
  formatCaseNumber,
  HUMAN_ROLES,
  isCollective,
} from './case.ts';
import { decide } from './decide.ts';
import { ForbiddenError, NotFoundError, ValidationError, VersionConflictError } from './errors.ts';
import { residentIdProblem } from './identifiers.ts';
import { calendarDeadline, shanghaiDate, shanghaiYear } from './legal-time.ts';
import type { CaseDeps, CaseSummary, Page, PartitionPage } from './ports.ts';
import { parseOrThrow } from './validation.ts';

/** Page sizes the lists accept. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

const isHuman = (actor: Actor) => (HUMAN_ROLES as readonly string[]).includes(actor.role);

/** Whether the actor may see the case at all. Outsiders get "not found", so case ids leak nothing. */
function canSee(actor: Actor, c: Case): boolean {
  if (actor.role === 'admin' || actor.role === 'system') return true;
  if (actor.role === 'court' || actor.role === 'arbitration') return isHandedTo(actor, c);
  return c.postId === actor.postId;
}

/** A court or arbitration institute (its partner id in `postId`) sees the cases handed to it. */
function isHandedTo(actor: Actor, c: Case): boolean {
  const to = c.lastHandoff?.destination;
  return to?.id === actor.postId && to.kind === (actor.role === 'court' ? 'COURT' : 'ARBITRATION');
}

/**
 * How much of a case's record (history, handoffs) the actor may read: all of it for its post, admins and
 * systems; up to the handover for a post that transferred it away (what the receiving post does next is
 * not its business); nothing (null) for anyone else.
 */
export function recordView(actor: Actor, c: Case): { untilVersion?: number } | null {
  if (actor.role === 'admin' || actor.role === 'system' || c.postId === actor.postId) return {};
  const former = (c.formerPosts ?? []).find((p) => p.postId === actor.postId);
  return former ? { untilVersion: former.untilVersion } : null;
}

async function loadVisible(deps: CaseDeps, actor: Actor, caseId: string): Promise<Case> {
  const c = await deps.repo.get(caseId);
  if (!c || !canSee(actor, c)) throw new NotFoundError('case', caseId);
  return c;
}

/**
 * Opens a case at a union post. Input: the intake (origin, workers, employer, claims, summary, optional
 * post and platform). Output: the stored case at version 1, status FILED, with its case number and the
 * end of the mediation period — 15 days from receipt (LDMAL art. 14) or the court-delegation period.
 * Workers' resident ID numbers must carry a valid GB 11643 check digit and a birth date in the past.
 */
export async function fileCase(deps: CaseDeps, actor: Actor, input: unknown): Promise<Case> {
  if (!isHuman(actor)) throw new ForbiddenError(`role ${actor.role} may not file cases`);
  const intake = parseOrThrow(CaseIntake, input);
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  const firstSeen = new Map<string, number>();
  const issues = intake.workers.flatMap((w, i) => {
    const message =
      residentIdProblem(w.idNumber, today) ??
      (firstSeen.has(w.idNumber) ? `is the same person as workers[${firstSeen.get(w.idNumber)}]` : null);
    firstSeen.set(w.idNumber, firstSeen.get(w.idNumber) ?? i);
    return message ? [{ field: `workers[${i}].idNumber`, message }] : [];
  });
  const claimedFen = intake.claims.reduce((sum, claim) => sum + claim.amountFen, 0);
  if (!Number.isSafeInteger(claimedFen))
    issues.push({ field: 'claims', message: 'total amount is too large' });
  if (issues.length > 0) throw new ValidationError(issues);

  const postId = intake.postId ?? actor.postId;
  if (postId !== actor.postId && actor.role !== 'admin') {
    throw new ForbiddenError(`a ${actor.role} files cases for post ${actor.postId} only`);
  }
  const year = shanghaiYear(now);
  const sequence = await deps.repo.allocateCaseSequence(postId, year);
  const mediationDays =
    intake.origin === 'COURT_DELEGATED' ? deps.policy.courtDelegatedMediationDays : deps.policy.mediationDays;
  const mediationDue = calendarDeadline(now, mediationDays, deps.calendar);

  const c: Case = {
    caseId: deps.ids.caseId(),
    caseNumber: formatCaseNumber(postId, year, sequence),
    postId,
    origin: intake.origin,
    workers: intake.workers,
    employer: intake.employer,
    claims: intake.claims,
    claimedFen,
    summary: intake.summary,
    newEmploymentForm: intake.platform !== undefined,
    platform: intake.platform ?? null,
    collective: isCollective(intake.workers.length),
    status: 'FILED',
    version: 1,
    createdAt: now,
    updatedAt: now,
    mediationDueAt: mediationDue.at,
    mediationDueAtProvisional: mediationDue.provisional,
    mediatorId: null,
    sessionsHeld: 0,
    lastSessionAt: null,
    agreement: null,
    lastHandoff: null,
    formerPosts: [],
    outcome: null,
  };
  const filed: CaseEvent = {
    caseId: c.caseId,
    version: 1,
    seq: 0,
    type: 'CASE_FILED',
    action: 'FILE',
    actor,
    at: now,
    from: null,
    to: 'FILED',
    payload: {
      caseNumber: c.caseNumber,
      postId,
      origin: c.origin,
      workerCount: c.workers.length,
      collective: c.collective,
      employer: c.employer,
      claims: c.claims,
      platform: c.platform,
    },
  };
  await deps.repo.create(c, [filed]);
  return c;
}

/**
 * Applies a lifecycle action (see lifecycle.ts) to a case the actor can see. `expectedVersion` is the
 * caller's If-Match: when it is stale nothing happens and VersionConflictError says so. Two concurrent
 * actions on one version cannot both win: the store accepts only the first.
 */
export async function actOnCase(
  deps: CaseDeps,
  actor: Actor,
  caseId: string,
  command: Record<string, unknown>,
  expectedVersion?: number,
): Promise<Case> {
  const current = await loadVisible(deps, actor, caseId);
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw new VersionConflictError(expectedVersion, current.version, true);
  }
  const { next, events } = decide(current, command, {
    now: deps.clock.now(),
    actor,
    policy: deps.policy,
    calendar: deps.calendar,
    newHandoffId: () => deps.ids.handoffId(),
  });
  try {
    await deps.repo.save(next, current.version, events);
  } catch (error) {
    if (error instanceof VersionConflictError) {
      throw new VersionConflictError(current.version, undefined, expectedVersion !== undefined);
    }
    throw error;
  }
  return next;
}

/**
 * One case, in full, for an actor who may see it: the owning post (mediators, supervisors) or an admin.
 * Anyone else gets NotFoundError, so a case id reveals nothing to another post (PIPL: need to know).
 */
export async function readCase(deps: CaseDeps, actor: Actor, caseId: string): Promise<Case> {
  return loadVisible(deps, actor, caseId);
}

export interface ListCasesInput {
  readonly postId?: string;
  readonly status?: CaseStatus;
  readonly limit?: number;
  readonly cursor?: string;
}

/**
 * A post's cases as summaries (no worker names, ID numbers or phones), newest first, at most
 * MAX_PAGE_SIZE a page; the caller's own post unless an admin names another.
 */
export async function listCases(
  deps: CaseDeps,
  actor: Actor,
  input: ListCasesInput,
): Promise<Page<CaseSummary>> {
  const postId = input.postId ?? actor.postId;
  if (postId !== actor.postId && actor.role !== 'admin') {
    throw new ForbiddenError(`a ${actor.role} lists the cases of post ${actor.postId} only`);
  }
  return deps.repo.listByPost({
    postId,
    limit: pageSize(input.limit),
    ...(input.status ? { status: input.status } : {}),
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
}

/**
 * The case's events, oldest first — the full record of who decided what, when and from which post. A
 * post that transferred the case away keeps read access to the events up to its handover.
 */
export async function readHistory(
  deps: CaseDeps,
  actor: Actor,
  caseId: string,
  page: { limit?: number; cursor?: string },
): Promise<Page<CaseEvent>> {
  return readRecord(deps, actor, caseId, page, (p) => deps.repo.history(caseId, p));
}

/**
 * One page of a case's record (events or handoffs) as far as the actor may read it (`recordView`);
 * NotFoundError when the actor may read none of it.
 */
export async function readRecord<T>(
  deps: CaseDeps,
  actor: Actor,
  caseId: string,
  page: { limit?: number; cursor?: string },
  read: (page: PartitionPage) => Promise<Page<T>>,
): Promise<Page<T>> {
  const c = await deps.repo.get(caseId);
  const view = c && recordView(actor, c);
  if (!view) throw new NotFoundError('case', caseId);
  return read({ limit: pageSize(page.limit), ...(page.cursor ? { cursor: page.cursor } : {}), ...view });
}

function pageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw ValidationError.field('limit', `must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  }
  return limit;
}
