import type { MarkingFor } from '../case/file-case.ts';
import type { Case } from '../case/model.ts';
import type { CaseDeps } from '../case/ports.ts';
import { type DuplicateDeps, findDuplicates, markingFor } from '../sealing/duplicates.ts';
import type { PartnerKind } from '../shared/destinations.ts';
import { UnknownReferenceError } from '../shared/errors.ts';

/** The partner a callback came from, with the union posts it is linked to (the partner's registration). */
export interface LinkedPartner {
  readonly kind: PartnerKind;
  readonly id: string;
  /** The posts this court or institute may open cases at: data an operator keeps, not code. */
  readonly posts: readonly string[];
}

/**
 * Whether a partner may open a case at `postId`: the post is linked to it and exists. An unlinked post and
 * an unknown one are the same answer, word for word, so a partner cannot learn which posts exist by trying
 * (the link is checked first, without a read).
 */
export async function assertOpensAt(deps: CaseDeps, partner: LinkedPartner, postId: string): Promise<void> {
  const refused = () =>
    new UnknownReferenceError('data.postId', `${postId} is not a union post linked to this partner`);
  if (!partner.posts.includes(postId)) throw refused();
  if (!(await deps.directory.knows({ kind: 'UNION_POST', id: postId }))) throw refused();
}

/**
 * Opens a case for a partner once per partner reference: the case's id is derived from (kind, partner,
 * reference) when the id generator can derive one, so a second opening with the same reference — a retry
 * under a new webhook id, or the same delegation sent twice — answers the first case unchanged, and two at
 * once cannot both create (the store creates a case only where none has its id).
 */
export async function openOncePerReference(
  deps: CaseDeps,
  partner: LinkedPartner,
  reference: string,
  open: (deps: CaseDeps) => Promise<Case>,
): Promise<Case> {
  const derive = deps.ids.caseIdFor;
  if (!derive) return open(deps);
  const caseId = derive(`${partner.kind}/${partner.id}/${reference}`);
  const first = await deps.cases.get(caseId);
  if (first) return first;
  try {
    return await open({ ...deps, ids: { ...deps.ids, caseId: () => caseId } });
  } catch (error) {
    // Lost a race with the same reference: the winner's case is the answer.
    const winner = await deps.cases.get(caseId);
    if (winner) return winner;
    throw error;
  }
}

/**
 * The duplicate check of an opening, as at filing (domain/sealing/duplicates.ts): the open cases of the same
 * workers against the same employer at any post or partner, as the markers and review pairs the opened case
 * stores in its own transaction. The partner's answer does not name them (docs/sealing.md): a court or an
 * institute learns nothing of the union's other cases; the supervisors of the posts involved review them.
 */
export async function openingMarking(
  duplicates: DuplicateDeps | undefined,
  parties: Pick<Case, 'workers' | 'employer'>,
): Promise<{ readonly duplicates?: MarkingFor }> {
  if (!duplicates) return {};
  return { duplicates: markingFor(duplicates, await findDuplicates(duplicates, parties)) };
}
