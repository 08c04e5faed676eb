import type { DynamoDBRecord } from 'aws-lambda';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import { readCase } from '../../domain/case/read-case.ts';
import { readHistory } from '../../domain/case/read-history.ts';
import { listHandoffs } from '../../domain/handoffs/list-handoffs.ts';
import { type HandoffRef, refOf } from '../../domain/handoffs/model.ts';
import { handoffPackage } from '../../domain/handoffs/package.ts';
import { recordDelivery, recordFailure } from '../../domain/handoffs/record-outcome.ts';
import { redispatchStale } from '../../domain/handoffs/redispatch.ts';
import { retryHandoff } from '../../domain/handoffs/retry.ts';
import { acceptTransfer } from '../../domain/handoffs/take-over-transfer.ts';
import type { Actor } from '../../domain/shared/actor.ts';
import { ForbiddenError, IllegalTransitionError, NotFoundError } from '../../domain/shared/errors.ts';
import { handoffToPublish } from '../../functions/adapters/dynamodb/stream.ts';
import { PartnerRegistry } from '../../functions/adapters/partners/registry.ts';
import { backoffDelay, signedHeaders } from '../../functions/adapters/partners/webhook-client.ts';
import { deduplicationId } from '../../functions/adapters/sqs/handoff-queues.ts';
import { HANDOFF_QUEUES } from '../../functions/adapters/sqs/queues.ts';
import { newWebhookSecret } from '../../infra/local/partner-settings.ts';
import { admin, depsWith, intake, mediator, OTHER_POST, POST, referredCase } from '../support/fixtures.ts';
import { MemoryCaseRepository } from '../support/memory-repository.ts';

const setup = () => {
  const repo = new MemoryCaseRepository();
  return { repo, deps: depsWith(repo) };
};
type Deps = ReturnType<typeof setup>['deps'];

const receiver: Actor = { sub: 'mediator-2', role: 'mediator', postId: OTHER_POST };
const stranger: Actor = { sub: 'mediator-3', role: 'mediator', postId: 'QD-XX-09' };

async function transferred(deps: Deps) {
  const c = await fileCase(deps, mediator, intake());
  const pending = await actOnCase(deps, mediator, c.caseId, {
    action: 'TRANSFER_TO_POST',
    toPostId: OTHER_POST,
    reason: 'the worker moved',
  });
  const [handoff] = (await listHandoffs(deps, mediator, c.caseId, {})).items;
  if (!handoff) throw new Error('no handoff recorded');
  return { c: pending, handoff, ref: refOf(handoff) };
}

const referred = (deps: Deps) => referredCase(deps);

describe('the outbox', () => {
  it('stores a PENDING handoff record with the action that requests it', async () => {
    const { deps } = setup();
    const { c, handoff } = await transferred(deps);
    expect(handoff).toMatchObject({
      handoffId: c.lastHandoff?.handoffId,
      caseId: c.caseId,
      requestedVersion: c.version,
      destination: { kind: 'UNION_POST', id: OTHER_POST },
      fromPostId: POST,
      status: 'PENDING',
      attempts: 0,
      dispatch: 1,
    });
  });

  it('records nothing for an action without a handoff', async () => {
    const { deps } = setup();
    const c = await fileCase(deps, mediator, intake());
    await actOnCase(deps, mediator, c.caseId, { action: 'ASSIGN_MEDIATOR', mediatorId: 'm' });
    expect((await listHandoffs(deps, mediator, c.caseId, {})).items).toEqual([]);
  });
});

