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
  if (input.due) return listDesk(deps, postId, input.due, input);
  return deps.cases.listByPost({
    postId,
    limit: pageSize(input.limit),
    ...(input.status ? { status: input.status } : {}),
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
}

/**
 * The desk list a page at a time. Its window is fixed by the first page's request time and travels in the
 * cursor (`desk~<window>~<after>~<until>~<store cursor>`), so page 2 asked for a minute later continues the
 * same list instead of being refused. The store's cursor is signed over the window it was issued for, so an
 * edited window is refused like an edited cursor (400 on `cursor`).
 */
async function listDesk(
  deps: Pick<CaseDeps, 'cases'> & { readonly clock?: Clock },
  postId: string,
  due: DueWindow,
  input: ListCasesInput,
): Promise<Page<CaseSummary>> {
  const resumed = input.cursor === undefined ? null : readDeskCursor(input.cursor, due);
  const window = resumed?.window ?? dueWindow(due, (deps.clock ?? SYSTEM_CLOCK).now());
  const page = await deps.cases.listByPost({
    postId,
    limit: pageSize(input.limit),
    due: window,
    ...(resumed ? { cursor: resumed.cursor } : {}),
  });
  const next = page.nextCursor;
  return {
    items: page.items,
    nextCursor: next === null ? null : `desk~${due}~${window.after ?? ''}~${window.until ?? ''}~${next}`,
  };
}

const DESK_CURSOR = /^desk~([a-z]+)~([^~]*)~([^~]*)~([^~]+)$/;

function readDeskCursor(cursor: string, due: DueWindow): { window: DeskWindow; cursor: string } {
  const [, name, after, until, inner] = DESK_CURSOR.exec(cursor) ?? [];
  if (name !== due || inner === undefined) {
    throw ValidationError.field('cursor', 'is not a cursor this list issued');
  }
  return { window: { ...(after ? { after } : {}), ...(until ? { until } : {}) }, cursor: inner };
}

type DeskWindow = { after?: string; until?: string };

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
function dueWindow(due: DueWindow, now: string): DeskWindow {
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
