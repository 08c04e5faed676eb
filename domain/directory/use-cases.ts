import type { Actor } from '../shared/actor.ts';
import type { PartnerKind } from '../shared/destinations.ts';
import { ForbiddenError } from '../shared/errors.ts';
import { type Page, type PageRequest, pageSize } from '../shared/page.ts';
import type { Clock } from '../shared/ports.ts';
import { parseOrThrow } from '../shared/validation.ts';
import { type PartnerListing, type Post, PostInput } from './model.ts';
import type { PartnerListings, PostDirectory } from './ports.ts';

/** The union posts, by id, a page at a time (any signed-in role: a mediator picks where to transfer). */
export function listPosts(posts: PostDirectory, page: PageRequest): Promise<Page<Post>> {
  return posts.list({ limit: pageSize(page.limit), ...(page.cursor ? { cursor: page.cursor } : {}) });
}

/** Adds or renames a post; admins only. Returns the stored post. */
export async function putPost(
  deps: { readonly posts: PostDirectory; readonly clock: Clock },
  actor: Actor,
  postId: string,
  input: unknown,
): Promise<Post> {
  if (actor.role !== 'admin') throw new ForbiddenError('only an admin maintains the post directory');
  const fields = parseOrThrow(PostInput, input);
  const post: Post = { postId, ...fields, updatedAt: deps.clock.now(), updatedBy: actor.sub };
  await deps.posts.put(post);
  return post;
}

/** The courts and arbitration institutes a mediator may refer to: id, kind and name only. */
export async function listPartners(
  partners: PartnerListings,
  kind?: PartnerKind,
): Promise<readonly PartnerListing[]> {
  const all = await partners.list(kind);
  return all
    .map(({ kind: k, id, name }) => ({ kind: k, id, name }))
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
}
