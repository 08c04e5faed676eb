import { type CaseChange, CommandAlreadyDone, type CommandReceipt } from '../../domain/case/ports.ts';
import type { Consultation } from '../../domain/consultations/model.ts';
import type { ConsultationListQuery, ConsultationRepository } from '../../domain/consultations/ports.ts';
import { ValidationError, VersionConflictError } from '../../domain/shared/errors.ts';
import type { Page } from '../../domain/shared/page.ts';
import type { MemoryCaseRepository } from './memory-repository.ts';

/**
 * An in-memory consultation store for unit tests: the DynamoDB adapter's contract (newest-first lists by
 * when the consultation took place, a case opened and the consultation marked together or not at all),
 * with numeric cursors. It writes opened cases into the given memory case store, as the adapter writes
 * them into the cases table. test/integration/consultations.test.ts runs one suite against both.
 */
export class MemoryConsultationRepository implements ConsultationRepository {
  readonly consultations = new Map<string, Consultation>();
  readonly #cases: MemoryCaseRepository;

  constructor(cases: MemoryCaseRepository) {
    this.#cases = cases;
  }

  #takeReceipt(receipt: CommandReceipt | undefined) {
    if (!receipt) return;
    // The case store keeps the receipts: one table of them, as in DynamoDB.
    this.#cases.receipts.set(receipt.id, { ...receipt });
  }

  async create(c: Consultation, receipt?: CommandReceipt) {
    if (this.consultations.has(c.consultationId)) throw new Error('exists');
    const held = receipt && this.#cases.receipts.get(receipt.id);
    if (held && held.expiresAt >= Math.floor(Date.now() / 1000)) throw new CommandAlreadyDone(held.id);
    this.consultations.set(c.consultationId, structuredClone(c));
    this.#takeReceipt(receipt);
  }

  async get(consultationId: string) {
    const c = this.consultations.get(consultationId);
    return c ? structuredClone(c) : null;
  }

  async listByPost(q: ConsultationListQuery): Promise<Page<Consultation>> {
    const key = (c: Consultation) => `${c.consultedAt}#${c.consultationId}`;
    const all = [...this.consultations.values()]
      .filter((c) => c.postId === q.postId)
      .sort((a, b) => (key(a) < key(b) ? 1 : -1));
    const start = q.cursor === undefined ? 0 : Number(q.cursor);
    if (!Number.isInteger(start) || start < 0) throw ValidationError.field('cursor', 'bad cursor');
    return {
      items: all.slice(start, start + q.limit).map((c) => structuredClone(c)),
      nextCursor: start + q.limit < all.length ? String(start + q.limit) : null,
    };
  }

  async openCase(change: CaseChange, marked: Consultation, expectedVersion: number) {
    const stored = this.consultations.get(marked.consultationId);
    if (stored?.version !== expectedVersion) {
      throw new VersionConflictError(expectedVersion, stored?.version, false);
    }
    // Marked before the case store is awaited, so a concurrent open sees the new version; put back if the
    // case store refuses (it refuses before it writes anything): all or nothing, as one transaction.
    this.consultations.set(marked.consultationId, structuredClone(marked));
    try {
      await this.#cases.create(change);
    } catch (error) {
      this.consultations.set(marked.consultationId, stored);
      throw error;
    }
  }
}
