import type { Directory, PostDirectory } from '../../domain/directory/ports.ts';
import type { PartnerDirectory } from '../../domain/handoffs/ports.ts';
import type { Destination } from '../../domain/shared/destinations.ts';

/**
 * Whether a post or partner exists, for the actions that name one. Posts are never removed, so a post
 * found once is remembered for the container's life (a transfer to a known post costs no read); partners
 * come from the registry, which keeps its own short cache (a partner can be withdrawn).
 */
export class DestinationDirectory implements Directory {
  readonly #posts: () => Promise<PostDirectory>;
  readonly #partners: () => Promise<PartnerDirectory>;
  readonly #knownPosts = new Set<string>();

  constructor(posts: () => Promise<PostDirectory>, partners: () => Promise<PartnerDirectory>) {
    this.#posts = posts;
    this.#partners = partners;
  }

  async knows(destination: Destination): Promise<boolean> {
    if (destination.kind !== 'UNION_POST') {
      return (await (await this.#partners()).find(destination.kind, destination.id)) !== null;
    }
    if (this.#knownPosts.has(destination.id)) return true;
    const found = (await (await this.#posts()).get(destination.id)) !== null;
    if (found) this.#knownPosts.add(destination.id);
    return found;
  }
}
