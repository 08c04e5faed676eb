import { canonicalJson, concat, fromHex, toHex } from './canonical.ts';

/**
 * The hash chain of a case's events: each event's `hash = SHA-256(previous hash ‖ canonical event)`, the
 * previous hash as its 32 bytes, the event as the UTF-8 of its canonical JSON (canonical.ts) — the item as
 * stored, its `hash` attribute left out. The first event's previous hash is GENESIS (32 zero bytes).
 *
 * Events stored before the chain existed carry no `hash`: they are hashed the same way, in order, by the
 * first change after the chain (its first hash follows theirs) and by every verification. Once an event
 * of a case carries a hash, every later one must. See docs/audit.md.
 */

/** SHA-256 of bytes (an adapter gives it: the domain imports no runtime modules). */
export type Sha256 = (data: Uint8Array) => Uint8Array;

export const GENESIS = '0'.repeat(64);

/** One link: the hash of an item (without its `hash`) after the previous hash. */
export function linkHash(sha256: Sha256, previous: string, item: Readonly<Record<string, unknown>>): string {
  const { hash: _stored, ...body } = item;
  return toHex(sha256(concat(fromHex(previous), new TextEncoder().encode(canonicalJson(body)))));
}

/** Hashes items in order after `previous`, setting each one's `hash`; the new head. */
export function chainItems(sha256: Sha256, previous: string, items: Record<string, unknown>[]): string {
  let head = previous;
  for (const item of items) {
    head = linkHash(sha256, head, item);
    item.hash = head;
  }
  return head;
}

/** A stored event as verification reads it: its name (for messages) and its item. */
export interface ChainLink {
  /** How the event is named to a person: `version 3, event 0 (MEDIATOR_ASSIGNED)`. */
  readonly name: string;
  readonly version: number;
  readonly item: Readonly<Record<string, unknown>>;
}

export type ChainCheck =
  | { readonly ok: true; readonly head: string; readonly heads: ReadonlyMap<number, string> }
  | { readonly ok: false; readonly broken: string; readonly reason: string };

/**
 * Recomputes a case's chain from its stored events, oldest first. Fails naming the first event whose
 * stored hash differs from the one recomputed (it or an earlier unhashed event was changed), or an
 * unhashed event after a hashed one (a hash removed). `heads` maps each version to the head after it.
 */
export function verifyChain(sha256: Sha256, links: readonly ChainLink[]): ChainCheck {
  let head = GENESIS;
  let chained = false;
  const heads = new Map<number, string>();
  for (const link of links) {
    head = linkHash(sha256, head, link.item);
    const stored = link.item.hash;
    if (typeof stored === 'string') {
      chained = true;
      if (stored !== head) {
        return { ok: false, broken: link.name, reason: 'its stored hash is not the hash of its content' };
      }
    } else if (chained) {
      return { ok: false, broken: link.name, reason: 'it carries no hash after hashed events' };
    }
    heads.set(link.version, head);
  }
  return { ok: true, head, heads };
}
