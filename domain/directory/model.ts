import * as z from 'zod/mini';
import type { PartnerKind } from '../shared/destinations.ts';
import { TEXT } from '../shared/validation.ts';

/** A union legal-aid post, as the directory an admin maintains lists it. */
export interface Post {
  readonly postId: string;
  readonly name: string;
  readonly district: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

/** What an admin submits for a post (`PUT /posts/{postId}`). */
export const PostInput = z.strictObject({ name: TEXT(200), district: TEXT(100) });
export type PostInput = z.output<typeof PostInput>;

/** A court or arbitration institute as a mediator may see it: never its endpoint or secrets. */
export interface PartnerListing {
  readonly kind: PartnerKind;
  readonly id: string;
  readonly name: string;
}
