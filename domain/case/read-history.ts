import type { Actor } from '../shared/actor.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import { readRecord } from './access.ts';
import type { CaseEvent } from './model.ts';
import type { CaseDeps } from './ports.ts';

/**
 * The case's events, oldest first — the full record of who decided what, when and from which post. A
 * post that transferred the case away keeps read access to the events up to its handover.
 */
export async function readHistory(
  deps: Pick<CaseDeps, 'cases'>,
  actor: Actor,
  caseId: string,
  page: PageRequest,
): Promise<Page<CaseEvent>> {
  return readRecord(deps.cases, actor, caseId, page, (p) => deps.cases.history(caseId, p));
}
