import type { PartnerListing } from '../../domain/directory/model.ts';
import type { Directory, PostDirectory } from '../../domain/directory/ports.ts';
import type { Destination, PartnerKind } from '../../domain/shared/destinations.ts';

/** Whether one partner is registered, from the listing (kind, id, name): never its endpoint or secrets. */
export interface PartnerExistence {
  listed(kind: PartnerKind, id: string): Promise<PartnerListing | null>;
}

/**
 * Whether a post or partner exists, for the actions that name one. Posts are never removed, so a post
 * found once is remembered for the container's life (a transfer to a known post costs no read); partners
 * come from the registry's listing, which keeps its own short cache (a partner can be withdrawn): knowing
 * that a court exists needs none of its secrets, so a function that only names partners reads none.
 */
export class DestinationDirectory implements Directory {
  readonly #posts: () => Promise<PostDirectory>;
  readonly #partners: () => Promise<PartnerExistence>;
  readonly #knownPosts = new Set<string>();

  constructor(posts: () => Promise<PostDirectory>, partners: () => Promise<PartnerExistence>) {
    this.#posts = posts;
    this.#partners = partners;
  }

  async knows(destination: Destination): Promise<boolean> {
    if (destination.kind !== 'UNION_POST') {
      return (await (await this.#partners()).listed(destination.kind, destination.id)) !== null;
    }
    if (this.#knownPosts.has(destination.id)) return true;
    const found = (await (await this.#posts()).get(destination.id)) !== null;
    if (found) this.#knownPosts.add(destination.id);
    return found;
  }
}
