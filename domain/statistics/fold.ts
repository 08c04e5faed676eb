import type { Case } from '../case/model.ts';
import {
  type Contribution,
  type CountedConsultation,
  caseSubject,
  consultationContribution,
  consultationSubject,
  contributionOf,
  deltas,
  shardOf,
} from './contribution.ts';
import type { Replacement, WriteLimits } from './ports.ts';

/**
 * A stream batch folded before it is written: each subject's images applied in version order in memory
 * (what writing them one by one would store), then the subjects' replacements written together, their
 * counter deltas summed per counter item. A batch of a hundred records costs one read and a few
 * transactions instead of a read and a transaction per record, with the same exactly-once rule.
 */

/** One image from the stream: the subject it counts for, its version, and its contribution over the stored. */
export interface Image {
  readonly subject: string;
  readonly version: number;
  readonly next: (stored: Contribution | null) => Contribution;
}

export const caseImageOf = (c: Case): Image => ({
  subject: caseSubject(c.caseId),
  version: c.version,
  next: (stored) => contributionOf(c, stored),
});

export const consultationImageOf = (k: CountedConsultation): Image => ({
  subject: consultationSubject(k.consultationId),
  version: k.version,
  next: () => consultationContribution(k),
});

/**
 * One subject's images over its stored contribution: every image newer than what is stored, oldest first,
 * each over the one before (so a closed case's frozen classification holds as if written one by one);
 * null when none is newer (redelivered, replayed, overtaken: already counted).
 */
export function foldImages(stored: Contribution | null, images: readonly Image[]): Contribution | null {
  let current = stored;
  for (const image of [...images].sort((a, b) => a.version - b.version)) {
    if (current && current.version >= image.version) continue;
    current = image.next(current);
  }
  return current === stored ? null : current;
}

/** A counter item: a bucket (`<postId>#<month or year>`) on one shard. */
export const counterItemKey = (bucket: string, shard: number) => `${bucket}@${shard}`;
export const splitCounterItemKey = (key: string) => {
  const at = key.lastIndexOf('@');
  return { bucket: key.slice(0, at), shard: Number(key.slice(at + 1)) };
};

/**
 * The counter deltas of several replacements summed per counter item (each subject on its own shard),
 * no zeros: a counter two cases move by +1 and −1 is not written at all.
 */
export function summedDeltas(group: readonly Replacement[]): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const { previous, next } of group) {
    const shard = shardOf(next.subject);
    for (const [bucket, counters] of Object.entries(deltas(previous, next))) {
      const key = counterItemKey(bucket, shard);
      const sum = out.get(key) ?? {};
      out.set(key, sum);
      for (const [name, value] of Object.entries(counters)) sum[name] = (sum[name] ?? 0) + value;
    }
  }
  for (const [key, counters] of out) {
    for (const [name, value] of Object.entries(counters)) if (value === 0) delete counters[name];
    if (Object.keys(counters).length === 0) out.delete(key);
  }
  return out;
}

/**
 * Replacements in groups that each fit one transaction, in the order given: a group takes the next
 * replacement while its contributions plus the counter items they touch stay within `limits.items`, and
 * no counter item gathers more than `limits.countersPerItem` counters. A replacement too big on its own
 * still gets a group of its own (the write then fails and the batch is retried from it).
 */
export function groupReplacements(
  replacements: readonly Replacement[],
  limits: WriteLimits,
): Replacement[][] {
  const groups: Replacement[][] = [];
  let group: Replacement[] = [];
  let items = new Map<string, Set<string>>();
  for (const r of replacements) {
    const shard = shardOf(r.next.subject);
    const touched = Object.entries(deltas(r.previous, r.next)).map(
      ([bucket, counters]) => [counterItemKey(bucket, shard), Object.keys(counters)] as const,
    );
    const merged = new Map([...items].map(([key, names]) => [key, new Set(names)]));
    for (const [key, names] of touched) {
      const set = merged.get(key) ?? new Set<string>();
      merged.set(key, set);
      for (const name of names) set.add(name);
    }
    const fits =
      group.length + 1 + merged.size <= limits.items &&
      [...merged.values()].every((names) => names.size <= limits.countersPerItem);
    if (fits || group.length === 0) {
      group.push(r);
      items = merged;
      continue;
    }
    groups.push(group);
    group = [r];
    items = new Map(touched.map(([key, names]) => [key, new Set(names)]));
  }
  if (group.length > 0) groups.push(group);
  return groups;
}