describe('union-post transfer', () => {
  it('moves the case to the receiving post once, and the sender keeps read access to the history', async () => {
    const { deps } = setup();
    const { c, ref } = await transferred(deps);

    expect(await acceptTransfer(deps, ref)).toBe('settled');
    expect(await acceptTransfer(deps, ref)).toBe('duplicate');

    const moved = await readCase(deps, receiver, c.caseId);
    expect(moved).toMatchObject({
      postId: OTHER_POST,
      status: 'FILED',
      formerPosts: [{ postId: POST, untilVersion: moved.version }],
      mediatorId: null,
    });
    const history = await readHistory(deps, mediator, c.caseId, {});
    expect(history.items.filter((e) => e.type === 'HANDOFF_RECEIVED')).toHaveLength(1);
    expect(history.items.at(-1)).toMatchObject({
      type: 'HANDOFF_RECEIVED',
      payload: { fromPostId: POST, toPostId: OTHER_POST },
    });
    // The sender reads the record, not the case; it can no longer act; a stranger sees nothing.
    await expect(readCase(deps, mediator, c.caseId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      actOnCase(deps, mediator, c.caseId, { action: 'ASSIGN_MEDIATOR', mediatorId: 'm' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await listHandoffs(deps, mediator, c.caseId, {})).items[0]?.status).toBe('DELIVERED');
    await expect(readHistory(deps, stranger, c.caseId, {})).rejects.toBeInstanceOf(NotFoundError);
    await expect(listHandoffs(deps, stranger, c.caseId, {})).rejects.toBeInstanceOf(NotFoundError);
  });

  it('shows the sender the record up to its handover, not what the receiving post does next', async () => {
    const { deps } = setup();
    const { c, ref } = await transferred(deps);
    await acceptTransfer(deps, ref);
    await actOnCase(deps, receiver, c.caseId, { action: 'ASSIGN_MEDIATOR', mediatorId: 'receiver-1' });
    await actOnCase(deps, receiver, c.caseId, {
      action: 'TRANSFER_TO_POST',
      toPostId: 'QD-XX-09',
      reason: 'closer to the worksite',
    });

    const senderView = (await readHistory(deps, mediator, c.caseId, {})).items;
    expect(senderView.at(-1)?.type).toBe('HANDOFF_RECEIVED');
    expect(senderView.map((e) => e.action)).not.toContain('ASSIGN_MEDIATOR');
    expect((await listHandoffs(deps, mediator, c.caseId, {})).items).toHaveLength(1);
    // The receiving post, now the owner, sees everything.
    expect((await readHistory(deps, receiver, c.caseId, {})).items.map((e) => e.action)).toContain(
      'ASSIGN_MEDIATOR',
    );
    expect((await listHandoffs(deps, receiver, c.caseId, {})).items).toHaveLength(2);
  });

  it('refuses a transfer the case no longer awaits', async () => {
    const { deps } = setup();
    const { c, ref } = await transferred(deps);
    // Tamper: the case left TRANSFER_PENDING by some other path.
    const stored = await deps.cases.get(c.caseId);
    if (!stored) throw new Error('missing');
    await deps.cases.save(
      { next: { ...stored, status: 'WITHDRAWN', version: stored.version + 1 }, events: [], outbox: [] },
      stored.version,
    );
    await expect(acceptTransfer(deps, ref)).rejects.toBeInstanceOf(IllegalTransitionError);
  });
});

describe('partner delivery', () => {
  it('records HANDOFF_DELIVERED with the reference once, however often it is reported', async () => {
    const { deps } = setup();
    const { caseId, ref } = await referred(deps);
    expect(await recordDelivery(deps, ref, 'ARB-1')).toBe('settled');
    expect(await recordDelivery(deps, ref, 'ARB-2')).toBe('duplicate');
    const [h] = (await listHandoffs(deps, mediator, caseId, {})).items;
    expect(h).toMatchObject({ status: 'DELIVERED', partnerReference: 'ARB-1' });
    const events = (await readHistory(deps, mediator, caseId, {})).items;
    expect(events.filter((e) => e.type === 'HANDOFF_DELIVERED')).toHaveLength(1);
  });

  it('a failure is recorded once and only an admin retries it, as a new dispatch', async () => {
    const { deps } = setup();
    const { caseId, ref } = await referred(deps);
    await deps.handoffs.recordAttempt(ref, deps.clock.now(), 'partner answered 422');
    expect(await recordFailure(deps, ref, 'partner answered 422')).toBe('settled');
    expect(await recordFailure(deps, ref, 'again')).toBe('duplicate');
    await expect(retryHandoff(deps, mediator, ref.handoffId)).rejects.toBeInstanceOf(ForbiddenError);

    const retried = await retryHandoff(deps, admin, ref.handoffId);
    expect(retried).toMatchObject({ status: 'PENDING', dispatch: 2, attempts: 1 });
    await expect(retryHandoff(deps, admin, ref.handoffId)).rejects.toBeInstanceOf(IllegalTransitionError);
    await expect(retryHandoff(deps, admin, crypto.randomUUID())).rejects.toBeInstanceOf(NotFoundError);
    const types = (await readHistory(deps, mediator, caseId, {})).items.map((e) => e.type);
    expect(types.slice(-2)).toEqual(['HANDOFF_FAILED', 'HANDOFF_RETRIED']);
    // A delivery after the retry settles the FAILED-then-PENDING handoff.
    expect(await recordDelivery(deps, { ...ref, dispatch: 2 }, 'ARB-9')).toBe('settled');
  });

  it('packages the facts, the parties in full and the redacted record, ordered by sequence', async () => {
    const { deps, repo } = setup();
    const { caseId, handoff } = await referred(deps);
    const c = await repo.get(caseId);
    if (!c) throw new Error('missing');
    const pack = handoffPackage(c, handoff, repo.events.get(caseId) ?? []);
    expect(pack).toMatchObject({
      handoffId: handoff.handoffId,
      sequence: handoff.requestedVersion,
      purpose: 'ARBITRATION_APPLICATION',
      case: { caseId, caseNumber: c.caseNumber },
      parties: { workers: c.workers },
    });
    expect(pack.mediationRecord.map((e) => e.type)).toContain('HANDOFF_REQUESTED');
    expect(JSON.stringify(pack.mediationRecord)).not.toContain('mediator-1');
  });
});

describe('the relay', () => {
  const image = (over: Record<string, unknown> = {}) => ({
    itemType: { S: 'HANDOFF' },
    status: { S: 'PENDING' },
    dispatch: { N: '1' },
    handoffId: { S: 'h-1' },
    ...over,
  });
  const record = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', NewImage?: object, OldImage?: object) =>
    ({ eventName, dynamodb: { NewImage, OldImage, SequenceNumber: '1' } }) as DynamoDBRecord;

  it('publishes new handoffs and retried dispatches, nothing else', () => {
    expect(handoffToPublish(record('INSERT', image()))?.handoffId).toBe('h-1');
    expect(handoffToPublish(record('MODIFY', image({ dispatch: { N: '2' } }), image()))?.handoffId).toBe(
      'h-1',
    );
    // An attempt counter or a settlement changes the item but asks for nothing.
    expect(handoffToPublish(record('MODIFY', image({ attempts: { N: '3' } }), image()))).toBeNull();
    expect(handoffToPublish(record('MODIFY', image({ status: { S: 'DELIVERED' } }), image()))).toBeNull();
    expect(handoffToPublish(record('INSERT', { itemType: { S: 'EVENT' }, odd: {} }))).toBeNull();
    expect(handoffToPublish(record('REMOVE', undefined, image()))).toBeNull();
  });

  it('deduplicates a dispatch on the handoff id, and a retry on a new id', () => {
    const ref: HandoffRef = { caseId: 'c', handoffId: 'h', requestedVersion: 3, dispatch: 1 };
    expect(deduplicationId(ref)).toBe('h');
    expect(deduplicationId({ ...ref, dispatch: 2 })).toBe('h.2');
  });

  it('gives every queue a visibility timeout of at least 6 × its consumer timeout and ≥ 5 receives', () => {
    for (const design of Object.values(HANDOFF_QUEUES)) {
      expect(design.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(6 * design.consumerTimeoutSeconds);
      expect(design.parkAfterReceives).toBeGreaterThanOrEqual(5);
      // SQS's own redrive is the backstop, after the consumer has had its chance to park the message.
      expect(design.maxReceiveCount).toBeGreaterThan(design.parkAfterReceives);
    }
  });
});

describe('signed webhooks', () => {
  const partner = (secrets: string[], endpoint = 'https://court.example/webhooks') => ({
    kind: 'COURT' as const,
    id: 'qd-court',
    name: 'Court',
    endpoint,
    secrets,
    callbackSecrets: [newWebhookSecret()],
  });

  it('signs with every active secret, so either side of a rotation verifies', () => {
    const [oldSecret, newSecret] = [newWebhookSecret(), newWebhookSecret()];
    const body = '{"handoffId":"h"}';
    const headers = signedHeaders(partner([newSecret, oldSecret]), 'h', body);
    expect(headers['webhook-id']).toBe('h');
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(oldSecret).verify(body, headers)).toEqual({ handoffId: 'h' });
    expect(new Webhook(newSecret).verify(body, headers)).toEqual({ handoffId: 'h' });
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(oldSecret).verify(`${body} `, headers)).toThrow();
  });

  it('draws backoff with full jitter below an exponential cap', () => {
    expect(backoffDelay(1, 200, () => 0.999)).toBe(199);
    expect(backoffDelay(3, 200, () => 0.5)).toBe(400);
    expect(backoffDelay(30, 200, () => 0.999)).toBeLessThan(30_000);
    expect(backoffDelay(2, 200, () => 0)).toBe(0);
  });

  it('leaves out plain-http endpoints and malformed entries without stopping the others', async () => {
    const problems: string[] = [];
    const doc =
      (...partners: object[]) =>
      async () =>
        JSON.stringify({ partners, revision: 'x' });
    const registry = new PartnerRegistry(
      doc(
        { ...partner([newWebhookSecret()], 'http://court.example/'), id: 'plain' },
        { ...partner(['not-a-secret']), id: 'bad-secret' },
        // Base64 padding only at the end: a stray `=` would shorten the key Node decodes.
        { ...partner([`whsec_${'A'.repeat(8)}=${'B'.repeat(30)}`]), id: 'stray-padding' },
        partner([newWebhookSecret()]),
      ),
      { ttlMs: 0, allowHttp: false, onProblem: (p) => problems.push(p) },
    );
    expect((await registry.find('COURT', 'qd-court'))?.name).toBe('Court');
    expect(await registry.find('COURT', 'plain')).toBeNull();
    expect(await registry.find('COURT', 'bad-secret')).toBeNull();
    expect(await registry.find('COURT', 'stray-padding')).toBeNull();
    expect(await registry.find('ARBITRATION', 'qd-court')).toBeNull();
    expect(problems.some((p) => /https/.test(p))).toBe(true);
    expect(problems.some((p) => /secrets/.test(p))).toBe(true);
  });

  it('keeps the last good registry when it cannot be read, and fails only without one', async () => {
    let text = JSON.stringify({ partners: [partner([newWebhookSecret()])] });
    const registry = new PartnerRegistry(async () => text, { ttlMs: 0, allowHttp: false });
    expect(await registry.find('COURT', 'qd-court')).not.toBeNull();
    text = '{ not json';
    expect(await registry.find('COURT', 'qd-court')).not.toBeNull();
    const never = new PartnerRegistry(async () => '{ not json', { ttlMs: 0, allowHttp: false });
    await expect(never.find('COURT', 'qd-court')).rejects.toThrow();
  });
});

describe('the sweeper', () => {
  it('dispatches again a handoff still pending long after its request, and nothing else, without touching the case', async () => {
    const { deps } = setup();
    const stale = await referred(deps);
    const settledOne = await referred(deps);
    await recordDelivery(deps, settledOne.ref, 'ARB-1');
    const active = await referred(deps);
    deps.clock.advance(31 * 60_000);
    await deps.handoffs.recordAttempt(active.ref, deps.clock.now(), 'partner answered 503');
    const versionBefore = (await deps.cases.get(stale.caseId))?.version;

    expect(await redispatchStale(deps, deps.clock.now(), 30 * 60_000, 100)).toBe(1);
    const [h] = (await listHandoffs(deps, mediator, stale.caseId, {})).items;
    expect(h).toMatchObject({ status: 'PENDING', dispatch: 2 });
    // Nothing a mediator sees changed: no event, no new case version (no 412 for an If-Match).
    expect((await deps.cases.get(stale.caseId))?.version).toBe(versionBefore);
    const last = (await readHistory(deps, mediator, stale.caseId, {})).items.at(-1);
    expect(last?.type).not.toBe('HANDOFF_RETRIED');
    expect((await listHandoffs(deps, mediator, active.caseId, {})).items[0]?.dispatch).toBe(1);
    expect((await listHandoffs(deps, mediator, settledOne.caseId, {})).items[0]?.dispatch).toBe(1);
  });

  it('backs off a handoff it already dispatched again and pages past it to newer ones', async () => {
    const { deps } = setup();
    const first = await referred(deps);
    deps.clock.advance(60_000);
    const second = await referred(deps);
    deps.clock.advance(31 * 60_000);
    // A batch of one: the oldest goes first, then moves behind the other.
    expect(await redispatchStale(deps, deps.clock.now(), 30 * 60_000, 1)).toBe(1);
    expect(await redispatchStale(deps, deps.clock.now(), 30 * 60_000, 1)).toBe(1);
    const dispatchOf = async (caseId: string) =>
      (await listHandoffs(deps, mediator, caseId, {})).items[0]?.dispatch;
    expect([await dispatchOf(first.caseId), await dispatchOf(second.caseId)]).toEqual([2, 2]);
    // Within their back-off (30 min after the first re-dispatch) neither goes again.
    deps.clock.advance(45 * 60_000);
    expect(await redispatchStale(deps, deps.clock.now(), 30 * 60_000, 10)).toBe(0);
    // After it (stale 30 min · 2 from the re-dispatch), both do, once each.
    deps.clock.advance(20 * 60_000);
    expect(await redispatchStale(deps, deps.clock.now(), 30 * 60_000, 10)).toBe(2);
    expect([await dispatchOf(first.caseId), await dispatchOf(second.caseId)]).toEqual([3, 3]);
  });
});
