import { fileCase } from '../case/file-case.ts';
import type { Case, Origin } from '../case/model.ts';
import type { CaseChange, CaseDeps, CaseRepository, ReceiptFor } from '../case/ports.ts';
import type { Actor } from '../shared/actor.ts';
import { IllegalTransitionError, ValidationError, VersionConflictError } from '../shared/errors.ts';
import { message } from '../shared/messages.ts';
import { parseOrThrow } from '../shared/validation.ts';
import { openingSchema } from './intake.ts';
import type { Channel, Consultation } from './model.ts';
import type { ConsultationDeps } from './ports.ts';
import { readConsultation } from './use-cases.ts';

/** A channel that is also a case's origin; a phone or hotline call leaves the origin to the body. */
const ORIGIN_OF: Partial<Record<Channel, Origin>> = { WALK_IN: 'WALK_IN', ONLINE: 'ONLINE' };

/** What the consultation already says of a case: the body gives the rest and overrides any of it. */
export function prefill(c: Consultation): Record<string, unknown> {
  const origin = ORIGIN_OF[c.channel];
  return {
    ...(origin ? { origin } : {}),
    ...(c.worker ? { workers: [c.worker] } : {}),
    ...(c.employer ? { employer: c.employer } : {}),
    ...(c.platform ? { platform: c.platform } : {}),
  };
}

const alreadyOpened = (c: Consultation) =>
  new IllegalTransitionError(
    c.outcome,
    'OPEN_CASE',
    [],
    message('consultation.caseOpened', { caseId: c.caseId ?? '' }),
    { caseId: c.caseId },
  );

/**
 * Opens a case from a consultation (`POST /consultations/{consultationId}/case`). Input: the filing's
 * fields the consultation lacks (origin for a phone call, the claims with their amounts, the summary, the
 * workers' ID and phone numbers…); a field given replaces the prefilled one. The case is filed by
 * `fileCase` — every rule of filing holds — at the consultation's post, and carries `consultationId`.
 * Output: the filed case. The case and the consultation's mark (CASE_OPENED with the `caseId`) are one
 * write: the consultation repository stores the case change with the mark in one transaction, guarded by
 * the consultation's version, so two concurrent opens file one case and neither half can exist alone.
 */
export async function openCaseFromConsultation(
  deps: CaseDeps & Pick<ConsultationDeps, 'consultations'>,
  actor: Actor,
  consultationId: string,
  body: Record<string, unknown>,
  options: { readonly receipt?: ReceiptFor } = {},
): Promise<Case> {
  const given = parseOrThrow(openingSchema(), body);
  const c = await readConsultation(deps, actor, consultationId);
  if (c.outcome === 'CASE_OPENED') throw alreadyOpened(c);
  if (given.postId !== undefined && given.postId !== c.postId) {
    throw ValidationError.field('postId', `the case opens at the consultation's post, ${c.postId}`);
  }
  const link = (next: Case): Case => ({ ...next, consultationId });
  const marked = (next: Case): Consultation => ({
    ...c,
    outcome: 'CASE_OPENED',
    referredTo: null,
    caseId: next.caseId,
    version: c.version + 1,
    updatedAt: next.createdAt,
  });
  const base = deps.cases;
  const cases: CaseRepository = {
    allocateCaseSequence: (postId, year) => base.allocateCaseSequence(postId, year),
    create: (change: CaseChange) =>
      deps.consultations.openCase(
        {
          ...change,
          next: link(change.next),
          events: change.events.map((e) => ({ ...e, payload: { ...e.payload, consultationId } })),
        },
        marked(change.next),
        c.version,
      ),
    get: (caseId) => base.get(caseId),
    save: (change, expected) => base.save(change, expected),
    findByNumber: (number) => base.findByNumber(number),
    listByPost: (query) => base.listByPost(query),
    history: (caseId, page) => base.history(caseId, page),
    eventsUpTo: (caseId, version) => base.eventsUpTo(caseId, version),
  };
  const receipt = options.receipt;
  try {
    const filed = await fileCase(
      { ...deps, cases },
      actor,
      { ...prefill(c), ...given, postId: c.postId },
      {
        ...(receipt ? { receipt: (next: Case) => receipt(link(next)) } : {}),
      },
    );
    return link(filed);
  } catch (error) {
    if (!(error instanceof VersionConflictError)) throw error;
    // Another request opened a case from it first: say which.
    const now = await readConsultation(deps, actor, consultationId);
    throw now.outcome === 'CASE_OPENED' ? alreadyOpened(now) : error;
  }
}
