import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import type { Case, CaseEvent, CaseStatus, CaseSummary } from '../../domain/case/model.ts';
import { type CaseChange, CommandAlreadyDone, type CommandReceipt } from '../../domain/case/ports.ts';
import { type HandoffRecord, HandoffStatusConflict, refOf } from '../../domain/handoffs/model.ts';
import { outboxRecord } from '../../domain/handoffs/outbox.ts';
import type { HandoffSettlement } from '../../domain/handoffs/ports.ts';
import { ValidationError, VersionConflictError } from '../../domain/shared/errors.ts';
import type { Page } from '../../domain/shared/page.ts';
import { freshCasesTable, type Store } from '../support/dynamodb.ts';
import {
  creditCode,
  depsWith,
  intake,
  mediator,
  OTHER_POST,
  outsider,
  POST,
  residentId,
  testClock,
} from '../support/fixtures.ts';
import { MemoryCaseRepository } from '../support/memory-repository.ts';
import { stored } from '../support/sealed.ts';

/**
 * One contract, two stores: every assertion below holds for the in-memory test double and for the DynamoDB
 * adapters on DynamoDB Local, so the double the unit tests rely on cannot drift from the real store.
 */

interface Harness {
  readonly store: Store;
  /** The live command receipt with this id, as the store keeps it. */
  receipt(id: string): Promise<CommandReceipt | null>;
  drop(): Promise<void>;
}
type Factory = () => Promise<Harness>;

const makeMemory: Factory = async () => {
  const store = new MemoryCaseRepository();
  return { store, receipt: async (id) => store.receipts.get(id) ?? null, drop: async () => {} };
};

const makeDynamo: Factory = async () => {
  const table = await freshCasesTable();
  return { store: table.repo, receipt: (id) => table.receipts.find(id), drop: () => table.drop() };
};

const T0 = '2026-03-02T02:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();
const SECOND = 1000;
const MINUTE = 60 * SECOND;

const ID_NUMBER = residentId();
const PHONE = '13812345678';
const WORKER_NAME = 'Wang Fang';

const SUMMARY_KEYS = [
  'caseId',
  'caseNumber',
  'postId',
  'origin',
  'status',
  'version',
  'createdAt',
  'updatedAt',
  'mediationDueAt',
  'mediatorId',
  'collective',
  'newEmploymentForm',
  'claimedFen',
  'employerName',
  'workerCount',
].sort();

/** A complete case at version 1, every field set (nested objects, nulls, arrays) so a round trip shows loss. */
function aCase(overrides: Partial<Case> = {}): Case {
  return {
    caseId: randomUUID(),
    caseNumber: 'QD-SN-01-2026-000001',
    postId: POST,
    origin: 'WALK_IN',
    workers: [{ name: WORKER_NAME, idNumber: ID_NUMBER, phone: PHONE }],
    employer: { name: 'Qingdao Harbour Logistics Co.', creditCode: creditCode() },
    claims: [{ category: 'WAGE_ARREARS', amountFen: 1_250_000, description: 'Three months of unpaid wages' }],
    claimedFen: 1_250_000,
    summary: 'Wages unpaid since August.',
    newEmploymentForm: false,
    platform: null,
    collective: false,
    status: 'FILED',
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    mediationDueAt: at(15 * 24 * 60 * MINUTE),
    mediationDueAtProvisional: false,
    mediatorId: null,
    sessionsHeld: 0,
    lastSessionAt: null,
    agreement: null,
    lastHandoff: null,
    formerPosts: [],
    outcome: null,
    source: null,
    decisions: [],
    award: null,
    receivedOn: '2026-03-02',
    knewOn: null,
    employmentEndedOn: null,
    clocks: [],
    ...overrides,
  };
}

function anEvent(c: Case, version: number, seq: number, overrides: Partial<CaseEvent> = {}): CaseEvent {
  return {
    caseId: c.caseId,
    version,
    seq,
    type: 'ACTION_APPLIED',
    action: `ACTION_${version}_${seq}`,
    actor: mediator,
    at: at(version * SECOND + seq),
    from: c.status,
    to: c.status,
    payload: { note: `v${version}.${seq}`, nested: { seq, none: null }, list: [version, 'x'] },
    ...overrides,
  };
}

function aHandoff(c: Case, requestedVersion: number, overrides: Partial<HandoffRecord> = {}): HandoffRecord {
  return {
    handoffId: randomUUID(),
    caseId: c.caseId,
    requestedVersion,
    destination: { kind: 'ARBITRATION', id: 'qd-arbitration' },
    purpose: 'ARBITRATION_APPLICATION',
    fromPostId: c.postId,
    requestedAt: at(requestedVersion * SECOND),
    requestedBy: mediator.sub,
    status: 'PENDING',
    attempts: 0,
    dispatch: 1,
    lastAttemptAt: null,
    lastError: null,
    deliveredAt: null,
    partnerReference: null,
    failedAt: null,
    ...overrides,
  };
}

