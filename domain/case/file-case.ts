import { addYears, shanghaiDate, shanghaiYear } from '../clocks/legal-time.ts';
import { clocksAfter } from '../lifecycle/definition.ts';
import { ACTIONS, OPENING_ACTION } from '../lifecycle/table.ts';
import type { DuplicateMarking } from '../sealing/duplicate-model.ts';
import {
  type DuplicateDeps,
  findDuplicates,
  type MarkingFor,
  markingFor,
  type PossibleDuplicate,
} from '../sealing/duplicates.ts';
import type { Actor } from '../shared/actor.ts';
import { ForbiddenError, UnknownReferenceError, ValidationError } from '../shared/errors.ts';
import { maskResidentId, redactPersonalData, residentIdProblem } from '../shared/identifiers.ts';
import { parseOrThrow } from '../shared/validation.ts';
import { agentOf, agentRecorded, type CaseIntake } from './intake.ts';
import {
  type Case,
  type CaseEvent,
  type CaseSource,
  type Employer,
  employerOf,
  formatCaseNumber,
  type Origin,
} from './model.ts';
import { partyIssues } from './party-issues.ts';
import type { CaseDeps, CommandReceipt, ReceiptFor } from './ports.ts';

export type { MarkingFor };

const FILE = ACTIONS[OPENING_ACTION];

/** A filing that looked for duplicates: the case, and the open cases of the same workers and employer. */
export interface Filing {
  readonly case: Case;
  readonly possibleDuplicates: readonly PossibleDuplicate[];
}

/** How a filing that looked for duplicates asks for its receipt: its answer names them. */
export type FilingReceiptFor = (next: Filing) => CommandReceipt;

/**
 * Opens a case at a union post (the FILE action). Input: the intake (origin, workers, employer, claims,
 * summary, optional post and platform). Output: the stored case at version 1, status FILED, with its case
 * number and the end of the mediation period — 15 days from receipt (LDMAL art. 14) or the
 * court-delegation period. Workers' resident ID numbers must carry a valid GB 11643 check digit and a
 * birth date in the past; ten or more workers make a collective dispute (LDMAL art. 7). The post must be
 * in the directory, whether an admin named it or the caller's token carries it: a case at a post nobody
 * runs would reach no mediator (422 on `postId`). Given the duplicate ports, it first finds the open cases
 * of the same workers against the same employer (domain/sealing/duplicates.ts), stores the markers and
 * review pairs in the case's own transaction and answers the case with them (a `Filing`).
 */
export function fileCase(
  deps: CaseDeps,
  actor: Actor,
  input: unknown,
  options: { readonly receipt?: FilingReceiptFor; readonly duplicates: DuplicateDeps },
): Promise<Filing>;
export function fileCase(
  deps: CaseDeps,
  actor: Actor,
  input: unknown,
  options?: { readonly receipt?: ReceiptFor },
): Promise<Case>;
export async function fileCase(
  deps: CaseDeps,
  actor: Actor,
  input: unknown,
  options:
    | { readonly receipt?: ReceiptFor; readonly duplicates?: undefined }
    | { readonly receipt?: FilingReceiptFor; readonly duplicates: DuplicateDeps } = {},
): Promise<Case | Filing> {
  if (!FILE.roles.includes(actor.role)) throw new ForbiddenError(`role ${actor.role} may not file cases`);
  const intake = parseOrThrow(FILE.payload, input) as CaseIntake;
  const postId = intake.postId ?? actor.postId;
  if (postId !== actor.postId && actor.role !== 'admin') {
    throw new ForbiddenError(`a ${actor.role} files cases for post ${actor.postId} only`);
  }
  if (!(await deps.directory.knows({ kind: 'UNION_POST', id: postId }))) {
    throw new UnknownReferenceError(
      'postId',
      intake.postId === undefined
        ? `no union post ${postId} is registered (the post in the caller's token)`
        : `no union post ${postId} is registered`,
    );
  }
  const { origin, postId: _named, ...rest } = intake;
  const opening = { postId, origin, source: null };
  if (!options.duplicates) {
    const { receipt } = options;
    return openCase(deps, actor, rest, opening, receipt ? { receipt } : {});
  }
  const { duplicates, receipt } = options;
  const finding = await findDuplicates(duplicates, intake);
  const filing = (c: Case): Filing => ({ case: c, possibleDuplicates: finding.found });
  const c = await openCase(deps, actor, rest, opening, {
    ...(receipt ? { receipt: (next: Case) => receipt(filing(next)) } : {}),
    duplicates: markingFor(duplicates, finding),
  });
  return filing(c);
}

const withMarking = (marking: DuplicateMarking | undefined) => (marking ? { duplicates: marking } : {});

/** The employer as an event records it: a natural person's (a work team head's) ID number masked. */
function maskedEmployer(e: Employer): Employer {
  return e.idNumber === undefined ? e : { ...e, idNumber: maskResidentId(e.idNumber) };
}

/** Where a case opens and who sent it: the union's own intake, or a court or institute (`source`). */
export interface Opening {
  readonly postId: string;
  readonly origin: Origin;
  readonly source: CaseSource | null;
}

/**
 * Stores a new case from a validated intake: checks the workers' ID numbers against today, allocates the
 * case number in the post's yearly sequence and starts the mediation period. Shared by `fileCase` and the
 * partner callbacks that open a case (callbacks/open-case.ts).
 */
