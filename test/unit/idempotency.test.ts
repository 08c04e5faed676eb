import { describe, expect, it } from 'vitest';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import { intakeSchema } from '../../domain/case/intake.ts';
import type { Case } from '../../domain/case/model.ts';
import type { Actor } from '../../domain/shared/actor.ts';
import { ValidationError } from '../../domain/shared/errors.ts';
import { parseOrThrow } from '../../domain/shared/validation.ts';
import { HttpError } from '../../functions/http/errors.ts';
import { once } from '../../functions/http/idempotency.ts';
import type { HttpEvent } from '../../functions/http/request.ts';
import { json } from '../../functions/http/response.ts';
import { depsWith, intake, mediator, OTHER_POST } from '../support/fixtures.ts';
import { MemoryCaseRepository } from '../support/memory-repository.ts';

/** Idempotent commands: the receipt is stored with the effect, a retry answers from it. */

const event = (key: string | undefined, path = '/cases') =>
  ({
    routeKey: 'POST /cases',
    rawPath: path,
    headers: key === undefined ? {} : { 'idempotency-key': key },
  }) as unknown as HttpEvent;

function harness() {
  const store = new MemoryCaseRepository();
  const deps = depsWith(store);
  const settings = {
    ttlSeconds: 3600,
    receipts: { find: async (id: string) => store.receipts.get(id) ?? null },
  };
  let executions = 0;
  const file = (actor: Actor, body: Record<string, unknown>, key: string | undefined) =>
    once(event(key), actor, settings, {
      validate: () => parseOrThrow(intakeSchema(), body),
      respond: (c: Case) => json(201, { caseId: c.caseId, caseNumber: c.caseNumber }),
      execute: async (receipt) => {
        executions++;
        return fileCase(deps, actor, body, receipt ? { receipt } : {});
      },
    });
  return { store, deps, file, executions: () => executions };
}

describe('once', () => {
  it('runs every request without a key', async () => {
    const h = harness();
    await h.file(mediator, intake(), undefined);
    await h.file(mediator, intake(), undefined);
    expect(h.executions()).toBe(2);
    expect(h.store.cases.size).toBe(2);
    expect(h.store.receipts.size).toBe(0);
  });

  it('answers a retry with the first response, from a receipt stored with the case', async () => {
    const h = harness();
    const first = await h.file(mediator, intake(), 'k-1');
    expect(h.store.receipts.size).toBe(1);
    const again = await h.file(mediator, intake(), 'k-1');
    expect(again).toEqual(first);
    expect(h.executions()).toBe(1);
    expect(h.store.cases.size).toBe(1);
  });

  it('refuses the same key with a different command (422) and changes nothing', async () => {
    const h = harness();
    await h.file(mediator, intake(), 'k-2');
    const error = await h.file(mediator, intake({ summary: 'another dispute' }), 'k-2').catch((e) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(h.store.cases.size).toBe(1);
  });

  it('scopes a key to the caller: another post or user with the same key gets its own result', async () => {
    const h = harness();
    const elsewhere: Actor = { ...mediator, postId: OTHER_POST };
    const mine = await h.file(mediator, intake(), 'shared-key');
    const theirs = await h.file(elsewhere, intake(), 'shared-key');
    const someoneElse = await h.file({ ...mediator, sub: 'mediator-7' }, intake(), 'shared-key');
    expect(new Set([mine.body, theirs.body, someoneElse.body]).size).toBe(3);
    expect(h.store.cases.size).toBe(3);
  });

  it('validates before hashing or storing anything: a bad body is a 400 with no receipt', async () => {
    const h = harness();
    const error = await h.file(mediator, { origin: 'WALK_IN' }, 'k-3').catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(h.store.receipts.size).toBe(0);
    expect(h.executions()).toBe(0);
  });

  it('lets only one of two concurrent duplicates take effect; the other answers as the winner did', async () => {
    const h = harness();
    const [a, b] = await Promise.all([h.file(mediator, intake(), 'k-4'), h.file(mediator, intake(), 'k-4')]);
    expect(a).toEqual(b);
    expect(h.store.cases.size).toBe(1);
  });

  it('stores an action’s receipt in the action’s own change', async () => {
    const h = harness();
    const c = await fileCase(h.deps, mediator, intake());
    const receipt = {
      id: 'r-1',
      fingerprint: 'f',
      result: '{}',
      expiresAt: Math.floor(Date.now() / 1000) + 60,
    };
    await actOnCase(h.deps, mediator, c.caseId, { action: 'ASSIGN_MEDIATOR', mediatorId: 'm' }, undefined, {
      receipt: () => receipt,
    });
    expect(h.store.receipts.get('r-1')).toEqual(receipt);
    // A second change carrying the same receipt id is refused whole: the case stays at version 2.
    await expect(
      actOnCase(h.deps, mediator, c.caseId, { action: 'ASSIGN_MEDIATOR', mediatorId: 'n' }, undefined, {
        receipt: () => receipt,
      }),
    ).rejects.toThrow(/already carried out/);
    expect((await h.store.get(c.caseId))?.version).toBe(2);
  });
});