/** The change taking `c` to its next version with `events` events and the given outbox records. */
function step(
  c: Case,
  {
    events = 1,
    outbox = [],
    status,
  }: { events?: number; outbox?: readonly HandoffRecord[]; status?: CaseStatus } = {},
): CaseChange {
  const version = c.version + 1;
  const next: Case = { ...c, version, status: status ?? c.status, updatedAt: at(version * SECOND) };
  return {
    next,
    events: Array.from({ length: events }, (_, seq) =>
      anEvent(next, version, seq, { from: c.status, to: next.status }),
    ),
    outbox,
  };
}

/** A settlement of `h` on case `c` (at its version): the case's next version, one event, the new state. */
function settlement(
  c: Case,
  h: HandoffRecord,
  handoff: Partial<HandoffRecord>,
  from: HandoffSettlement['from'],
  expectedVersion = c.version,
): HandoffSettlement {
  const version = c.version + 1;
  const next: Case = { ...c, version, updatedAt: at(version * SECOND) };
  return {
    next,
    expectedVersion,
    events: [
      anEvent(next, version, 0, {
        type: 'HANDOFF_DELIVERED',
        action: 'HANDOFF_DELIVERED',
        handoff: { handoffId: h.handoffId, destination: h.destination, purpose: h.purpose },
      }),
    ],
    handoff: { ...h, ...handoff },
    from,
  };
}

const delivered = (now: string): Partial<HandoffRecord> => ({
  status: 'DELIVERED',
  deliveredAt: now,
  partnerReference: 'ARB-7',
  lastError: null,
});

async function allPages<T>(
  limit: number,
  read: (cursor: string | undefined) => Promise<Page<T>>,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let pages = 1; pages <= 200; pages++) {
    const page = await read(cursor);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    if (page.nextCursor === null) return { items, pages };
    cursor = page.nextCursor;
  }
  throw new Error('the cursor never came back null');
}

const withCursor = (cursor: string | undefined) => (cursor === undefined ? {} : { cursor });

function expectedSummary(c: Case): CaseSummary {
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
  };
}

