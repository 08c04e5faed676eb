import { addDays, endOfShanghaiDay, shanghaiDate } from '../clocks/legal-time.ts';
import type { Actor } from '../shared/actor.ts';
import { ForbiddenError, ValidationError } from '../shared/errors.ts';
import { type Page, pageSize } from '../shared/page.ts';
import type { Clock } from '../shared/ports.ts';
import type { CaseStatus, CaseSummary } from './model.ts';
import type { CaseDeps } from './ports.ts';

/** The mediator's desk: overdue clocks, those ending today, or within the coming week (Shanghai days). */
export const DUE_WINDOWS = ['overdue', 'today', 'week'] as const;
export type DueWindow = (typeof DUE_WINDOWS)[number];

export interface ListCasesInput {
  readonly postId?: string;
  /** One case by its number (`QD-SN-01-2026-000042`): a page of it alone, or an empty one. */
  readonly number?: string;
  readonly status?: CaseStatus;
  readonly due?: DueWindow;
  readonly limit?: number;
  readonly cursor?: string;
}

/**
 * A post's cases as summaries (no worker names, ID numbers or phones), newest first, at most
 * MAX_PAGE_SIZE a page; the caller's own post unless an admin names another. With a case number, that
 * case alone, found by the number's index: an admin finds it at any post (or at the post named), anyone
 * else only at their own — another post's case is an empty page, as if the number did not exist, so a
 * number typed by mistake tells nothing of the other post's cases.
 */
export async function listCases(
  deps: Pick<CaseDeps, 'cases'> & { readonly clock?: Clock },
  actor: Actor,
  input: ListCasesInput,
): Promise<Page<CaseSummary>> {
  const postId = input.postId ?? actor.postId;
  if (postId !== actor.postId && actor.role !== 'admin') {
    throw new ForbiddenError(`a ${actor.role} lists the cases of post ${actor.postId} only`);
  }
  if (input.number !== undefined) return findByNumber(deps, actor, input.number, input);
  if (input.due && input.status) throw ValidationError.field('due', 'cannot be combined with status');
  const now = (deps.clock ?? SYSTEM_CLOCK).now();
  return deps.cases.listByPost({
    postId,
    limit: pageSize(input.limit),
    ...(input.status ? { status: input.status } : {}),
    ...(input.due ? { due: dueWindow(input.due, now) } : {}),
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
}

async function findByNumber(
  deps: Pick<CaseDeps, 'cases'>,
  actor: Actor,
  number: string,
  input: ListCasesInput,
): Promise<Page<CaseSummary>> {
  for (const field of ['status', 'due', 'cursor'] as const) {
    if (input[field] !== undefined) throw ValidationError.field(field, 'cannot be combined with number');
  }
  const post = input.postId ?? (actor.role === 'admin' ? null : actor.postId);
  const found = await deps.cases.findByNumber(number);
  const visible = found !== null && (post === null || found.postId === post);
  return { items: visible ? [found] : [], nextCursor: null };
}

const SYSTEM_CLOCK: Clock = { now: () => new Date().toISOString() };

/** The window of next deadlines a desk view covers: already past, by the end of today, or of the 7th day. */
function dueWindow(due: DueWindow, now: string): { after?: string; until?: string } {
  const today = shanghaiDate(now);
  switch (due) {
    case 'overdue':
      return { until: now };
    case 'today':
      return { after: now, until: endOfShanghaiDay(today) };
    case 'week':
      return { after: now, until: endOfShanghaiDay(addDays(today, 6)) };
  }
}
