import {
  DeleteMessageCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reminder } from '../../domain/reminders/model.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/ports.ts';
import { LOCAL_REMINDERS } from '../../infra/local/reminders-local.ts';
import { LOCAL_SLA_PATH } from '../../infra/local/sla-control.ts';
import { intake, OTHER_POST, POST } from '../support/fixtures.ts';
import { apiClient, launchLocalStack, type RunningStack, tokenFor } from '../support/local-stack.ts';

/**
 * Reminders over HTTP on the local stack: a case's mediation clock runs out, the sweep (run as of a later
 * instant through the local control route, as `npm run sla -- --at` does) raises the overdue reminder to
 * the post's supervisors, publishes it to the reminders topic, and the post works it off its desk list.
 */

let stack: RunningStack;
let mediator: ReturnType<typeof apiClient>;
let supervisor: ReturnType<typeof apiClient>;
let otherSupervisor: ReturnType<typeof apiClient>;
let sqs: SQSClient;
let caseId: string;
let caseNumber: string;
let overdueId: string;
const sweeps: { raised: Reminder[]; expired: string[] }[] = [];

const sla = async (at: string) => {
  const res = await fetch(`${stack.url}${LOCAL_SLA_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ at }),
  });
  return { status: res.status, body: (await res.json()) as { raised: Reminder[]; expired: string[] } };
};

beforeAll(async () => {
  stack = await launchLocalStack(['--port', '0', '--partners', 'manual']);
  mediator = apiClient(stack.url, await tokenFor('mediator', POST));
  supervisor = apiClient(stack.url, await tokenFor('supervisor', POST));
  otherSupervisor = apiClient(stack.url, await tokenFor('supervisor', OTHER_POST));
  const sqsEndpoint = /SQS emulator +(\S+)/.exec(stack.output())?.[1] as string;
  sqs = new SQSClient({ endpoint: sqsEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });

  const filed = await mediator('POST', '/cases', intake());
  expect(filed.status).toBe(201);
  caseId = filed.body.caseId;
  caseNumber = filed.body.caseNumber;
  const clock = (filed.body.clocks as { clockId: string; dueAt: string; clock: string }[])[0];
  expect(clock?.clock).toBe('MEDIATION');
  overdueId = `${caseId}~${clock?.clockId}~OVERDUE`;
  // A sweep now, then as of an hour after the last day; a catch-up over more than two weeks of partitions
  // may take a sweep or two more.
  sweeps.push((await sla(new Date().toISOString())).body);
  const after = new Date(Date.parse(clock?.dueAt as string) + 3_600_000).toISOString();
  for (let i = 0; i < 3 && !sweeps.some((s) => s.raised.some((r) => r.reminderId === overdueId)); i++) {
    const res = await sla(after);
    expect(res.status).toBe(200);
    sweeps.push(res.body);
  }
}, 90_000);

afterAll(async () => {
  sqs?.destroy();
  await stack?.stop();
});

describe('reminders over HTTP', () => {
  it('raises the overdue reminder once and records the expiry on the case', async () => {
    const raised = sweeps.flatMap((s) => s.raised).filter((r) => r.reminderId === overdueId);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      caseNumber,
      stage: 'OVERDUE',
      severity: 'ESCALATION',
      escalated: true,
    });
    // No personal data: the case number, the clock, its due date, the stage.
    expect(JSON.stringify(raised[0])).not.toMatch(/Wang|13812345678|\d{17}[\dX]/);
    // `<caseId>~<clockId>`: URL-safe like every id the API answers with (issue 22).
    expect(sweeps.flatMap((s) => s.expired)).toContain(`${caseId}~${overdueId.split('~')[1]}`);
    const c = await mediator('GET', `/cases/${caseId}`);
    expect(c.body.clocks[0].status).toBe('EXPIRED');
  });

  it("puts it in the supervisors' inbox, not the mediators' or another post's", async () => {
    const inbox = await supervisor('GET', '/reminders');
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((r: Reminder) => r.reminderId)).toContain(overdueId);
    const desk = await mediator('GET', '/reminders?status=OPEN');
    expect(desk.body.items.map((r: Reminder) => r.reminderId)).not.toContain(overdueId);
    const other = await otherSupervisor('GET', '/reminders');
    expect(other.status).toBe(200);
    expect(other.body.items.filter((r: Reminder) => r.caseId === caseId)).toEqual([]);
    expect((await otherSupervisor('POST', `/reminders/${encodeURIComponent(overdueId)}/ack`)).status).toBe(
      404,
    );
  });

  it('acknowledges it (idempotently): it moves to ACKNOWLEDGED', async () => {
    const path = `/reminders/${encodeURIComponent(overdueId)}/ack`;
    const first = await supervisor('POST', path);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ reminderId: overdueId, status: 'ACKNOWLEDGED' });
    const again = await supervisor('POST', path);
    expect(again.status).toBe(200);
    expect(again.body.acknowledgedAt).toBe(first.body.acknowledgedAt);
    const open = await supervisor('GET', '/reminders?status=OPEN');
    expect(open.body.items.map((r: Reminder) => r.reminderId)).not.toContain(overdueId);
    const done = await supervisor('GET', '/reminders?status=ACKNOWLEDGED&limit=5');
    expect(done.body.items.map((r: Reminder) => r.reminderId)).toContain(overdueId);
  });

  it('refuses bad input with a 4xx naming the field', async () => {
    const cases: [string, string, number, string][] = [
      ['GET', '/reminders?status=DONE', 400, 'status'],
      ['GET', '/reminders?limit=0', 400, 'limit'],
      ['GET', '/reminders?cursor=forged.cursor', 400, 'cursor'],
      ['GET', '/reminders?colour=red', 400, 'colour'],
      ['POST', '/reminders/not-a-reminder/ack', 400, 'reminderId'],
    ];
    for (const [method, path, status, field] of cases) {
      const res = await supervisor(method, path);
      expect(res.status, path).toBe(status);
      expect(
        res.body.error.details.issues.map((i: { field: string }) => i.field),
        path,
      ).toContain(field);
    }
    expect((await mediator('GET', `/reminders?postId=${OTHER_POST}`)).status).toBe(403);
    expect((await apiClient(stack.url)('GET', '/reminders')).status).toBe(401);
    expect((await sla('not-an-instant')).status).toBe(400);
  });

  it('publishes it to the reminders topic, with postId, severity and clock attributes', async () => {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: LOCAL_REMINDERS.inbox }));
    const found: Record<string, unknown>[] = [];
    for (let i = 0; i < 10 && found.length === 0; i++) {
      const out = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      for (const m of out.Messages ?? []) {
        const envelope = JSON.parse(m.Body ?? '{}') as Record<string, unknown>;
        if (JSON.parse(String(envelope.Message)).reminderId === overdueId) found.push(envelope);
        await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
      }
    }
    expect(found).toHaveLength(1);
    expect(found[0]?.MessageAttributes).toMatchObject({
      postId: { Value: POST },
      severity: { Value: 'ESCALATION' },
      clock: { Value: 'MEDIATION' },
    });
  });
});