describe.each([
  ['memory', makeMemory],
  ['DynamoDB', makeDynamo],
] as const)('repository contract: %s', (_name, factory) => {
  let harness: Harness;
  let store: Store;

  beforeEach(async () => {
    harness = await factory();
    store = harness.store;
  });
  afterEach(async () => {
    await harness.drop();
  });

  /** Creates `c` (default: a fresh case) with its CASE_FILED event; returns the case and that event. */
  async function created(overrides: Partial<Case> = {}) {
    const c = aCase(overrides);
    const filed = anEvent(c, 1, 0, { type: 'CASE_FILED', action: 'FILE', from: null });
    await store.create({ next: c, events: [filed], outbox: [] });
    return { c, filed };
  }

  /** A case at version 2 whose version-2 action requested a PENDING handoff. */
  async function withPendingHandoff(handoff: Partial<HandoffRecord> = {}) {
    const { c: c1, filed } = await created();
    const h = aHandoff(c1, 2, handoff);
    const change = step(c1, { events: 2, outbox: [h] });
    await store.save(change, 1);
    return { c: change.next, h, events: [filed, ...change.events] };
  }

  const pendingIds = async (before = at(24 * 60 * MINUTE)) =>
    (await store.pendingHandoffs(before, 100)).map(refOf).map((r) => r.handoffId);

  describe('create and get', () => {
    it('round-trips a case exactly, with its first events and outbox records', async () => {
      const c = aCase({
        origin: 'COURT_DELEGATED',
        workers: [
          { name: WORKER_NAME, idNumber: ID_NUMBER, phone: PHONE },
          { name: 'Li Lei', idNumber: residentId('37020219850101123'), phone: '13900000000' },
        ],
        claims: [
          { category: 'WAGE_ARREARS', amountFen: 1_000_000, description: 'wages' },
          { category: 'OVERTIME', amountFen: 250_000, description: 'overtime' },
        ],
        newEmploymentForm: true,
        platform: 'Meituan',
        mediationDueAtProvisional: true,
        mediatorId: 'mediator-7',
        sessionsHeld: 2,
        lastSessionAt: at(MINUTE),
        agreement: {
          terms: 't',
          amountFen: 900_000,
          performBy: '2026-03-10',
          signedAt: at(2 * MINUTE),
          paidFen: 0,
        },
        lastHandoff: {
          handoffId: 'h-0',
          destination: { kind: 'UNION_POST', id: OTHER_POST },
          purpose: 'TRANSFER',
        },
        formerPosts: [{ postId: 'QD-XX-09', untilVersion: 3 }],
        outcome: 'none yet',
      });
      const events = [
        anEvent(c, 1, 0, { type: 'CASE_FILED', action: 'FILE', from: null }),
        anEvent(c, 1, 1, { type: 'HANDOFF_REQUESTED', action: 'FILE' }),
      ];
      const h = aHandoff(c, 1);
      await store.create({ next: c, events, outbox: [h] });

      expect(stored(await store.get(c.caseId))).toEqual(stored(c));
      expect(await store.history(c.caseId, { limit: 10 })).toEqual({ items: events, nextCursor: null });
      expect(await store.getHandoff(h)).toEqual(h);
      expect(await store.get(randomUUID())).toBeNull();
    });

    it('refuses a second create with the same id and stores nothing of it', async () => {
      const { c, filed } = await created();
      const again = aCase({ caseId: c.caseId, status: 'MEDIATING', summary: 'another' });
      const h = aHandoff(again, 1);
      await expect(
        store.create({
          next: again,
          events: [anEvent(again, 1, 0, { action: 'AGAIN' }), anEvent(again, 1, 1)],
          outbox: [h],
        }),
      ).rejects.toThrow();
      expect(stored(await store.get(c.caseId))).toEqual(stored(c));
      expect((await store.history(c.caseId, { limit: 10 })).items).toEqual([filed]);
      expect(await store.findHandoff(h.handoffId)).toBeNull();
      expect((await store.listHandoffs(c.caseId, { limit: 10 })).items).toEqual([]);
    });
  });

  describe('command receipts', () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 3600;
    const receipt = (id: string): CommandReceipt => ({
      id,
      fingerprint: 'fp',
      result: '{"statusCode":201}',
      expiresAt,
    });

    it('stores a receipt with the change that carries it, and refuses the id a second time, storing nothing', async () => {
      const c = aCase();
      const filed = anEvent(c, 1, 0, { type: 'CASE_FILED', action: 'FILE', from: null });
      await store.create({ next: c, events: [filed], outbox: [], receipt: receipt('r-create') });
      expect(await harness.receipt('r-create')).toEqual(receipt('r-create'));

      const other = aCase();
      await expect(
        store.create({
          next: other,
          events: [anEvent(other, 1, 0, { type: 'CASE_FILED', action: 'FILE', from: null })],
          outbox: [],
          receipt: receipt('r-create'),
        }),
      ).rejects.toBeInstanceOf(CommandAlreadyDone);
      expect(await store.get(other.caseId)).toBeNull();

      const change = step(c, { events: 1 });
      await store.save({ ...change, receipt: receipt('r-save') }, 1);
      await expect(
        store.save({ ...step(change.next, { events: 1 }), receipt: receipt('r-save') }, 2),
      ).rejects.toBeInstanceOf(CommandAlreadyDone);
      expect(stored(await store.get(c.caseId))).toEqual(stored(change.next));
      expect(await harness.receipt('r-save')).toEqual(receipt('r-save'));
    });

    it('stores no receipt when the change itself is refused', async () => {
      const { c } = await created();
      await expect(
        store.save({ ...step(c, { events: 1 }), receipt: receipt('r-lost') }, 7),
      ).rejects.toBeInstanceOf(VersionConflictError);
      expect(await harness.receipt('r-lost')).toBeNull();
    });
  });

  describe('allocateCaseSequence', () => {
    it('counts 1, 2, 3 per post and year, independently', async () => {
      expect(await store.allocateCaseSequence(POST, 2026)).toBe(1);
      expect(await store.allocateCaseSequence(POST, 2026)).toBe(2);
      expect(await store.allocateCaseSequence(POST, 2026)).toBe(3);
      expect(await store.allocateCaseSequence(OTHER_POST, 2026)).toBe(1);
      expect(await store.allocateCaseSequence(POST, 2027)).toBe(1);
      expect(await store.allocateCaseSequence(OTHER_POST, 2026)).toBe(2);
      expect(await store.allocateCaseSequence(POST, 2026)).toBe(4);
    });

    it('gives concurrent allocations distinct numbers 1..20', async () => {
      const numbers = await Promise.all(
        Array.from({ length: 20 }, () => store.allocateCaseSequence(POST, 2026)),
      );
      expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(await store.allocateCaseSequence(POST, 2026)).toBe(21);
    });
  });

  describe('save', () => {
    it('stores the case, its events and its outbox records when the version matches', async () => {
      const { c, filed } = await created();
      const h = aHandoff(c, 2);
      const change = step(c, { events: 3, outbox: [h], status: 'MEDIATING' });
      await store.save(change, 1);

      expect(stored(await store.get(c.caseId))).toEqual(stored(change.next));
      expect((await store.history(c.caseId, { limit: 10 })).items).toEqual([filed, ...change.events]);
      expect(await store.getHandoff(h)).toEqual(h);
      expect((await store.listHandoffs(c.caseId, { limit: 10 })).items).toEqual([h]);
    });

    it('on a stale (or future) version throws VersionConflictError and stores nothing', async () => {
      const { c: c1, filed } = await created();
      const first = step(c1, { events: 1, status: 'MEDIATING' });
      await store.save(first, 1);
      const c2 = first.next;

      for (const expectedVersion of [1, 3]) {
        const h = aHandoff(c2, 3);
        const stale = step(c2, { events: 2, outbox: [h], status: 'WITHDRAWN' });
        await expect(store.save(stale, expectedVersion)).rejects.toBeInstanceOf(VersionConflictError);

        expect(stored(await store.get(c1.caseId))).toEqual(stored(c2));
        expect((await store.history(c1.caseId, { limit: 10 })).items).toEqual([filed, ...first.events]);
        expect(await store.eventsUpTo(c1.caseId, 10)).toEqual([filed, ...first.events]);
        expect(await store.getHandoff(h)).toBeNull();
        expect(await store.findHandoff(h.handoffId)).toBeNull();
        expect((await store.listHandoffs(c1.caseId, { limit: 10 })).items).toEqual([]);
        expect((await store.pendingHandoffs(at(24 * 60 * MINUTE), 10)).map(refOf)).toEqual([]);
      }
    });

    it('on a case that does not exist throws VersionConflictError and stores nothing', async () => {
      const ghost = aCase();
      await expect(store.save(step(ghost, { outbox: [aHandoff(ghost, 2)] }), 1)).rejects.toBeInstanceOf(
        VersionConflictError,
      );
      expect(await store.get(ghost.caseId)).toBeNull();
      expect(await store.history(ghost.caseId, { limit: 10 })).toEqual({ items: [], nextCursor: null });
      expect((await store.listHandoffs(ghost.caseId, { limit: 10 })).items).toEqual([]);
    });

    it('lets exactly one of two concurrent saves on one version win, and keeps only its writes', async () => {
      for (let round = 0; round < 5; round++) {
        const { c, filed } = await created();
        const a = step(c, { events: 2, status: 'MEDIATING', outbox: [aHandoff(c, 2)] });
        const b = step(c, { events: 1, status: 'WITHDRAWN', outbox: [aHandoff(c, 2)] });
        const results = await Promise.allSettled([store.save(a, 1), store.save(b, 1)]);

        expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
        const [winner, loser] = results[0]?.status === 'fulfilled' ? [a, b] : [b, a];
        const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        expect(lost.reason).toBeInstanceOf(VersionConflictError);
        expect(stored(await store.get(c.caseId))).toEqual(stored(winner.next));
        expect((await store.history(c.caseId, { limit: 10 })).items).toEqual([filed, ...winner.events]);
        expect(await store.findHandoff(winner.outbox[0]?.handoffId ?? '')).toEqual(winner.outbox[0]);
        expect(await store.findHandoff(loser.outbox[0]?.handoffId ?? '')).toBeNull();
      }
    });
  });

  describe('history and eventsUpTo', () => {
    /** A case with 121 events: CASE_FILED, then 30 versions of 4 events each; version 10 requests a handoff. */
    async function longCase() {
      const { c: first, filed } = await created();
      const events: CaseEvent[] = [filed];
      let c = first;
      for (let v = 2; v <= 31; v++) {
        const change = step(c, { events: 4, outbox: v === 10 ? [aHandoff(c, v)] : [] });
        await store.save(change, c.version);
        events.push(...change.events);
        c = change.next;
      }
      expect(events).toHaveLength(121);
      return { c, events };
    }

    it('pages oldest first through every event exactly once, also cut off at a version', async () => {
      const { c, events } = await longCase();

      const all = await allPages(7, (cursor) => store.history(c.caseId, { limit: 7, ...withCursor(cursor) }));
      expect(all.items).toEqual(events);
      expect(all.pages).toBeGreaterThanOrEqual(Math.ceil(121 / 7));

      const upTo12 = await allPages(10, (cursor) =>
        store.history(c.caseId, { limit: 10, untilVersion: 12, ...withCursor(cursor) }),
      );
      expect(upTo12.items).toEqual(events.filter((e) => e.version <= 12));
      expect(upTo12.items).toHaveLength(45);

      expect(await store.history(c.caseId, { limit: 10, untilVersion: 1 })).toEqual({
        items: [events[0]],
        nextCursor: null,
      });
      expect(await store.history(randomUUID(), { limit: 10 })).toEqual({ items: [], nextCursor: null });
    });

    it('eventsUpTo returns exactly the events up to a version, oldest first, beyond 100 events', async () => {
      const { c, events } = await longCase();
      const upTo30 = await store.eventsUpTo(c.caseId, 30);
      expect(upTo30).toHaveLength(117);
      expect(upTo30).toEqual(events.filter((e) => e.version <= 30));
      expect(await store.eventsUpTo(c.caseId, 31)).toEqual(events);
      expect(await store.eventsUpTo(c.caseId, 1000)).toEqual(events);
      expect(await store.eventsUpTo(c.caseId, 10)).toEqual(events.filter((e) => e.version <= 10));
      expect(await store.eventsUpTo(c.caseId, 0)).toEqual([]);
      expect(await store.eventsUpTo(randomUUID(), 10)).toEqual([]);
    });
  });

  describe('listByPost', () => {
    /** Seven cases of POST filed out of order, two of them since MEDIATING, and two of OTHER_POST. */
    async function postWithCases() {
      const clock = testClock();
      const deps = depsWith(store, clock);
      const filed: { minute: number; caseId: string }[] = [];
      for (const minute of [3, 0, 5, 1, 4, 2, 6]) {
        clock.set(at(minute * MINUTE));
        filed.push({ minute, caseId: (await fileCase(deps, mediator, intake())).caseId });
        clock.set(at(minute * MINUTE + 30 * SECOND));
        await fileCase(deps, outsider, intake());
      }
      const newestFirst = [...filed].sort((a, b) => b.minute - a.minute).map((f) => f.caseId);
      const byMinute = (m: number) => filed.find((f) => f.minute === m)?.caseId as string;
      clock.set(at(60 * MINUTE));
      for (const m of [1, 4]) {
        await actOnCase(deps, mediator, byMinute(m), { action: 'ASSIGN_MEDIATOR', mediatorId: 'm-1' });
      }
      return { newestFirst, mediating: [byMinute(4), byMinute(1)] };
    }

    it('lists only the post’s cases, newest first by createdAt, page by page', async () => {
      const { newestFirst } = await postWithCases();
      const all = await allPages(3, (cursor) =>
        store.listByPost({ postId: POST, limit: 3, ...withCursor(cursor) }),
      );
      expect(all.items.map((s) => s.caseId)).toEqual(newestFirst);
      expect(all.items.every((s) => s.postId === POST)).toBe(true);

      const other = await allPages(10, (cursor) =>
        store.listByPost({ postId: OTHER_POST, limit: 10, ...withCursor(cursor) }),
      );
      expect(other.items).toHaveLength(7);
      expect(other.items.every((s) => s.postId === OTHER_POST)).toBe(true);
      expect(await store.listByPost({ postId: 'QD-NONE-99', limit: 10 })).toEqual({
        items: [],
        nextCursor: null,
      });
    });

    it('filters by the current status', async () => {
      const { newestFirst, mediating } = await postWithCases();
      const med = await allPages(1, (cursor) =>
        store.listByPost({ postId: POST, status: 'MEDIATING', limit: 1, ...withCursor(cursor) }),
      );
      expect(med.items.map((s) => s.caseId)).toEqual(mediating);
      expect(
        med.items.every((s) => s.status === 'MEDIATING' && s.version === 2 && s.mediatorId === 'm-1'),
      ).toBe(true);

      const stillFiled = await allPages(2, (cursor) =>
        store.listByPost({ postId: POST, status: 'FILED', limit: 2, ...withCursor(cursor) }),
      );
      expect(stillFiled.items.map((s) => s.caseId)).toEqual(
        newestFirst.filter((id) => !mediating.includes(id)),
      );
      expect(await store.listByPost({ postId: POST, status: 'WITHDRAWN', limit: 5 })).toEqual({
        items: [],
        nextCursor: null,
      });
    });

    it('shows exactly the summary fields, and no worker’s name, ID number or phone', async () => {
      await postWithCases();
      const all = await allPages(4, (cursor) =>
        store.listByPost({ postId: POST, limit: 4, ...withCursor(cursor) }),
      );
      expect(all.items).toHaveLength(7);
      for (const summary of all.items) {
        expect(Object.keys(summary).sort()).toEqual(SUMMARY_KEYS);
        const stored = await store.get(summary.caseId);
        expect(stored).not.toBeNull();
        expect(summary).toEqual(expectedSummary(stored as Case));
      }
      const listed = JSON.stringify(all.items);
      expect(listed).toContain('Qingdao Harbour Logistics Co.');
      expect(listed).not.toContain(ID_NUMBER);
      expect(listed).not.toContain(PHONE);
      expect(listed).not.toContain(WORKER_NAME);
      expect(listed).not.toContain('workers');
    });

    it('refuses a cursor it did not issue with a ValidationError on `cursor`', async () => {
      const { c } = await withPendingHandoff();
      const reads = [
        store.listByPost({ postId: POST, limit: 5, cursor: 'not-a-cursor' }),
        store.history(c.caseId, { limit: 5, cursor: 'not-a-cursor' }),
        store.listHandoffs(c.caseId, { limit: 5, cursor: 'not-a-cursor' }),
      ];
      for (const read of reads) {
        const error = await read.then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).issues.map((i) => i.field)).toEqual(['cursor']);
      }
    });
  });

  describe('outbox', () => {
    it('makes the outbox record of an action readable by ref, by id, in its case’s list and as pending', async () => {
      const deps = depsWith(store, testClock());
      const c = await fileCase(deps, mediator, intake());
      deps.clock.advance(MINUTE);
      const moved = await actOnCase(deps, mediator, c.caseId, {
        action: 'TRANSFER_TO_POST',
        toPostId: OTHER_POST,
        reason: 'moved',
      });
      const requested = (await store.history(c.caseId, { limit: 10 })).items.find(
        (e) => e.type === 'HANDOFF_REQUESTED',
      );
      const expected = requested ? outboxRecord(requested) : null;
      if (!expected) throw new Error('TRANSFER_TO_POST requested no handoff');
      expect(expected).toMatchObject({ caseId: c.caseId, requestedVersion: 2, status: 'PENDING' });
      expect(moved.lastHandoff?.handoffId).toBe(expected.handoffId);

      expect(await store.getHandoff(expected)).toEqual(expected);
      expect(await store.getHandoff({ ...expected, handoffId: randomUUID() })).toBeNull();
      expect(await store.getHandoff({ ...expected, requestedVersion: 1 })).toBeNull();
      expect(await store.getHandoff({ ...expected, caseId: randomUUID() })).toBeNull();
      expect(await store.findHandoff(expected.handoffId)).toEqual(expected);
      expect(await store.findHandoff(randomUUID())).toBeNull();
      expect(await store.listHandoffs(c.caseId, { limit: 10 })).toEqual({
        items: [expected],
        nextCursor: null,
      });
      const later = new Date(Date.parse(expected.requestedAt) + 1).toISOString();
      expect((await store.pendingHandoffs(later, 10)).map(refOf)).toEqual([refOf(expected)]);
      expect((await store.pendingHandoffs(expected.requestedAt, 10)).map(refOf)).toEqual([]);
    });

    it('stores the referral to arbitration after a failed mediation the same way', async () => {
      const deps = depsWith(store, testClock());
      const c = await fileCase(deps, mediator, intake());
      await actOnCase(deps, mediator, c.caseId, { action: 'FAIL_MEDIATION', reason: 'no agreement' });
      deps.clock.advance(MINUTE);
      const referred = await actOnCase(deps, mediator, c.caseId, {
        action: 'REFER_TO_ARBITRATION',
        arbitrationId: 'qd-arbitration',
      });
      const events = await store.eventsUpTo(c.caseId, 3);
      const expected = events.map(outboxRecord).find((h) => h !== null);
      if (!expected) throw new Error('REFER_TO_ARBITRATION requested no handoff');
      expect(expected).toMatchObject({
        handoffId: referred.lastHandoff?.handoffId,
        requestedVersion: 3,
        destination: { kind: 'ARBITRATION', id: 'qd-arbitration' },
      });
      expect(await store.findHandoff(expected.handoffId)).toEqual(expected);
      expect(await store.listHandoffs(c.caseId, { limit: 10, untilVersion: 2 })).toEqual({
        items: [],
        nextCursor: null,
      });
      expect((await store.listHandoffs(c.caseId, { limit: 10, untilVersion: 3 })).items).toEqual([expected]);
    });

    it('lists a case’s handoffs oldest first, cut off at a version, page by page', async () => {
      const { c: c1 } = await created();
      const records: HandoffRecord[] = [];
      let c = c1;
      for (const v of [2, 3, 4, 5]) {
        const outbox = v === 3 ? [] : [aHandoff(c, v, { purpose: `P${v}` })];
        const change = step(c, { outbox });
        await store.save(change, c.version);
        records.push(...outbox);
        c = change.next;
      }
      const { c: neighbour } = await created();
      await store.save(step(neighbour, { outbox: [aHandoff(neighbour, 2)] }), 1);

      expect(await store.listHandoffs(c.caseId, { limit: 10 })).toEqual({ items: records, nextCursor: null });
      const paged = await allPages(1, (cursor) =>
        store.listHandoffs(c.caseId, { limit: 1, ...withCursor(cursor) }),
      );
      expect(paged.items).toEqual(records);
      const pagedUntil4 = await allPages(1, (cursor) =>
        store.listHandoffs(c.caseId, { limit: 1, untilVersion: 4, ...withCursor(cursor) }),
      );
      expect(pagedUntil4.items).toEqual(records.slice(0, 2));
      expect((await store.listHandoffs(c.caseId, { limit: 10, untilVersion: 3 })).items).toEqual(
        records.slice(0, 1),
      );
      expect((await store.listHandoffs(c.caseId, { limit: 10, untilVersion: 1 })).items).toEqual([]);
    });

    it('lists PENDING handoffs requested before an instant, oldest first, up to the limit', async () => {
      const made: Record<string, HandoffRecord> = {};
      const cases: Record<string, Case> = {};
      for (const [name, second] of [
        ['a', 5],
        ['b', 1],
        ['c', 3],
        ['d', 7],
        ['e', 9],
      ] as const) {
        const { c } = await created();
        const h = aHandoff(c, 2, { requestedAt: at(second * SECOND) });
        const change = step(c, { outbox: [h] });
        await store.save(change, 1);
        made[name] = h;
        cases[name] = change.next;
      }
      const h = (name: string) => made[name] as HandoffRecord;
      // d is settled: no longer pending.
      await store.settleHandoff(settlement(cases.d as Case, h('d'), delivered(at(8 * SECOND)), ['PENDING']));

      expect((await store.pendingHandoffs(at(8 * SECOND), 10)).map(refOf)).toEqual(
        [h('b'), h('c'), h('a')].map(refOf),
      );
      expect((await store.pendingHandoffs(at(8 * SECOND), 2)).map(refOf)).toEqual(
        [h('b'), h('c')].map(refOf),
      );
      expect((await store.pendingHandoffs(at(3 * SECOND), 10)).map(refOf)).toEqual([refOf(h('b'))]);
      expect((await store.pendingHandoffs(at(60 * SECOND), 10)).map(refOf)).toEqual(
        [h('b'), h('c'), h('a'), h('e')].map(refOf),
      );
      expect((await store.pendingHandoffs(at(0), 10)).map(refOf)).toEqual([]);
    });

    it('lets the sweeper dispatch a pending handoff again and move it behind the others, on the handoff alone', async () => {
      const { c: first } = await created();
      const a = aHandoff(first, 2, { requestedAt: at(SECOND) });
      const afterA = step(first, { outbox: [a] });
      await store.save(afterA, 1);
      const { c: second } = await created();
      const b = aHandoff(second, 2, { requestedAt: at(2 * SECOND) });
      await store.save(step(second, { outbox: [b] }), 1);

      expect(await store.sweepHandoff(refOf(a), { dispatch: 2, sweepFrom: at(MINUTE) })).toBe(true);
      expect(await store.getHandoff(a)).toMatchObject({
        dispatch: 2,
        sweepFrom: at(MINUTE),
        status: 'PENDING',
      });
      expect(stored(await store.get(first.caseId))).toEqual(stored(afterA.next));
      expect((await store.pendingHandoffs(at(10 * SECOND), 10)).map((r) => r.handoffId)).toEqual([
        b.handoffId,
      ]);
      expect((await store.pendingHandoffs(at(2 * MINUTE), 10)).map((r) => r.handoffId)).toEqual([
        b.handoffId,
        a.handoffId,
      ]);
      // A stale dispatch number, or a handoff no longer pending, is left alone.
      expect(await store.sweepHandoff(refOf(a), { dispatch: 3, sweepFrom: at(2 * MINUTE) })).toBe(false);
      expect((await store.getHandoff(a))?.dispatch).toBe(2);
    });
  });

  describe('settleHandoff', () => {
    it('applies the case change, its events and the handoff’s new state together', async () => {
      const { c, h, events } = await withPendingHandoff();
      const s = settlement(c, h, delivered(at(MINUTE)), ['PENDING', 'FAILED']);
      await store.settleHandoff(s);

      expect(stored(await store.get(c.caseId))).toEqual(stored(s.next));
      expect((await store.history(c.caseId, { limit: 10 })).items).toEqual([...events, ...s.events]);
      expect(await store.getHandoff(h)).toEqual(s.handoff);
      expect(await store.findHandoff(h.handoffId)).toEqual(s.handoff);
      expect((await store.listHandoffs(c.caseId, { limit: 10 })).items).toEqual([s.handoff]);
      expect(await pendingIds()).toEqual([]);
    });

    it('throws HandoffStatusConflict and stores nothing when the handoff is not in `from`', async () => {
      const { c, h, events } = await withPendingHandoff();
      await expect(
        store.settleHandoff(settlement(c, h, { status: 'PENDING', dispatch: 2 }, ['FAILED'])),
      ).rejects.toBeInstanceOf(HandoffStatusConflict);
      expect(stored(await store.get(c.caseId))).toEqual(stored(c));
      expect((await store.history(c.caseId, { limit: 10 })).items).toEqual(events);
      expect(await store.getHandoff(h)).toEqual(h);

      // Settled once; the same settlement again (a redelivered message) has no second effect.
      const s = settlement(c, h, delivered(at(MINUTE)), ['PENDING']);
      await store.settleHandoff(s);
      await expect(
        store.settleHandoff(settlement(s.next, h, delivered(at(2 * MINUTE)), ['PENDING'])),
      ).rejects.toBeInstanceOf(HandoffStatusConflict);
      expect(stored(await store.get(c.caseId))).toEqual(stored(s.next));
      expect((await store.history(c.caseId, { limit: 10 })).items).toEqual([...events, ...s.events]);
      expect(await store.getHandoff(h)).toEqual(s.handoff);
    });

    it('throws HandoffStatusConflict and creates nothing for a handoff that was never stored', async () => {
      const { c, filed } = await created();
      const ghost = aHandoff(c, 1);
      await expect(
        store.settleHandoff(settlement(c, ghost, delivered(at(MINUTE)), ['PENDING', 'FAILED'])),
      ).rejects.toBeInstanceOf(HandoffStatusConflict);
      expect(stored(await store.get(c.caseId))).toEqual(stored(c));
      expect((await store.history(c.caseId, { limit: 10 })).items).toEqual([filed]);
      expect(await store.getHandoff(ghost)).toBeNull();
      expect((await store.listHandoffs(c.caseId, { limit: 10 })).items).toEqual([]);
    });

    it('throws VersionConflictError and stores nothing when the case moved on', async () => {
      const { c: c2, h, events } = await withPendingHandoff();
      const moved = step(c2, { status: 'MEDIATING' });
      await store.save(moved, 2);

      await expect(
        store.settleHandoff(settlement(c2, h, delivered(at(MINUTE)), ['PENDING'])),
      ).rejects.toBeInstanceOf(VersionConflictError);
      expect(stored(await store.get(c2.caseId))).toEqual(stored(moved.next));
      expect((await store.history(c2.caseId, { limit: 10 })).items).toEqual([...events, ...moved.events]);
      expect(await store.getHandoff(h)).toEqual(h);
      expect(await pendingIds()).toEqual([h.handoffId]);
    });

    it('takes DELIVERED and FAILED handoffs out of pendingHandoffs; a retry puts one back', async () => {
      const one = await withPendingHandoff();
      const two = await withPendingHandoff();
      expect((await pendingIds()).sort()).toEqual([one.h.handoffId, two.h.handoffId].sort());

      await store.settleHandoff(settlement(one.c, one.h, delivered(at(MINUTE)), ['PENDING']));
      expect(await pendingIds()).toEqual([two.h.handoffId]);

      const failed = settlement(two.c, two.h, { status: 'FAILED', failedAt: at(MINUTE), lastError: 'r' }, [
        'PENDING',
      ]);
      await store.settleHandoff(failed);
      expect(await pendingIds()).toEqual([]);
      expect(await store.getHandoff(two.h)).toEqual(failed.handoff);

      const retried = settlement(
        failed.next,
        failed.handoff,
        { status: 'PENDING', dispatch: 2, failedAt: null },
        ['FAILED'],
      );
      await store.settleHandoff(retried);
      expect(await store.getHandoff(two.h)).toEqual(retried.handoff);
      expect((await store.pendingHandoffs(at(24 * 60 * MINUTE), 10)).map(refOf)).toEqual([
        { caseId: two.c.caseId, handoffId: two.h.handoffId, requestedVersion: 2, dispatch: 2 },
      ]);
    });

    it('keeps the attempts recordAttempt counted', async () => {
      const { c, h } = await withPendingHandoff();
      await store.recordAttempt(refOf(h), at(MINUTE), 'partner answered 503');
      await store.recordAttempt(refOf(h), at(2 * MINUTE), 'timed out after 200 ms');
      // The settlement was built from the record as read before the attempts (attempts: 0).
      const s = settlement(c, h, delivered(at(3 * MINUTE)), ['PENDING']);
      await store.settleHandoff(s);
      expect(await store.getHandoff(h)).toMatchObject({
        status: 'DELIVERED',
        deliveredAt: at(3 * MINUTE),
        partnerReference: 'ARB-7',
        lastError: null,
        attempts: 2,
      });
    });
    it('settles only the fields a settlement decides, keeping the last attempt’s time', async () => {
      const { c, h } = await withPendingHandoff();
      await store.recordAttempt(refOf(h), at(MINUTE), 'boom');
      // Built from the record as read before the attempt (lastAttemptAt: null).
      const s = settlement(c, h, delivered(at(2 * MINUTE)), ['PENDING']);
      await store.settleHandoff(s);
      expect((await store.getHandoff(h))?.lastAttemptAt).toBe(at(MINUTE));
      expect(await store.getHandoff(h)).toEqual({ ...s.handoff, attempts: 1, lastAttemptAt: at(MINUTE) });
    });

    it('settles nothing when the handoff id does not match the record at its case and version', async () => {
      const { c, h, events } = await withPendingHandoff();
      const impostor = { ...h, handoffId: randomUUID() };
      await expect(
        store.settleHandoff(settlement(c, impostor, delivered(at(MINUTE)), ['PENDING'])),
      ).rejects.toBeInstanceOf(HandoffStatusConflict);
      expect(stored(await store.get(c.caseId))).toEqual(stored(c));
      expect((await store.history(c.caseId, { limit: 10 })).items).toEqual(events);
      expect(await store.getHandoff(h)).toEqual(h);
    });
  });

  describe('recordAttempt', () => {
    it('counts attempts and records the last one’s time and error', async () => {
      const { h } = await withPendingHandoff();
      await store.recordAttempt(refOf(h), at(MINUTE), 'partner answered 503');
      expect(await store.getHandoff(h)).toEqual({
        ...h,
        attempts: 1,
        lastAttemptAt: at(MINUTE),
        lastError: 'partner answered 503',
      });
      await store.recordAttempt(refOf(h), at(2 * MINUTE), null);
      expect(await store.getHandoff(h)).toEqual({
        ...h,
        attempts: 2,
        lastAttemptAt: at(2 * MINUTE),
        lastError: null,
      });
      expect(await pendingIds()).toEqual([h.handoffId]);
    });

    it('throws on an unknown handoff and creates nothing', async () => {
      const { c, h } = await withPendingHandoff();
      const unknown = { caseId: randomUUID(), handoffId: randomUUID(), requestedVersion: 2, dispatch: 1 };
      await expect(store.recordAttempt(unknown, at(MINUTE), 'x')).rejects.toThrow();
      expect(await store.findHandoff(unknown.handoffId)).toBeNull();
      expect(await store.getHandoff(unknown)).toBeNull();

      const noSuchVersion = { caseId: c.caseId, handoffId: randomUUID(), requestedVersion: 9, dispatch: 1 };
      await expect(store.recordAttempt(noSuchVersion, at(MINUTE), 'x')).rejects.toThrow();
      expect((await store.listHandoffs(c.caseId, { limit: 10 })).items).toEqual([h]);

      // Every ref getHandoff cannot resolve is unknown here too, whichever part of it is wrong.
      for (const wrong of [
        { ...refOf(h), handoffId: randomUUID() },
        { ...refOf(h), caseId: randomUUID() },
        { ...refOf(h), requestedVersion: 3 },
      ]) {
        expect(await store.getHandoff(wrong)).toBeNull();
        await expect(store.recordAttempt(wrong, at(MINUTE), 'x')).rejects.toThrow();
      }
      expect(await store.getHandoff(h)).toEqual(h);
    });
  });
});
