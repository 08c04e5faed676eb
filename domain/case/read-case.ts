import type { Actor } from '../shared/actor.ts';
import { loadVisible } from './access.ts';
import type { Case } from './model.ts';
import type { CaseDeps } from './ports.ts';

/**
 * One case, in full, for an actor who may see it: the owning post (mediators, supervisors) or an admin.
 * Anyone else gets NotFoundError, so a case id reveals nothing to another post (PIPL: need to know).
 */
export async function readCase(deps: Pick<CaseDeps, 'cases'>, actor: Actor, caseId: string): Promise<Case> {
  return loadVisible(deps.cases, actor, caseId);
}
