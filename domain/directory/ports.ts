import type { Destination, PartnerKind } from '../shared/destinations.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { PartnerListing, Post } from './model.ts';

/** The union posts. Posts are added and renamed, never removed (cases keep pointing at them). */
export interface PostDirectory {
  get(postId: string): Promise<Post | null>;
  /** Every post, by id. */
  list(page: PageRequest): Promise<Page<Post>>;
  put(post: Post): Promise<void>;
}

/** The registered courts and arbitration institutes, for listing. */
export interface PartnerListings {
  list(kind?: PartnerKind): Promise<readonly PartnerListing[]>;
}

/** Whether a destination an action names exists: a post in the directory, a partner in the registry. */
export interface Directory {
  knows(destination: Destination): Promise<boolean>;
}
