/**
 * A least-recently-used map of at most `max` entries, each remembered for `ttlMs`: the partner store's
 * memory of partners and of ids that name none. Bounded, so callers inventing partner ids cannot grow a
 * container's memory; a Map keeps insertion order, so the first key is the least recently used.
 */
export class BoundedCache<V> {
  readonly #max: number;
  readonly #entries = new Map<string, { readonly at: number; readonly value: V }>();

  constructor(max: number) {
    if (!Number.isInteger(max) || max < 1) throw new Error('a bounded cache holds at least one entry');
    this.#max = max;
  }

  /** The entry and when it was stored, marked as used; undefined when absent. */
  get(key: string): { readonly at: number; readonly value: V } | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  set(key: string, value: V, at: number): void {
    this.#entries.delete(key);
    this.#entries.set(key, { at, value });
    while (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}