export async function openCase(
  deps: CaseDeps,
  actor: Actor,
  intake: Omit<CaseIntake, 'origin' | 'postId'>,
  opening: Opening,
  options: { readonly receipt?: ReceiptFor; readonly field?: string; readonly duplicates?: MarkingFor } = {},
): Promise<Case> {
  const prefix = options.field ? `${options.field}.` : '';
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  const firstSeen = new Map<string, number>();
  const issues = intake.workers.flatMap((w, i) => {
    const message =
      residentIdProblem(w.idNumber, today) ??
      (firstSeen.has(w.idNumber) ? `is the same person as workers[${firstSeen.get(w.idNumber)}]` : null);
    firstSeen.set(w.idNumber, firstSeen.get(w.idNumber) ?? i);
    return message ? [{ field: `${prefix}workers[${i}].idNumber`, message }] : [];
  });
  const employerId = intake.employer.idNumber;
  const employerIdProblem = employerId === undefined ? null : residentIdProblem(employerId, today);
  if (employerIdProblem) issues.push({ field: `${prefix}employer.idNumber`, message: employerIdProblem });
  // An oral application is received when it is made and recorded on the spot (LDMAL art. 12).
  const receivedOn =
    intake.receivedOn ?? intake.oralRecord?.recordedOn ?? opening.source?.receivedOn ?? today;
  const receivedField = opening.source ? `${prefix}receivedOn` : 'receivedOn';
  if (receivedOn > today) issues.push({ field: receivedField, message: 'must not be in the future' });
  else if (receivedOn < addYears(today, -1)) {
    issues.push({
      field: receivedField,
      message: 'must be within the last year (a backlog case at most a year old)',
    });
  }
  for (const name of ['knewOn', 'employmentEndedOn'] as const) {
    const value = intake[name];
    if (value !== undefined && value > today)
      issues.push({ field: `${prefix}${name}`, message: 'must not be in the future' });
  }
  const claimedFen = intake.claims.reduce((sum, claim) => sum + claim.amountFen, 0);
  if (!Number.isSafeInteger(claimedFen))
    issues.push({ field: `${prefix}claims`, message: 'total amount is too large' });
  const parties = partyIssues(intake, today);
  issues.push(...parties.issues.map((i) => ({ ...i, field: `${prefix}${i.field}` })));
  if (intake.oralRecord && receivedOn !== intake.oralRecord.recordedOn) {
    issues.push({ field: receivedField, message: 'must be the day the oral application was recorded' });
  }
  if (issues.length > 0) throw new ValidationError(issues);

  const { postId } = opening;
  const year = shanghaiYear(now);
  const sequence = await deps.cases.allocateCaseSequence(postId, year);

  const draft: Case = {
    caseId: deps.ids.caseId(),
    caseNumber: formatCaseNumber(postId, year, sequence),
    postId,
    origin: opening.origin,
    workers: intake.workers,
    employer: employerOf(intake.employer),
    claims: intake.claims,
    claimedFen,
    summary: intake.summary,
    newEmploymentForm: intake.platform !== undefined,
    platform: intake.platform ?? null,
    collective: parties.collective,
    status: FILE.rows[0]?.to ?? 'FILED',
    version: 1,
    createdAt: now,
    updatedAt: now,
    receivedOn,
    knewOn: intake.knewOn ?? null,
    employmentEndedOn: intake.employmentEndedOn ?? null,
    clocks: [],
    mediationDueAt: now,
    mediationDueAtProvisional: false,
    mediatorId: null,
    sessionsHeld: 0,
    lastSessionAt: null,
    agreement: null,
    lastHandoff: null,
    formerPosts: [],
    outcome: null,
    source: opening.source,
    decisions: [],
    award: null,
    ...(intake.representatives ? { representatives: intake.representatives } : {}),
    agents: (intake.agents ?? []).map((a) => agentOf(a, today)),
    applicationForm: intake.applicationForm ?? 'WRITTEN',
    oralRecord: intake.oralRecord ?? null,
    mediationDecision: null,
  };
  // The mediation period counts from receipt of the application (LDMAL art. 14), not from filing.
  const clocks = clocksAfter(FILE, draft, intake, false, 1, {
    now,
    periods: deps.periods,
    calendar: deps.calendar,
  });
  const mediation = clocks[0];
  if (!mediation) throw new Error('FILE starts no mediation period');
  const c: Case = {
    ...draft,
    clocks,
    mediationDueAt: mediation.dueAt,
    mediationDueAtProvisional: mediation.provisional,
  };
  const filed: CaseEvent = {
    caseId: c.caseId,
    version: 1,
    seq: 0,
    type: 'CASE_FILED',
    action: OPENING_ACTION,
    actor,
    at: now,
    from: null,
    to: c.status,
    payload: {
      caseNumber: c.caseNumber,
      postId,
      origin: c.origin,
      workerCount: c.workers.length,
      collective: c.collective,
      // A person's ID number is masked here as a worker's would be; events leave personal data out.
      employer: maskedEmployer(c.employer),
      claims: c.claims,
      platform: c.platform,
      receivedOn: c.receivedOn,
      ...(c.source ? { source: c.source } : {}),
      ...(c.representatives ? { representatives: c.representatives } : {}),
      // Who acts for whom, without the agents' names, ID numbers or phones.
      agents: (c.agents ?? []).map(agentRecorded),
      applicationForm: c.applicationForm,
      ...(c.oralRecord
        ? { oralRecord: { ...c.oralRecord, facts: redactPersonalData(c.oralRecord.facts) } }
        : {}),
    },
  };
  await deps.cases.create({
    next: c,
    events: [filed],
    outbox: [],
    ...(options.receipt ? { receipt: options.receipt(c) } : {}),
    ...withMarking(options.duplicates?.(c)),
  });
  return c;
}
