import type { Case, CaseEvent, CaseSummary } from '../../domain/case/model.ts';
import {
  type CaseChange,
  type CaseRepository,
  CommandAlreadyDone,
  type CommandReceipt,
  type ListQuery,
} from '../../domain/case/ports.ts';
import { nextDue } from '../../domain/clocks/clock.ts';
import {
  type HandoffRecord,
  type HandoffRef,
  HandoffStatusConflict,
  refOf,
} from '../../domain/handoffs/model.ts';
import type { HandoffRepository, HandoffSettlement } from '../../domain/handoffs/ports.ts';
import { ValidationError, VersionConflictError } from '../../domain/shared/errors.ts';
import type { Page, PartitionPage } from '../../domain/shared/page.ts';

/**
 * An in-memory case and handoff store for unit tests of the use cases: the same contract as the DynamoDB
 * adapters (atomic save guarded by version, newest-first lists, oldest-first history), with numeric
 * cursors. test/integration/repository-contract.test.ts runs one suite against both.
 */
export class MemoryCaseRepository implements CaseRepository, HandoffRepository {
  readonly cases = new Map<string, Case>();
  readonly events = new Map<string, CaseEvent[]>();
  readonly counters = new Map<string, number>();
  readonly handoffs = new Map<string, HandoffRecord>();
  readonly receipts = new Map<string, CommandReceipt>();

