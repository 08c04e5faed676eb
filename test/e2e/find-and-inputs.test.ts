import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reminder } from '../../domain/reminders/model.ts';
import { LOCAL_SLA_PATH } from '../../infra/local/sla-control.ts';
import { intake, OTHER_POST, POST, residentId } from '../support/fixtures.ts';
import { apiClient, launchLocalStack, type RunningStack, tokenFor } from '../support/local-stack.ts';

/**
 * The API as a person meets it, over HTTP on the local stack: a case found by the number on its file, the
 * ID numbers, phones and employers people actually type, reminder ids that go into a URL as they are, and
 * filing refused at a post the directory does not hold.
 */

let stack: RunningStack;
let mediator: ReturnType<typeof apiClient>;
let outsider: ReturnType<typeof apiClient>;
let supervisor: ReturnType<typeof apiClient>;
let admin: ReturnType<typeof apiClient>;

const WORKER_ID = residentId('11010519491231002'); // check character X
const EMPLOYER_ID = residentId('37020219750615301');

beforeAll(async () => {
  stack = await launchLocalStack(['--port', '0', '--partners', 'manual']);
  mediator = apiClient(stack.url, await tokenFor('mediator', POST));
  outsider = apiClient(stack.url, await tokenFor('mediator', OTHER_POST));
  supervisor = apiClient(stack.url, await tokenFor('supervisor', POST));
  admin = apiClient(stack.url, await tokenFor('admin', 'QD-HQ'));
}, 90_000);

afterAll(async () => {
  await stack?.stop();
});

describe('the inputs people type', () => {
  it('files with a lower-case x, +86 and landline phones and a contractor without a credit code', async () => {
    expect(WORKER_ID.endsWith('X')).toBe(true);
    const filed = await mediator(
      'POST',
      '/cases',
      intake({
        workers: [
          { name: '王芳', idNumber: WORKER_ID.toLowerCase(), phone: '+86 138 1234 5678' },
          { name: '李强', idNumber: residentId('37020219880101123'), phone: '(0532)8888 1234 转 801' },
        ],
        employer: { name: '刘志强施工队', kind: 'WORK_TEAM', idNumber: EMPLOYER_ID },
        summary: '包工头刘志强（电话 138-1234-5678，座机 0532-8888 1234）拖欠工资。',
      }),
    );
    expect(filed.status).toBe(201);
    expect(filed.body.workers.map((w: { phone: string }) => w.phone)).toEqual([
      '138****5678',
      '0532-****1234-801',
    ]);
    expect(filed.body.workers[0].idNumber).toBe('110***********002X');
    expect(filed.body.employer).toEqual({
      name: '刘志强施工队',
      kind: 'WORK_TEAM',
      idNumber: `370***********${EMPLOYER_ID.slice(-4)}`,
    });
    expect(filed.body.summary).toBe('包工头刘志强（电话 138****5678，座机 0532-****1234）拖欠工资。');
    const history = await mediator('GET', `/cases/${filed.body.caseId}/history`);
    expect(history.status).toBe(200);
    for (const shown of [JSON.stringify(filed.body), JSON.stringify(history.body)]) {
      expect(shown).not.toContain(EMPLOYER_ID);
      expect(shown).not.toContain(WORKER_ID);
      expect(shown).not.toContain('1234 5678');
    }
  });

  it('names what it cannot read', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ workers: [{ name: 'w', idNumber: residentId(), phone: '8888 1234' }] }, 'workers[0].phone'],
      [
        { workers: [{ name: 'w', idNumber: '37020219900307123y', phone: '13812345678' }] },
        'workers[0].idNumber',
      ],
      [{ employer: { name: '个人老板' } }, 'employer.creditCode'],
      [{ employer: { name: '个人老板', kind: 'NATURAL_PERSON' } }, 'employer.idNumber'],
    ];
    for (const [overrides, field] of cases) {
      const res = await mediator('POST', '/cases', intake(overrides));
      expect(res.status, field).toBe(400);
      expect(
        res.body.error.details.issues.map((i: { field: string }) => i.field),
        field,
      ).toContain(field);
    }
  });
});

