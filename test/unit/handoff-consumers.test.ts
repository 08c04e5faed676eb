import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import { type HandoffRecord, refOf } from '../../domain/handoffs/model.ts';
import { retryHandoff } from '../../domain/handoffs/retry.ts';
import type { Actor } from '../../domain/shared/actor.ts';
import { IllegalTransitionError } from '../../domain/shared/errors.ts';
import type { Partner } from '../../functions/adapters/partners/registry.ts';
import type { DeliveryOutcome, deliverWebhook } from '../../functions/adapters/partners/webhook-client.ts';
import type { HandoffMessage } from '../../functions/adapters/sqs/handoff-queues.ts';
import { HANDOFF_QUEUES } from '../../functions/adapters/sqs/queues.ts';
import { createPartnerConsumer } from '../../functions/queues/consumers.ts';
import { admin, depsWith, intake, mediator, settle } from '../support/fixtures.ts';
import { MemoryCaseRepository } from '../support/memory-repository.ts';

/**
 * The partner consumer against an in-memory store, a scripted partner call and a recording dead-letter
 * queue: when it gives up, what a stale or overtaken message does, what the partner is sent.
 */

const court: Partner = {
  kind: 'COURT',
  id: 'qd-court',
  name: 'Court',
  endpoint: 'https://court.example/webhooks',
  secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
  callbackSecrets: ['whsec_Y2FsbGJhY2tzIGFyZSBzaWduZWQgd2l0aCB0aGlz'],
};
const courtClerk: Actor = { sub: 'clerk', role: 'court', postId: 'qd-court' };
const context = { getRemainingTimeInMillis: () => 30_000 } as Context;

