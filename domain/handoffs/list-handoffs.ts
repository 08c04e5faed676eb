import { readRecord } from '../case/access.ts';
import type { Actor } from '../shared/actor.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { HandoffRecord } from './model.ts';
import type { HandoffDeps } from './ports.ts';

/**
 * A case's handoffs, oldest first, with status and attempts. The owning post sees them all, a post that
 * handed the case on those up to its handover (as with the history); anyone else gets NotFoundError.
 */
export async function listHandoffs(
  deps: Pick<HandoffDeps, 'cases' | 'handoffs'>,
  actor: Actor,
  caseId: string,
  page: PageRequest,
): Promise<Page<HandoffRecord>> {
  return readRecord(deps.cases, actor, caseId, page, (p) => deps.handoffs.listHandoffs(caseId, p));
}
