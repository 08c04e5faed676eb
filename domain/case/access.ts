import type { Actor } from '../shared/actor.ts';
import { NotFoundError } from '../shared/errors.ts';
import { type Page, type PageRequest, type PartitionPage, pageSize } from '../shared/page.ts';
import type { Case } from './model.ts';
import type { CaseRepository } from './ports.ts';

/**
 * Who may see what (PIPL: need to know). Outsiders get "not found", so a case id reveals nothing to
 * another post.
 */

/** Whether the actor may see the case at all. */
export function canSee(actor: Actor, c: Case): boolean {
  if (actor.role === 'admin' || actor.role === 'system') return true;
  if (actor.role === 'court' || actor.role === 'arbitration') return isHandedTo(actor, c);
  return c.postId === actor.postId;
}

/**
 * A court or arbitration institute (its partner id in `postId`) sees a case while it is with it: handed to
 * it last, or opened by it and not handed to another partner since.
 */
function isHandedTo(actor: Actor, c: Case): boolean {
  if (actor.role === 'court' && suedWithoutHandoff(actor, c)) return true;
  const handed = c.lastHandoff?.destination;
  const current = handed && handed.kind !== 'UNION_POST' ? handed : c.source;
  return current?.id === actor.postId && current.kind === (actor.role === 'court' ? 'COURT' : 'ARBITRATION');
}

/**
 * LDMAL art. 50: after a non-final award either party may sue; the employer's suit reaches the union from
 * the court that filed it (`court.litigation_filed` naming the award, callbacks/events.ts), not through a
 * handoff. That court then holds the case until the union hands it elsewhere.
 */
function suedWithoutHandoff(actor: Actor, c: Case): boolean {
  return c.reportedSuit?.courtId === actor.postId && c.lastHandoff?.destination.kind === 'ARBITRATION';
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

/**
 * The case if the actor may see it; NotFoundError otherwise. `admit` lets a partner act on a case it was
 * not handed, where the law brings it there (callbacks/events.ts, UNHANDED_COURT_EVENTS).
 */
export async function loadVisible(
  cases: CaseRepository,
  actor: Actor,
  caseId: string,
  admit?: (c: Case) => boolean,
): Promise<Case> {
  const c = await cases.get(caseId);
  if (!c || !(canSee(actor, c) || admit?.(c))) throw new NotFoundError('case', caseId);
  return c;
}

/**
 * One page of a case's record (events or handoffs) as far as the actor may read it (`recordView`);
 * NotFoundError when the actor may read none of it.
 */
export async function readRecord<T>(
  cases: CaseRepository,
  actor: Actor,
  caseId: string,
  page: PageRequest,
  read: (page: PartitionPage) => Promise<Page<T>>,
): Promise<Page<T>> {
  const c = await cases.get(caseId);
  const view = c && recordView(actor, c);
  if (!view) throw new NotFoundError('case', caseId);
  return read({ limit: pageSize(page.limit), ...(page.cursor ? { cursor: page.cursor } : {}), ...view });
}
