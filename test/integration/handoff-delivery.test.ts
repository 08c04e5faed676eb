import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import { HandoffStatusConflict, refOf } from '../../domain/handoffs/model.ts';
import { recordDelivery } from '../../domain/handoffs/record-outcome.ts';
import type { Partner } from '../../functions/adapters/partners/registry.ts';
import { deliverWebhook } from '../../functions/adapters/partners/webhook-client.ts';
import { startPartnerSimulator } from '../../infra/local/partner-simulator.ts';
import { freshCasesTable } from '../support/dynamodb.ts';
import { depsWith, intake, mediator } from '../support/fixtures.ts';

let simulator: Awaited<ReturnType<typeof startPartnerSimulator>>;
let table: Awaited<ReturnType<typeof freshCasesTable>>;
let court: Partner;

beforeAll(async () => {
  [simulator, table] = await Promise.all([
    startPartnerSimulator([{ kind: 'COURT', id: 'court-x', name: 'Court X' }]),
    freshCasesTable(),
  ]);
  court = simulator.registry.partners[0] as Partner;
});
afterAll(async () => {
  await simulator.stop();
  await table.drop();
});

const options = { timeoutMs: 200, attempts: 3, backoffMs: 5, remainingMs: () => 60_000 };

describe('webhook delivery against the simulated court', () => {
  it('retries 5xx and timeouts, then takes the reference; a repeat is discarded by webhook-id', async () => {
    simulator.behave('court-x', (attempt) =>
      attempt === 1 ? { status: 503 } : attempt === 2 ? { hangMs: 400 } : 'accept',
    );
    const errors: (string | null)[] = [];
    const body = JSON.stringify({ case: { caseId: 'c-1' }, sequence: 2 });
    const outcome = await deliverWebhook(court, 'h-1', body, {
      ...options,
      onAttempt: async (e) => void errors.push(e),
    });
    expect(outcome).toMatchObject({ kind: 'delivered', attempts: 3 });
    expect(errors).toEqual(['partner answered 503', 'timed out after 200 ms', null]);

    const again = await deliverWebhook(court, 'h-1', body, options);
    expect(again.kind === 'delivered' && again.reference).toBe(
      outcome.kind === 'delivered' && outcome.reference,
    );
    expect(simulator.receipts.filter((r) => r.webhookId === 'h-1')).toHaveLength(1);
    expect(simulator.deliveries.get('h-1')).toBe(2);
  });

  it('does not retry a 4xx, gives up after the attempts, and never starts a call it has no time for', async () => {
    simulator.behave('court-x', () => ({ status: 400 }));
    expect(await deliverWebhook(court, 'h-2', '{}', options)).toMatchObject({
      kind: 'rejected',
      attempts: 1,
    });
    simulator.behave('court-x', () => ({ status: 500 }));
    expect(await deliverWebhook(court, 'h-3', '{}', options)).toMatchObject({
      kind: 'unavailable',
      attempts: 3,
    });
    expect(await deliverWebhook(court, 'h-4', '{}', { ...options, remainingMs: () => 500 })).toMatchObject({
      kind: 'unavailable',
      attempts: 0,
    });
  });

  it('rejects a signature made with a secret the partner does not hold', async () => {
    simulator.behave('court-x', () => 'accept');
    const before = simulator.badSignatures;
    const forged = { ...court, secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'] };
    expect(await deliverWebhook(forged, 'h-5', '{}', options)).toMatchObject({ kind: 'rejected' });
    expect(simulator.badSignatures).toBe(before + 1);
  });
});

describe('handoff records in DynamoDB', () => {
  it('finds a handoff by id through the index and guards its settlement on status', async () => {
    const deps = depsWith(table.repo);
    const c = await fileCase(deps, mediator, intake());
    await actOnCase(deps, mediator, c.caseId, { action: 'FAIL_MEDIATION', reason: 'no agreement' });
    const referred = await actOnCase(deps, mediator, c.caseId, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: 'qd-arbitration',
    });
    const handoffId = referred.lastHandoff?.handoffId ?? '';
    const later = new Date(Date.parse(deps.clock.now()) + 1000).toISOString();
    expect((await table.repo.pendingHandoffs(later, 100)).map((r) => r.handoffId)).toContain(handoffId);
    expect((await table.repo.pendingHandoffs(deps.clock.now(), 100)).map((r) => r.handoffId)).not.toContain(
      handoffId,
    );
    const found = await table.repo.findHandoff(handoffId);
    expect(found).toMatchObject({ handoffId, caseId: c.caseId, requestedVersion: 3, status: 'PENDING' });
    if (!found) return;
    await table.repo.recordAttempt(refOf(found), deps.clock.now(), 'partner answered 503');
    expect(await recordDelivery(deps, refOf(found), 'ARB-7')).toBe('settled');
    const stored = await table.repo.getHandoff(found);
    expect(stored).toMatchObject({ status: 'DELIVERED', attempts: 1, partnerReference: 'ARB-7' });
    // Settled: out of the pending index.
    expect((await table.repo.pendingHandoffs(later, 100)).map((r) => r.handoffId)).not.toContain(handoffId);

    // A second settlement from PENDING fails on the handoff's guard and writes nothing.
    const current = await table.repo.get(c.caseId);
    if (!current || !stored) return;
    await expect(
      table.repo.settleHandoff({
        next: { ...current, version: current.version + 1 },
        expectedVersion: current.version,
        events: [],
        handoff: { ...stored, status: 'FAILED' },
        from: ['PENDING'],
      }),
    ).rejects.toBeInstanceOf(HandoffStatusConflict);
    expect((await table.repo.get(c.caseId))?.version).toBe(current.version);
    expect(await table.repo.findHandoff(crypto.randomUUID())).toBeNull();
  });

  it('reads events and handoffs up to a case version, as a former post sees them', async () => {
    const deps = depsWith(table.repo);
    const c = await fileCase(deps, mediator, intake());
    await actOnCase(deps, mediator, c.caseId, { action: 'FAIL_MEDIATION', reason: 'no agreement' });
    await actOnCase(deps, mediator, c.caseId, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: 'qd-arbitration',
    });
    const upTo = async (untilVersion?: number) => ({
      events: (await table.repo.history(c.caseId, { limit: 100, ...(untilVersion ? { untilVersion } : {}) }))
        .items,
      handoffs: (
        await table.repo.listHandoffs(c.caseId, { limit: 100, ...(untilVersion ? { untilVersion } : {}) })
      ).items,
    });
    const two = await upTo(2);
    expect(two.events.map((e) => e.version)).toEqual([1, 2]);
    expect(two.handoffs).toEqual([]);
    const three = await upTo(3);
    expect(three.events.map((e) => `${e.version}.${e.seq}`)).toEqual(['1.0', '2.0', '3.0', '3.1']);
    expect(three.handoffs).toHaveLength(1);
    expect((await upTo()).events).toHaveLength(4);
  });
});
