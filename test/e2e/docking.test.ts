import { describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../domain/clocks/legal-time.ts';
import { agreement, intake, POST } from '../support/fixtures.ts';
import { lawStack, today } from '../support/law-stack.ts';
import { apiClient } from '../support/local-stack.ts';

/**
 * The "union + court" docking loop over HTTP on the local stack: partners call back with signed
 * callbacks, open cases, and every path of the lifecycle reaches its end. The simulated partners' scripted
 * answers are off (`--partners=manual`): each decision here is sent by the test.
 */

const COURT = 'qd-shinan-court';
const ARBITRATION = 'qd-arbitration';

const law = lawStack();
const { mediator, admin, partner, setClock, act } = law;

/** A partner's callback, answered 200 about the same case. */
async function report(partnerId: string, type: string, caseId: string, data: Record<string, unknown>) {
  const body = await law.report(partnerId, type, caseId, data);
  expect(body).toMatchObject({ caseId });
  return body as { caseId: string; status: string; version: number };
}

async function fileWalkIn() {
  const created = await mediator('POST', '/cases', intake());
  expect(created.status).toBe(201);
  return created.body.caseId as string;
}

async function settle(caseId: string) {
  await act(caseId, { action: 'ASSIGN_MEDIATOR', mediatorId: 'm-1' });
  await act(caseId, { action: 'RECORD_SESSION', heldAt: new Date().toISOString(), notes: 'First session.' });
  return act(caseId, {
    action: 'SIGN_AGREEMENT',
    ...agreement({ terms: 'Pay the wages.', amountFen: 800_000, performBy: today(), effectiveOn: today() }),
  });
}

function opening(postId = POST) {
  const { origin: _origin, ...parties } = intake();
  return { postId, reference: '(2026)鲁0202民诉前调1号', receivedOn: today(), ...parties };
}

describe('partner callbacks and the lifecycle to every end', () => {
  // The first callback waits for the referral's delivery (a partner acts once its handoff arrived), which a
  // cold local pipeline on a busy machine takes seconds to record.
  it('walk-in → failed → arbitration accepted → non-final award → litigation → judgment', async () => {
    const caseId = await fileWalkIn();
    await act(caseId, { action: 'FAIL_MEDIATION', reason: 'The employer refused.' });
    await act(caseId, { action: 'REFER_TO_ARBITRATION', arbitrationId: ARBITRATION });
    expect(
      (
        await report(ARBITRATION, 'arbitration.accepted', caseId, {
          reference: 'QDLA-2026-17',
          decidedOn: today(),
        })
      ).status,
    ).toBe('ARBITRATION_ACCEPTED');
    const awarded = await report(ARBITRATION, 'arbitration.award_issued', caseId, {
      reference: 'QDLA-2026-17-A',
      final: false,
      awardFen: 600_000,
      servedOn: today(),
    });
    expect(awarded.status).toBe('AWARDED');
    await act(caseId, { action: 'REFER_TO_COURT', courtId: COURT, application: 'LITIGATION' });
    // The institute no longer holds the case: it was handed to the court.
    expect(
      (
        await partner(ARBITRATION, {
          type: 'arbitration.award_effective',
          caseId,
          data: { decidedOn: today() },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await report(COURT, 'court.litigation_filed', caseId, {
          reference: '(2026)鲁0202民初88号',
          decidedOn: today(),
        })
      ).status,
    ).toBe('IN_LITIGATION');
    expect(
      (
        await report(COURT, 'court.judgment', caseId, {
          reference: '(2026)鲁0202民初88号',
          decidedOn: today(),
          awardFen: 650_000,
        })
      ).status,
      // A judgment is performed or enforced (CPL art. 247): the case waits for either.
    ).toBe('JUDGMENT_GIVEN');

    const c = (await mediator('GET', `/cases/${caseId}`)).body;
    expect(c.award).toMatchObject({ reference: 'QDLA-2026-17-A', final: false, awardFen: 600_000 });
    expect(c.decisions.map((d: { type: string }) => d.type)).toEqual([
      'arbitration.accepted',
      'arbitration.award_issued',
      'court.litigation_filed',
      'court.judgment',
    ]);
    expect(c.decisions[0]).toMatchObject({
      partnerId: ARBITRATION,
      reference: 'QDLA-2026-17',
      decidedOn: today(),
    });
  }, 60_000);

  it('a partner opens a case once per reference, and only at a post linked to it (issue 22)', async () => {
    const data = { ...opening(), reference: '(2026)鲁0202民诉前调77号' };
    const first = await partner(COURT, { type: 'court.mediation_delegated', data });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    // Another webhook id, the same reference: the first case, unchanged.
    const again = await partner(COURT, { type: 'court.mediation_delegated', data });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toEqual(first.body);
    // A post added after the partner was registered is not linked to it: the same 422 as no post at all.
    expect((await admin('PUT', '/posts/QD-JZ-11', { name: 'Jiaozhou', district: 'Jiaozhou' })).status).toBe(
      200,
    );
    const unlinked = await partner(COURT, {
      type: 'court.mediation_delegated',
      data: { ...opening('QD-JZ-11'), reference: '(2026)鲁0202民诉前调78号' },
    });
    const unknown = await partner(COURT, {
      type: 'court.mediation_delegated',
      data: { ...opening('QD-ZZ-98'), reference: '(2026)鲁0202民诉前调79号' },
    });
    expect(unlinked.status).toBe(422);
    expect(unknown.status).toBe(422);
    const shape = (body: unknown, postId: string) => JSON.stringify(body).replaceAll(postId, '<post>');
    expect(shape(unlinked.body, 'QD-JZ-11')).toBe(shape(unknown.body, 'QD-ZZ-98'));
  });

  it('court-delegated (opened by the court) → settled → confirmation granted → not performed → enforcement', async () => {
    const opened = await partner(COURT, { type: 'court.mediation_delegated', data: opening() });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    const caseId = opened.body.caseId as string;
    expect(opened.body).toMatchObject({ status: 'FILED', version: 1 });
    // The post sees it in its list, with the court as its source.
    const listed = await mediator('GET', '/cases?limit=100');
    expect(listed.body.items.map((i: { caseId: string }) => i.caseId)).toContain(caseId);
    const c = (await mediator('GET', `/cases/${caseId}`)).body;
    expect(c).toMatchObject({
      origin: 'COURT_DELEGATED',
      source: { kind: 'COURT', id: COURT, receivedOn: today() },
    });

    await settle(caseId);
    await act(caseId, { action: 'REQUEST_JUDICIAL_CONFIRMATION', courtId: COURT });
    expect(
      (
        await report(COURT, 'court.confirmation_granted', caseId, {
          reference: '(2026)鲁0202民特5号',
          decidedOn: today(),
        })
      ).status,
    ).toBe('CONFIRMED');
    // Not performed by the agreed date: a confirmed agreement goes to enforcement, not back to arbitration.
    await setClock(2);
    try {
      const refused = await act(caseId, { action: 'FAIL_PERFORMANCE', reason: 'Not paid.' }, 409);
      expect(refused.error.details.allowedActions).toContain('REQUEST_ENFORCEMENT');
      expect((await act(caseId, { action: 'REQUEST_ENFORCEMENT', courtId: COURT })).status).toBe(
        'ENFORCEMENT_REQUESTED',
      );
      expect(
        (
          await report(COURT, 'court.concluded', caseId, {
            outcome: 'ENFORCED',
            decidedOn: shanghaiDate(new Date(Date.now() + 2 * 86_400_000)),
          })
        ).status,
      ).toBe('CLOSED');
    } finally {
      await setClock(0);
    }
  });

  it('settled → not performed → payment order → objected → arbitration', async () => {
    const caseId = await fileWalkIn();
    await settle(caseId);
    await setClock(2);
    try {
      await act(caseId, { action: 'REQUEST_PAYMENT_ORDER', courtId: COURT });
      expect(
        (
          await report(COURT, 'court.payment_order_issued', caseId, {
            reference: '(2026)鲁0202民督3号',
            decidedOn: today(),
            servedOn: today(),
          })
        ).status,
      ).toBe('PAYMENT_ORDER_ISSUED');
      expect(
        (
          await report(COURT, 'court.payment_order_objected', caseId, {
            reason: 'The employer disputes the amount.',
            decidedOn: today(),
          })
        ).status,
      ).toBe('MEDIATION_FAILED');
      expect((await act(caseId, { action: 'REFER_TO_ARBITRATION', arbitrationId: ARBITRATION })).status).toBe(
        'ARBITRATION_PENDING',
      );
    } finally {
      await setClock(0);
    }
  });

  it('pre-arbitration (opened by the institute) → failed → back to arbitration → final award → effective', async () => {
    const opened = await partner(ARBITRATION, { type: 'arbitration.mediation_requested', data: opening() });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    const caseId = opened.body.caseId as string;
    await act(caseId, { action: 'FAIL_MEDIATION', reason: 'No agreement.' });
    await act(caseId, { action: 'REFER_TO_ARBITRATION', arbitrationId: ARBITRATION });
    await report(ARBITRATION, 'arbitration.accepted', caseId, {
      reference: 'QDLA-2026-31',
      decidedOn: today(),
    });
    await report(ARBITRATION, 'arbitration.award_issued', caseId, {
      reference: 'QDLA-2026-31-A',
      final: true,
      awardFen: 300_000,
      servedOn: today(),
    });
    expect(
      (await report(ARBITRATION, 'arbitration.award_effective', caseId, { decidedOn: today() })).status,
    ).toBe('AWARD_EFFECTIVE');
    expect((await mediator('GET', `/cases/${caseId}`)).body.award).toMatchObject({
      final: true,
      awardFen: 300_000,
    });
  });
});

describe('partner callbacks refuse what they must, and change nothing when they do', () => {
  async function caseWithArbitration() {
    const caseId = await fileWalkIn();
    await act(caseId, { action: 'FAIL_MEDIATION', reason: 'The employer refused.' });
    await act(caseId, { action: 'REFER_TO_ARBITRATION', arbitrationId: ARBITRATION });
    // Wait for the pipeline to record the delivery, so the version only moves by what a test sends.
    const deadline = Date.now() + 20_000;
    while ((await mediator('GET', `/cases/${caseId}`)).body.lastHandoff?.status !== 'DELIVERED') {
      if (Date.now() > deadline) throw new Error('the handoff to arbitration was not delivered');
      await new Promise((r) => setTimeout(r, 100));
    }
    return caseId;
  }
  const versionOf = async (caseId: string) =>
    (await mediator('GET', `/cases/${caseId}`)).body.version as number;
  const accepted = (caseId: string) => ({
    type: 'arbitration.accepted',
    caseId,
    data: { reference: 'QDLA-1', decidedOn: today() },
  });

  it('refuses a forged signature, a wrong secret, a stale timestamp and an unknown partner with 401', async () => {
    const caseId = await caseWithArbitration();
    const version = await versionOf(caseId);
    const body = accepted(caseId);
    const forged = await partner(ARBITRATION, body, { signedBody: JSON.stringify({ ...body, caseId: 'x' }) });
    const wrongSecret = await partner(ARBITRATION, body, {
      secret: `whsec_${Buffer.from('another secret, not registered!!').toString('base64')}`,
    });
    const stale = await partner(ARBITRATION, body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    const unknown = await partner('qd-nowhere', body);
    for (const res of [forged, wrongSecret, stale, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ code: 'UNAUTHORIZED' });
    }
    const unsigned = await fetch(`${law.url()}/partners/${ARBITRATION}/callbacks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(unsigned.status).toBe(401);
    expect(await versionOf(caseId)).toBe(version);
  });

  it('answers a replay with the first answer and no second effect; the same id with another body is a 409', async () => {
    const caseId = await caseWithArbitration();
    const first = await partner(ARBITRATION, accepted(caseId));
    expect(first.status).toBe(200);
    const again = await partner(ARBITRATION, accepted(caseId), { webhookId: first.webhookId });
    expect(again).toMatchObject({ status: 200, body: first.body });
    const other = await partner(
      ARBITRATION,
      { ...accepted(caseId), data: { reference: 'QDLA-2', decidedOn: today() } },
      { webhookId: first.webhookId },
    );
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('WEBHOOK_ID_REUSED');
    const c = (await mediator('GET', `/cases/${caseId}`)).body;
    expect(c.version).toBe(first.body.version);
    expect(c.decisions).toHaveLength(1);
  });

  it("hides another partner's case (404) and names the allowed events for one not allowed now (409)", async () => {
    const caseId = await caseWithArbitration();
    const version = await versionOf(caseId);
    const court = await partner(COURT, {
      type: 'court.judgment',
      caseId,
      data: { reference: 'J', decidedOn: today() },
    });
    expect(court.status).toBe(404);
    const early = await partner(ARBITRATION, {
      type: 'arbitration.award_issued',
      caseId,
      data: { reference: 'A', final: true, awardFen: 1, servedOn: today() },
    });
    expect(early.status).toBe(409);
    expect(early.body.error.details.allowedEvents).toEqual(
      expect.arrayContaining(['arbitration.accepted', 'arbitration.declined', 'arbitration.concluded']),
    );
    expect(await versionOf(caseId)).toBe(version);
  });

  it('names the field of a bad body (400), an unknown post (422) and refuses a body over 256 KB (413)', async () => {
    const caseId = await caseWithArbitration();
    const version = await versionOf(caseId);
    const cases: [unknown, string][] = [
      [{ type: 'arbitration.accepted', caseId, data: { decidedOn: today() } }, 'data.reference'],
      [
        { type: 'arbitration.accepted', caseId, data: { reference: 'R', decidedOn: '2026-02-30' } },
        'data.decidedOn',
      ],
      [
        { type: 'arbitration.accepted', caseId, data: { reference: 'R', decidedOn: '2999-01-01' } },
        'data.decidedOn',
      ],
      [{ type: 'arbitration.guessed', caseId, data: {} }, 'type'],
      [{ type: 'court.judgment', caseId, data: { reference: 'J', decidedOn: today() } }, 'type'],
      [{ type: 'arbitration.accepted', data: { reference: 'R', decidedOn: today() } }, 'caseId'],
      [
        { type: 'arbitration.accepted', caseId, data: { reference: 'R', decidedOn: today() }, extra: 1 },
        'extra',
      ],
      [{ type: 'arbitration.mediation_requested', data: { ...opening(), workers: [] } }, 'data.workers'],
    ];
    for (const [body, field] of cases) {
      const res = await partner(ARBITRATION, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details.issues.map((i: { field: string }) => i.field)).toContain(field);
    }
    const notJson = await partner(ARBITRATION, null, { raw: '{"type":' });
    expect(notJson.status, JSON.stringify(notJson.body)).toBe(400);
    const nowhere = await partner(ARBITRATION, {
      type: 'arbitration.mediation_requested',
      data: opening('QD-NOWHERE-99'),
    });
    expect(nowhere.status).toBe(422);
    expect(nowhere.body.error.details.issues[0].field).toBe('data.postId');
    const big = await partner(ARBITRATION, null, {
      raw: JSON.stringify({
        type: 'arbitration.accepted',
        caseId,
        data: { reference: 'x'.repeat(300 * 1024) },
      }),
    });
    expect(big.status).toBe(413);
    expect(await versionOf(caseId)).toBe(version);
  });

  it('cancels a failed handoff back to the state it left; refuses to cancel one that did not fail', async () => {
    const caseId = await caseWithArbitration();
    const refused = await act(caseId, { action: 'CANCEL_HANDOFF', reason: 'Changed our mind.' }, 409);
    expect(refused.error.message).toMatch(/failed/);
  });
});

describe('directories', () => {
  it('lists partners without endpoints or secrets, filtered by kind', async () => {
    const all = await mediator('GET', '/partners');
    expect(all.status).toBe(200);
    expect(all.body.items).toEqual(
      expect.arrayContaining([
        { kind: 'COURT', id: COURT, name: expect.any(String) },
        { kind: 'ARBITRATION', id: ARBITRATION, name: expect.any(String) },
      ]),
    );
    expect(JSON.stringify(all.body)).not.toMatch(/whsec_|endpoint|http:/);
    const courts = await mediator('GET', '/partners?kind=COURT');
    expect(courts.body.items.every((p: { kind: string }) => p.kind === 'COURT')).toBe(true);
    expect((await mediator('GET', '/partners?kind=POLICE')).status).toBe(400);
    expect((await apiClient(law.url())('GET', '/partners')).status).toBe(401);
  });

  it('lists posts a page at a time; an admin adds one and a transfer to it is accepted, to none a 422', async () => {
    const page = await mediator('GET', '/posts?limit=2');
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(2);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    const next = await mediator('GET', `/posts?limit=100&cursor=${encodeURIComponent(page.body.nextCursor)}`);
    expect(next.body.items.map((p: { postId: string }) => p.postId)).not.toContain(page.body.items[0].postId);
    expect((await mediator('GET', '/posts?limit=0')).status).toBe(400);

    expect((await mediator('PUT', '/posts/QD-JM-09', { name: 'Jimo', district: 'Jimo' })).status).toBe(403);
    expect((await admin('PUT', '/posts/QD-JM-09', { name: 'Jimo' })).body.error.details.issues[0].field).toBe(
      'district',
    );
    expect((await admin('PUT', '/posts/qd jm', { name: 'Jimo', district: 'Jimo' })).status).toBe(400);
    const put = await admin('PUT', '/posts/QD-JM-09', { name: 'Jimo Legal-Aid Post', district: 'Jimo' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ postId: 'QD-JM-09', name: 'Jimo Legal-Aid Post', district: 'Jimo' });

    const caseId = await fileWalkIn();
    const unknown = await act(
      caseId,
      { action: 'TRANSFER_TO_POST', toPostId: 'QD-NOWHERE-99', reason: 'Moved.' },
      422,
    );
    expect(unknown.error.details.issues[0].field).toBe('toPostId');
    const court = await act(caseId, { action: 'FAIL_MEDIATION', reason: 'No deal.' });
    expect(court.status).toBe('MEDIATION_FAILED');
    const noInstitute = await act(
      caseId,
      { action: 'REFER_TO_ARBITRATION', arbitrationId: 'qd-nowhere' },
      422,
    );
    expect(noInstitute.error.details.issues[0].field).toBe('arbitrationId');
    await act(caseId, {
      action: 'RESUME_MEDIATION',
      bothPartiesConsent: true,
      note: 'Both agree to try again.',
    });
    expect(
      (await act(caseId, { action: 'TRANSFER_TO_POST', toPostId: 'QD-JM-09', reason: 'Moved.' })).status,
    ).toBe('TRANSFER_PENDING');
  });
});
