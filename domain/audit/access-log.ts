import type { CaseRepository } from '../case/ports.ts';
import type { Actor } from '../shared/actor.ts';
import { ForbiddenError, NotFoundError } from '../shared/errors.ts';
import { message } from '../shared/messages.ts';
import { type Page, type PageRequest, pageSize } from '../shared/page.ts';
import type { Clock } from '../shared/ports.ts';
import type { AccessLog, AccessRecord, AccessView } from './ports.ts';

/**
 * Every read on record (PIPL arts. 51, 54; Cybersecurity Law art. 21(3): logs of network activity kept at
 * least six months — records here are kept 3 years, see docs/audit.md).
 */

export interface AccessDeps {
  readonly cases: Pick<CaseRepository, 'get'>;
  readonly access: AccessLog;
  readonly clock: Clock;
}

/** The record of one read of a case by an actor, now. */
export function accessOf(actor: Actor, caseId: string, view: AccessView, at: string): AccessRecord {
  return { caseId, actor: { sub: actor.sub, role: actor.role, postId: actor.postId }, view, at };
}

/** Records the reads of cases a view showed: one write for one case, batched for a list. */
export async function recordReads(
  deps: Pick<AccessDeps, 'access' | 'clock'>,
  actor: Actor,
  caseIds: readonly string[],
  view: AccessView,
): Promise<void> {
  const at = deps.clock.now();
  const unique = [...new Set(caseIds)];
  if (unique.length === 1) await deps.access.recordAccess(accessOf(actor, unique[0] as string, view, at));
  else if (unique.length > 1)
    await deps.access.recordAccesses(unique.map((id) => accessOf(actor, id, view, at)));
}

/**
 * `GET /cases/{id}/access-log`: who read the case, newest first — for the supervisors of the case's post
 * and admins. A mediator of the post is refused (403); anyone who may not see the case gets "not found".
 * Reading the log is itself a read on record.
 */
export async function readAccessLog(
  deps: AccessDeps,
  actor: Actor,
  caseId: string,
  page: PageRequest,
): Promise<Page<AccessRecord>> {
  const c = await deps.cases.get(caseId);
  const ofPost = c !== null && c.postId === actor.postId;
  if (!c || !(actor.role === 'admin' || ofPost)) throw new NotFoundError('case', caseId);
  if (actor.role !== 'admin' && actor.role !== 'supervisor') {
    throw new ForbiddenError(message('audit.accessLogRole'));
  }
  const out = await deps.access.listAccess(caseId, {
    limit: pageSize(page.limit),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
  await deps.access.recordAccess(accessOf(actor, caseId, 'ACCESS_LOG', deps.clock.now()));
  return out;
}
