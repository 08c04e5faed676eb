import type { Case } from '../case/model.ts';
import type { CountedConsultation } from './contribution.ts';
import { caseImageOf, consultationImageOf, foldImages, groupReplacements, type Image } from './fold.ts';
import type { Replacement, StatsStore } from './ports.ts';

export type Counted = 'COUNTED' | 'ALREADY_COUNTED';

/** Rounds of reading and writing again the subjects another delivery changed first, before giving up. */
const ATTEMPTS = 5;

export interface BatchCounted {
  /** Subjects whose contribution was replaced. */
  readonly counted: number;
  /** Subjects whose every image was no newer than the stored contribution. */
  readonly alreadyCounted: number;
  /**
   * The position (in the images given) of the first image whose subject was not settled, when a write
   * failed: the batch must be delivered again from there; everything before it is counted. Null: all done.
   */
  readonly failedAt: number | null;
  readonly error?: unknown;
}

/**
 * Counts a stream batch exactly once (images in stream order). Per subject, the images newer than its
 * stored contribution are folded in version order (fold.ts); an image no newer than what is stored
 * (redelivered, replayed or overtaken by a later one) changes nothing. The replacements are written in
 * groups, one transaction each: the contributions, each guarded by the stored version it was computed
 * over, and the counter deltas summed per counter item. When a transaction is cancelled because another
 * delivery replaced some subjects first, those subjects are read again and folded again, and the rest of
 * their group is written without them. A fault stops the batch: `failedAt` says where to resume.
 */
export async function recordBatch(store: StatsStore, images: readonly Image[]): Promise<BatchCounted> {
  const pending = new Map<string, { first: number; images: Image[] }>();
  images.forEach((image, i) => {
    const entry = pending.get(image.subject) ?? { first: i, images: [] };
    pending.set(image.subject, entry);
    entry.images.push(image);
  });
  let counted = 0;
  let alreadyCounted = 0;
  const resumeAt = () => Math.min(images.length - 1, ...[...pending.values()].map((p) => p.first));
  try {
    for (let round = 0; pending.size > 0; round++) {
      if (round === ATTEMPTS) throw new Error(`contributions kept changing under ${ATTEMPTS} attempts`);
      const stored = await store.contributions([...pending.keys()]);
      const replacements: Replacement[] = [];
      for (const [subject, entry] of [...pending].sort(([, a], [, b]) => a.first - b.first)) {
        const previous = stored.get(subject) ?? null;
        const next = foldImages(previous, entry.images);
        if (next) replacements.push({ previous, next });
        else {
          alreadyCounted++;
          pending.delete(subject);
        }
      }
      for (const group of groupReplacements(replacements, store.limits)) {
        let left = group;
        while (left.length > 0) {
          const lost = new Set(await store.replaceAll(left));
          if (lost.size === 0) {
            for (const r of left) pending.delete(r.next.subject);
            counted += left.length;
            break;
          }
          // Cancelled, nothing written: the subjects another delivery changed first are read and folded
          // again in the next round; the rest of the group is written again now, without them.
          const rest = left.filter((r) => !lost.has(r.next.subject));
          left = rest.length < left.length ? rest : [];
        }
      }
    }
    return { counted, alreadyCounted, failedAt: null };
  } catch (error) {
    return { counted, alreadyCounted, failedAt: resumeAt(), error };
  }
}

/** A case image on its own (a batch of one). */
export const recordCase = (store: StatsStore, c: Case) => recordOne(store, caseImageOf(c));

/** A consultation image. */
export const recordConsultation = (store: StatsStore, k: CountedConsultation) =>
  recordOne(store, consultationImageOf(k));

async function recordOne(store: StatsStore, image: Image): Promise<Counted> {
  const result = await recordBatch(store, [image]);
  if (result.failedAt !== null) throw result.error;
  return result.counted === 1 ? 'COUNTED' : 'ALREADY_COUNTED';
}