describe('finding a case by its number', () => {
  it("answers the post's own case, as typed, an empty page for another post's, any case to an admin", async () => {
    const filed = await mediator('POST', '/cases', intake());
    const number = filed.body.caseNumber as string;
    expect(number).toMatch(/^QD-SN-01-\d{4}-\d{6}$/);

    const found = await mediator('GET', `/cases?number=${number}`);
    expect(found.status).toBe(200);
    expect(found.body).toEqual({
      items: [expect.objectContaining({ caseId: filed.body.caseId, caseNumber: number, postId: POST })],
      nextCursor: null,
    });
    // Typed by a person: lower case, spaces around it.
    const typed = await mediator('GET', `/cases?number=${encodeURIComponent(` ${number.toLowerCase()} `)}`);
    expect(typed.body.items.map((c: { caseId: string }) => c.caseId)).toEqual([filed.body.caseId]);

    expect((await outsider('GET', `/cases?number=${number}`)).body).toEqual({ items: [], nextCursor: null });
    expect((await admin('GET', `/cases?number=${number}`)).body.items).toHaveLength(1);
    expect((await admin('GET', `/cases?number=${number}&postId=${OTHER_POST}`)).body.items).toEqual([]);
    expect((await mediator('GET', `/cases?number=${POST}-2020-999999`)).body.items).toEqual([]);
  });

  it('refuses a number that is not one, naming number', async () => {
    for (const bad of ['42', 'QD-SN-01', 'QD-SN-01-26-1', `${POST}-2026-000001; DROP`]) {
      const res = await mediator('GET', `/cases?number=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.details.issues[0].field, bad).toBe('number');
    }
    const mixed = await mediator('GET', `/cases?number=${POST}-2026-000001&status=FILED`);
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.details.issues[0].field).toBe('status');
  });
});

describe('posts the directory does not hold', () => {
  it('refuses a token for an unregistered post and an admin naming one, 422 on postId', async () => {
    const stranger = apiClient(stack.url, await tokenFor('mediator', 'QD-XX-99'));
    const fromToken = await stranger('POST', '/cases', intake());
    expect(fromToken.status).toBe(422);
    expect(fromToken.body.error.details.issues[0].field).toBe('postId');
    expect(JSON.stringify(fromToken.body)).toContain('QD-XX-99');

    const named = await admin('POST', '/cases', intake({ postId: 'QD-NOPE-01' }));
    expect(named.status).toBe(422);
    expect(named.body.error.details.issues[0].field).toBe('postId');

    const seeded = await admin('POST', '/cases', intake({ postId: 'QD-LC-05' }));
    expect(seeded.status).toBe(201);
    expect(seeded.body.caseNumber).toMatch(/^QD-LC-05-/);
  });
});

describe('reminder ids in a URL', () => {
  it('acknowledges a listed reminder by its id put into the path as it is; the older # form still works', async () => {
    const filed = await mediator('POST', '/cases', intake());
    const caseId = filed.body.caseId as string;
    const clock = filed.body.clocks[0] as { clockId: string; dueAt: string };
    // The sweep as of an hour after the last day raises the overdue reminder (a catch-up may take more).
    const at = new Date(Date.parse(clock.dueAt) + 3_600_000).toISOString();
    let reminder: Reminder | undefined;
    for (let i = 0; i < 4 && !reminder; i++) {
      const sweep = await fetch(`${stack.url}${LOCAL_SLA_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ at }),
      });
      expect(sweep.status).toBe(200);
      const listed = await supervisor('GET', '/reminders?limit=100');
      reminder = (listed.body.items as Reminder[]).find((r) => r.caseId === caseId);
    }
    const id = reminder?.reminderId as string;
    expect(id).toBe(`${caseId}~${clock.clockId}~OVERDUE`);
    expect(encodeURIComponent(id)).toBe(id);

    const acked = await supervisor('POST', `/reminders/${id}/ack`);
    expect(acked.status).toBe(200);
    expect(acked.body).toMatchObject({ reminderId: id, status: 'ACKNOWLEDGED' });

    const older = encodeURIComponent(`${caseId}#${clock.clockId}#OVERDUE`);
    const again = await supervisor('POST', `/reminders/${older}/ack`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ reminderId: id, acknowledgedAt: acked.body.acknowledgedAt });
  });
});
