import type { Case, CaseEvent } from '../../domain/case.ts';
import { ValidationError, VersionConflictError } from '../../domain/errors.ts';
import {
  type HandoffRecord,
  type HandoffRef,
  type HandoffSettlement,
  HandoffStatusConflict,
  outboxRecord,
  refOf,
} from '../../domain/handoffs.ts';
import type { CaseRepository, CaseSummary, ListQuery, Page, PartitionPage } from '../../domain/ports.ts';

/**
 * An in-memory CaseRepository for unit tests of the use cases: the same contract as the DynamoDB adapter
 * (atomic save guarded by version, newest-first lists, oldest-first history), with numeric cursors.
 */
export class MemoryCaseRepository implements CaseRepository {
  readonly cases = new Map<string, Case>();
  readonly events = new Map<string, CaseEvent[]>();
  readonly counters = new Map<string, number>();
  readonly handoffs = new Map<string, HandoffRecord>();

  #append(caseId: string, events: readonly CaseEvent[]) {
    const list = this.events.get(caseId) ?? [];
    list.push(...events);
    this.events.set(caseId, list);
    for (const e of events) {
      const outbox = outboxRecord(e);
      if (outbox) this.handoffs.set(outbox.handoffId, outbox);
    }
  }

  async allocateCaseSequence(postId: string, year: number) {
    const key = `${postId}#${year}`;
    const next = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, next);
    return next;
  }

  async create(c: Case, events: readonly CaseEvent[]) {
    if (this.cases.has(c.caseId)) throw new Error('exists');
    this.cases.set(c.caseId, structuredClone(c));
    this.#append(c.caseId, events);
  }

  async get(caseId: string) {
    const c = this.cases.get(caseId);
    return c ? structuredClone(c) : null;
  }

  async save(next: Case, expectedVersion: number, events: readonly CaseEvent[]) {
    const stored = this.cases.get(next.caseId);
    if (!stored || stored.version !== expectedVersion) {
      throw new VersionConflictError(expectedVersion, stored?.version, false);
    }
    this.cases.set(next.caseId, structuredClone(next));
    this.#append(next.caseId, events);
  }

  async getHandoff(ref: Pick<HandoffRef, 'caseId' | 'handoffId' | 'requestedVersion'>) {
    const h = this.handoffs.get(ref.handoffId);
    return h && h.caseId === ref.caseId && h.requestedVersion === ref.requestedVersion ? { ...h } : null;
  }

  async findHandoff(handoffId: string) {
    const h = this.handoffs.get(handoffId);
    return h ? { ...h } : null;
  }

  async listHandoffs(caseId: string, p: PartitionPage) {
    const all = [...this.handoffs.values()]
      .filter((h) => h.caseId === caseId && h.requestedVersion <= (p.untilVersion ?? Number.MAX_SAFE_INTEGER))
      .sort((a, b) => a.requestedVersion - b.requestedVersion);
    return page(all, p.limit, p.cursor, (h) => ({ ...h }));
  }

  async settleHandoff(s: HandoffSettlement) {
    const stored = this.handoffs.get(s.handoff.handoffId);
    if (!stored || !s.from.includes(stored.status)) {
      throw new HandoffStatusConflict(s.handoff.handoffId, stored?.status ?? null);
    }
    await this.save(s.next, s.expectedVersion, s.events);
    this.handoffs.set(stored.handoffId, { ...s.handoff, attempts: stored.attempts });
  }

  async pendingHandoffs(requestedBefore: string, limit: number) {
    return [...this.handoffs.values()]
      .filter((h) => h.status === 'PENDING' && h.requestedAt < requestedBefore)
      .sort((a, b) => (a.requestedAt < b.requestedAt ? -1 : 1))
      .slice(0, limit)
      .map(refOf);
  }

  async recordAttempt(ref: HandoffRef, at: string, error: string | null) {
    const h = this.handoffs.get(ref.handoffId);
    if (!h) throw new Error(`no handoff ${ref.handoffId}`);
    this.handoffs.set(h.handoffId, { ...h, attempts: h.attempts + 1, lastAttemptAt: at, lastError: error });
  }

  async listByPost(q: ListQuery): Promise<Page<CaseSummary>> {
    const all = [...this.cases.values()]
      .filter((c) => c.postId === q.postId && (!q.status || c.status === q.status))
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
    return page(all, q.limit, q.cursor, (c) => ({
      ...c,
      employerName: c.employer.name,
      workerCount: c.workers.length,
    }));
  }

  async history(caseId: string, p: PartitionPage) {
    const until = p.untilVersion ?? Number.MAX_SAFE_INTEGER;
    return page(
      (this.events.get(caseId) ?? []).filter((e) => e.version <= until),
      p.limit,
      p.cursor,
      (e) => e,
    );
  }
}

function page<T, U>(all: readonly T[], limit: number, cursor: string | undefined, map: (t: T) => U): Page<U> {
  const start = cursor === undefined ? 0 : Number(cursor);
  if (!Number.isInteger(start) || start < 0) throw ValidationError.field('cursor', 'bad cursor');
  const items = all.slice(start, start + limit).map(map);
  return { items, nextCursor: start + limit < all.length ? String(start + limit) : null };
}