  #takeReceipt(change: CaseChange) {
    const r = change.receipt;
    if (!r) return;
    const held = this.receipts.get(r.id);
    if (held && held.expiresAt >= Math.floor(Date.now() / 1000)) throw new CommandAlreadyDone(r.id);
  }

  #append(caseId: string, change: Omit<CaseChange, 'next'>) {
    const list = this.events.get(caseId) ?? [];
    list.push(...change.events);
    this.events.set(caseId, list);
    for (const h of change.outbox) this.handoffs.set(h.handoffId, { ...h });
    if (change.receipt) this.receipts.set(change.receipt.id, { ...change.receipt });
  }

  async allocateCaseSequence(postId: string, year: number) {
    const key = `${postId}#${year}`;
    const next = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, next);
    return next;
  }

  async create(change: CaseChange) {
    if (this.cases.has(change.next.caseId)) throw new Error('exists');
    this.#takeReceipt(change);
    this.cases.set(change.next.caseId, structuredClone(change.next));
    this.#append(change.next.caseId, change);
  }

  async get(caseId: string) {
    const c = this.cases.get(caseId);
    return c ? structuredClone(c) : null;
  }

  async save(change: CaseChange, expectedVersion: number) {
    const stored = this.cases.get(change.next.caseId);
    const duplicateEvent = change.events.some((e) =>
      (this.events.get(e.caseId) ?? []).some((x) => x.version === e.version && x.seq === e.seq),
    );
    this.#takeReceipt(change);
    if (!stored || stored.version !== expectedVersion || duplicateEvent) {
      throw new VersionConflictError(expectedVersion, stored?.version, false);
    }
    this.cases.set(change.next.caseId, structuredClone(change.next));
    this.#append(change.next.caseId, change);
  }

  /** The stored handoff the ref names: its id, case and version must all match, as the DynamoDB keys do. */
  #stored(ref: Pick<HandoffRef, 'caseId' | 'handoffId' | 'requestedVersion'>) {
    const h = this.handoffs.get(ref.handoffId);
    return h && h.caseId === ref.caseId && h.requestedVersion === ref.requestedVersion ? h : undefined;
  }

  async getHandoff(ref: Pick<HandoffRef, 'caseId' | 'handoffId' | 'requestedVersion'>) {
    const h = this.#stored(ref);
    return h ? { ...h } : null;
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
    const stored = this.#stored(s.handoff);
    if (!stored || !s.from.includes(stored.status)) {
      throw new HandoffStatusConflict(s.handoff.handoffId, stored?.status ?? null);
    }
    await this.save({ next: s.next, events: s.events, outbox: [] }, s.expectedVersion);
    // Only the fields a settlement decides; attempts and lastAttemptAt belong to recordAttempt.
    const { status, dispatch, deliveredAt, partnerReference, failedAt, lastError } = s.handoff;
    this.handoffs.set(stored.handoffId, {
      ...stored,
      status,
      dispatch,
      deliveredAt,
      partnerReference,
      failedAt,
      lastError,
    });
  }

  async pendingHandoffs(before: string, limit: number) {
    const key = (h: HandoffRecord) => h.sweepFrom ?? h.requestedAt;
    return [...this.handoffs.values()]
      .filter((h) => h.status === 'PENDING' && key(h) < before)
      .sort((a, b) => (key(a) < key(b) ? -1 : 1))
      .slice(0, limit)
      .map((h) => ({ ...refOf(h), lastAttemptAt: h.lastAttemptAt }));
  }

  async sweepHandoff(ref: HandoffRef, change: { dispatch: number; sweepFrom: string }) {
    const h = this.#stored(ref);
    if (h?.status !== 'PENDING' || h.dispatch !== ref.dispatch) return false;
    this.handoffs.set(h.handoffId, { ...h, dispatch: change.dispatch, sweepFrom: change.sweepFrom });
    return true;
  }

  async recordAttempt(ref: HandoffRef, at: string, error: string | null) {
    const h = this.#stored(ref);
    if (!h) throw new Error(`no handoff ${ref.handoffId}`);
    this.handoffs.set(h.handoffId, { ...h, attempts: h.attempts + 1, lastAttemptAt: at, lastError: error });
  }

  async listByPost(q: ListQuery): Promise<Page<CaseSummary>> {
    const due = q.due;
    const all = due
      ? [...this.cases.values()]
          .map((c) => ({ c, at: nextDue(c.clocks) }))
          .filter(
            ({ c, at }) =>
              c.postId === q.postId &&
              at !== null &&
              (!due.after || at > due.after) &&
              (!due.until || at <= due.until),
          )
          .sort((a, b) => ((a.at ?? '') < (b.at ?? '') ? -1 : 1))
          .map(({ c }) => c)
      : [...this.cases.values()]
          .filter((c) => c.postId === q.postId && (!q.status || c.status === q.status))
          .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
    return page(all, q.limit, q.cursor, (c) => summaryOf(c, due !== undefined));
  }

  async findByNumber(caseNumber: string): Promise<CaseSummary | null> {
    const found = [...this.cases.values()].find((c) => c.caseNumber === caseNumber);
    return found ? summaryOf(found, true) : null;
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

  async eventsUpTo(caseId: string, untilVersion: number) {
    return (this.events.get(caseId) ?? []).filter((e) => e.version <= untilVersion);
  }
}

/** A case as the list indexes project it; `nextDueAt` only where the index carries it (desk, number). */
function summaryOf(c: Case, withDue: boolean): CaseSummary {
  const nextDueAt = nextDue(c.clocks);
  return {
    caseId: c.caseId,
    caseNumber: c.caseNumber,
    postId: c.postId,
    origin: c.origin,
    status: c.status,
    version: c.version,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    mediationDueAt: c.mediationDueAt,
    mediatorId: c.mediatorId,
    collective: c.collective,
    newEmploymentForm: c.newEmploymentForm,
    claimedFen: c.claimedFen,
    employerName: c.employer.name,
    workerCount: c.workers.length,
    ...(withDue && nextDueAt ? { nextDueAt } : {}),
  };
}

function page<T, U>(all: readonly T[], limit: number, cursor: string | undefined, map: (t: T) => U): Page<U> {
  const start = cursor === undefined ? 0 : Number(cursor);
  if (!Number.isInteger(start) || start < 0) throw ValidationError.field('cursor', 'bad cursor');
  const items = all.slice(start, start + limit).map(map);
  return { items, nextCursor: start + limit < all.length ? String(start + limit) : null };
}