function harness(script: (handoffId: string, body: string) => DeliveryOutcome | Error) {
  const repo = new MemoryCaseRepository();
  const deps = depsWith(repo);
  const parked: string[] = [];
  const calls: { handoffId: string; body: string }[] = [];
  const deliver: typeof deliverWebhook = async (_partner, handoffId, body) => {
    calls.push({ handoffId, body });
    const outcome = script(handoffId, body);
    if (outcome instanceof Error) throw outcome;
    return outcome;
  };
  const consume = createPartnerConsumer({
    deps,
    queues: { moveToDeadLetter: async (_kind, record) => void parked.push(record.messageId) },
    partners: { find: async (kind, id) => (kind === 'COURT' && id === court.id ? court : null) },
    delivery: { timeoutMs: 100, attempts: 1, backoffMs: 1 },
    deliver,
  });
  let n = 0;
  const record = (h: HandoffRecord, receiveCount: number, dispatch = h.dispatch): SQSRecord => {
    const body: HandoffMessage = { ...refOf(h), dispatch, kind: 'COURT' };
    return {
      messageId: `m-${++n}`,
      receiptHandle: `r-${n}`,
      body: JSON.stringify(body),
      attributes: {
        ApproximateReceiveCount: String(receiveCount),
        SentTimestamp: '0',
        SenderId: 'relay',
        ApproximateFirstReceiveTimestamp: '0',
        MessageGroupId: h.caseId,
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:ap-southeast-1:000000000000:ldm-dev-${HANDOFF_QUEUES.COURT.name}`,
      awsRegion: 'ap-southeast-1',
    };
  };
  const run = (...records: SQSRecord[]) => consume({ Records: records } as SQSEvent, context);
  /** A court-delegated case with two court handoffs: confirmation requested, rejected, case returned. */
  const twoCourtHandoffs = async () => {
    const c = await fileCase(deps, mediator, intake({ origin: 'COURT_DELEGATED' }));
    await settle(deps, mediator, c.caseId);
    await actOnCase(deps, mediator, c.caseId, { action: 'REQUEST_JUDICIAL_CONFIRMATION', courtId: court.id });
    await actOnCase(deps, courtClerk, c.caseId, {
      action: 'REJECT_CONFIRMATION',
      reason: 'unclear terms',
      decidedOn: '2026-03-02',
    });
    await actOnCase(deps, mediator, c.caseId, { action: 'RETURN_TO_COURT', courtId: court.id });
    const { items } = await repo.listHandoffs(c.caseId, { limit: 10 });
    return { caseId: c.caseId, first: items[0] as HandoffRecord, second: items[1] as HandoffRecord };
  };
  const status = async (h: HandoffRecord) => (await repo.getHandoff(h))?.status;
  return { repo, deps, parked, calls, record, run, twoCourtHandoffs, status };
}

const unavailable: DeliveryOutcome = { kind: 'unavailable', reason: 'partner answered 503', attempts: 1 };
const delivered = (reference: string): DeliveryOutcome => ({ kind: 'delivered', reference, attempts: 1 });

describe('the partner consumer', () => {
  it('returns a transient failure to the queue before its last receive, and parks it as FAILED on it', async () => {
    const t = harness(() => unavailable);
    const { first } = await t.twoCourtHandoffs();
    const early = t.record(first, 2);
    expect((await t.run(early)).batchItemFailures).toEqual([{ itemIdentifier: early.messageId }]);
    expect(await t.status(first)).toBe('PENDING');
    expect(t.parked).toEqual([]);

    const last = t.record(first, HANDOFF_QUEUES.COURT.parkAfterReceives);
    expect((await t.run(last)).batchItemFailures).toEqual([]);
    expect(t.parked).toEqual([last.messageId]);
    const stored = await t.repo.getHandoff(first);
    expect(stored?.status).toBe('FAILED');
    expect(stored?.lastError).toMatch(/gave up after 5 receives: partner answered 503/);
  });

  it('parks the first of a case’s two messages on its last receive and still delivers the second', async () => {
    const t = harness((handoffId) => (handoffId === first.handoffId ? unavailable : delivered('C-2')));
    const { first, second } = await t.twoCourtHandoffs();
    const response = await t.run(t.record(first, 5), t.record(second, 5));
    expect(response.batchItemFailures).toEqual([]);
    expect(await t.status(first)).toBe('FAILED');
    expect(await t.status(second)).toBe('DELIVERED');
  });

  it('skips the later message of a case when the earlier one will be retried, keeping the order', async () => {
    const t = harness((handoffId) => (handoffId === first.handoffId ? unavailable : delivered('C-2')));
    const { first, second } = await t.twoCourtHandoffs();
    const [a, b] = [t.record(first, 1), t.record(second, 1)];
    const response = await t.run(a, b);
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(
      [a.messageId, b.messageId].sort(),
    );
    expect(t.calls.map((c) => c.handoffId)).toEqual([first.handoffId]);
    expect(await t.status(second)).toBe('PENDING');
  });

  it('ignores a message from a dispatch that a retry superseded', async () => {
    const t = harness(() => delivered('C-1'));
    const { first } = await t.twoCourtHandoffs();
    // As after an admin's retry: the record is at dispatch 2 when an old dispatch-1 copy arrives.
    t.repo.handoffs.set(first.handoffId, { ...first, dispatch: 2 });
    expect((await t.run(t.record(first, 1, 1))).batchItemFailures).toEqual([]);
    expect(t.calls).toEqual([]);
    expect(await t.status(first)).toBe('PENDING');
  });

  it('refuses to deliver or retry a handoff that a later one to the same court overtook', async () => {
    const t = harness((handoffId) => (handoffId === first.handoffId ? unavailable : delivered('C-2')));
    const { first, second } = await t.twoCourtHandoffs();
    await t.run(t.record(first, 5));
    await t.run(t.record(second, 1));
    expect([await t.status(first), await t.status(second)]).toEqual(['FAILED', 'DELIVERED']);

    await expect(retryHandoff(t.deps, admin, first.handoffId)).rejects.toBeInstanceOf(IllegalTransitionError);
    const calls = t.calls.length;
    const redriven = t.record(first, 1);
    expect((await t.run(redriven)).batchItemFailures).toEqual([]);
    expect(t.calls).toHaveLength(calls);
    expect(t.parked).toContain(redriven.messageId);
    expect(await t.status(first)).toBe('FAILED');
  });

  it('sends the record up to the requesting action, the same on every retry', async () => {
    const t = harness(() => unavailable);
    const { first } = await t.twoCourtHandoffs();
    await t.run(t.record(first, 1));
    await t.run(t.record(first, 2));
    const [one, two] = t.calls;
    expect(one?.body).toBe(two?.body);
    const sent = JSON.parse(one?.body ?? '{}') as { mediationRecord: { version: number; type: string }[] };
    expect(Math.max(...sent.mediationRecord.map((e) => e.version))).toBe(first.requestedVersion);
    expect(JSON.stringify(sent)).not.toContain('REJECT_CONFIRMATION');
  });
});
