import type { Actor } from '../shared/actor.ts';
import { ForbiddenError } from '../shared/errors.ts';
import { type Page, pageSize } from '../shared/page.ts';
import type { CaseStatus, CaseSummary } from './model.ts';
import type { CaseDeps } from './ports.ts';

export interface ListCasesInput {
  readonly postId?: string;
  readonly status?: CaseStatus;
  readonly limit?: number;
  readonly cursor?: string;
}

/**
 * A post's cases as summaries (no worker names, ID numbers or phones), newest first, at most
 * MAX_PAGE_SIZE a page; the caller's own post unless an admin names another.
 */
export async function listCases(
  deps: Pick<CaseDeps, 'cases'>,
  actor: Actor,
  input: ListCasesInput,
): Promise<Page<CaseSummary>> {
  const postId = input.postId ?? actor.postId;
  if (postId !== actor.postId && actor.role !== 'admin') {
    throw new ForbiddenError(`a ${actor.role} lists the cases of post ${actor.postId} only`);
  }
  return deps.cases.listByPost({
    postId,
    limit: pageSize(input.limit),
    ...(input.status ? { status: input.status } : {}),
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
}
