import type { Case } from '../case/model.ts';
import {
  type Contribution,
  type CountedConsultation,
  caseSubject,
  consultationContribution,
  consultationSubject,
  contributionOf,
} from './contribution.ts';
import type { StatsStore } from './ports.ts';

export type Counted = 'COUNTED' | 'ALREADY_COUNTED';

/** Replacements lost to a concurrent delivery of the same subject before giving the record back to retry. */
const ATTEMPTS = 5;

/**
 * Counts an image from the stream exactly once: an image no newer than the stored contribution
 * (redelivered, replayed or overtaken by a later one) changes nothing; a newer one replaces the stored
 * contribution and moves the counters by the difference, in one transaction guarded by the stored version.
 */
async function record(
  store: StatsStore,
  subject: string,
  version: number,
  next: (stored: Contribution | null) => Contribution,
): Promise<Counted> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const stored = await store.contribution(subject);
    if (stored && stored.version >= version) return 'ALREADY_COUNTED';
    if (await store.replace(stored, next(stored))) return 'COUNTED';
  }
  throw new Error(`the contribution of ${subject} kept changing under ${ATTEMPTS} attempts`);
}

/** A case image: what it counts for now (frozen once closed, see contributionOf). */
export const recordCase = (store: StatsStore, c: Case) =>
  record(store, caseSubject(c.caseId), c.version, (stored) => contributionOf(c, stored));

/** A consultation image. */
export const recordConsultation = (store: StatsStore, k: CountedConsultation) =>
  record(store, consultationSubject(k.consultationId), k.version, () => consultationContribution(k));
