import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import { listCases } from '../../domain/case/list-cases.ts';
import { readHistory } from '../../domain/case/read-history.ts';
import { ValidationError, VersionConflictError } from '../../domain/shared/errors.ts';
import { freshCasesTable } from '../support/dynamodb.ts';
import { depsWith, intake, mediator, OTHER_POST, POST } from '../support/fixtures.ts';
import { stored } from '../support/sealed.ts';

let table: Awaited<ReturnType<typeof freshCasesTable>>;

beforeAll(async () => {
  table = await freshCasesTable();
});
afterAll(async () => {
  await table.drop();
});

describe('DynamoCaseRepository against DynamoDB Local', () => {
  it('stores a case with its first event and reads it back', async () => {
    const deps = depsWith(table.repo);
    const c = await fileCase(deps, mediator, intake());
    expect(stored(await table.repo.get(c.caseId))).toEqual(stored(c));
    const history = await table.repo.history(c.caseId, { limit: 10 });
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({ type: 'CASE_FILED', version: 1, caseId: c.caseId });
    expect(await table.repo.get('no-such-case')).toBeNull();
  });

  it('allocates case numbers atomically under concurrency, per post and year', async () => {
    const numbers = await Promise.all(
      Array.from({ length: 25 }, () => table.repo.allocateCaseSequence('QD-CONC-01', 2026)),
    );
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(await table.repo.allocateCaseSequence('QD-CONC-01', 2027)).toBe(1);
  });

  it('lets exactly one of two concurrent actions on the same version win', async () => {
    const deps = depsWith(table.repo);
    const c = await fileCase(deps, mediator, intake());
    // Both mediators saw version 1. Without If-Match the second could legitimately run on version 2 when
    // the two do not overlap; with it, whichever comes second must lose, at the read or at the write.
    const results = await Promise.allSettled([
      actOnCase(deps, mediator, c.caseId, { action: 'ASSIGN_MEDIATOR', mediatorId: 'a' }, 1),
      actOnCase(deps, mediator, c.caseId, { action: 'WITHDRAW', reason: 'changed mind' }, 1),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflictError);
    const stored = await table.repo.get(c.caseId);
    expect(stored?.version).toBe(2);
    const { items } = await readHistory(deps, mediator, c.caseId, {});
    expect(items.map((e) => e.version)).toEqual([1, 2]);
    expect(items[1]?.to).toBe(stored?.status);
  });

  it('lets the store itself accept only one of overlapping writes on one version', async () => {
    const deps = depsWith(table.repo);
    for (let round = 0; round < 20; round++) {
      const c = await fileCase(deps, mediator, intake());
      const next = (status: 'WITHDRAWN' | 'MEDIATING') => ({ ...c, status, version: 2 });
      const event = (status: 'WITHDRAWN' | 'MEDIATING') => ({
        caseId: c.caseId,
        version: 2,
        seq: 0,
        type: 'ACTION_APPLIED' as const,
        action: status,
        actor: mediator,
        at: c.createdAt,
        from: 'FILED' as const,
        to: status,
        payload: {},
      });
      const results = await Promise.allSettled([
        table.repo.save({ next: next('WITHDRAWN'), events: [event('WITHDRAWN')], outbox: [] }, 1),
        table.repo.save({ next: next('MEDIATING'), events: [event('MEDIATING')], outbox: [] }, 1),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason).toBeInstanceOf(VersionConflictError);
      const history = await table.repo.history(c.caseId, { limit: 10 });
      expect(history.items).toHaveLength(2);
      expect(history.items[1]?.to).toBe((await table.repo.get(c.caseId))?.status);
    }
  });

  it('writes nothing when the version guard fails', async () => {
    const deps = depsWith(table.repo);
    const c = await fileCase(deps, mediator, intake());
    const stale = { ...c, status: 'WITHDRAWN' as const, version: 2 };
    const event = {
      caseId: c.caseId,
      version: 2,
      seq: 0,
      type: 'ACTION_APPLIED' as const,
      action: 'WITHDRAW',
      actor: mediator,
      at: c.createdAt,
      from: 'FILED' as const,
      to: 'WITHDRAWN' as const,
      payload: {},
    };
    await table.repo.save({ next: stale, events: [event], outbox: [] }, 1);
    await expect(
      table.repo.save({ next: { ...stale, version: 3 }, events: [{ ...event, version: 3 }], outbox: [] }, 1),
    ).rejects.toBeInstanceOf(VersionConflictError);
    expect((await table.repo.history(c.caseId, { limit: 10 })).items).toHaveLength(2);
  });

  it('lists a post through its index, newest first, by status, with tamper-checked cursors', async () => {
    const deps = depsWith(table.repo);
    const post = 'QD-LIST-01';
    const me = { ...mediator, postId: post };
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      deps.clock.advance(60_000);
      ids.push((await fileCase(deps, me, intake())).caseId);
    }
    await actOnCase(deps, me, ids[3] as string, { action: 'ASSIGN_MEDIATOR', mediatorId: 'm' });

    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await listCases(deps, me, { limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((c) => c.caseId));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual([...ids].reverse());

    const mediating = await listCases(deps, me, { status: 'MEDIATING' });
    expect(mediating.items.map((c) => c.caseId)).toEqual([ids[3]]);
    expect(mediating.items[0]).toMatchObject({ status: 'MEDIATING', workerCount: 1, version: 2 });
    const stored = await table.repo.get(ids[3] as string);
    const listed = JSON.stringify(mediating.items);
    for (const w of stored?.workers ?? []) {
      expect(listed).not.toContain(w.idNumber);
      expect(listed).not.toContain(w.phone);
      expect(listed).not.toContain(w.name);
    }

    const first = await listCases(deps, me, { limit: 2 });
    const tampered = `${first.nextCursor?.slice(0, -2)}xx`;
    await expect(listCases(deps, me, { cursor: tampered })).rejects.toBeInstanceOf(ValidationError);
    // A cursor from one post's list cannot page through another's.
    const other = { ...mediator, postId: OTHER_POST };
    await expect(listCases(deps, other, { cursor: first.nextCursor as string })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(
      (await listCases(deps, { ...mediator, postId: POST }, {})).items.every((c) => c.postId === POST),
    ).toBe(true);
  });
});
