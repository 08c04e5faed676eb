import { SNSClient } from '@aws-sdk/client-sns';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startFauxqs } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordSignal } from '../../domain/warnings/ingest.ts';
import { SnsOverduePublisher, SnsWarningPublisher } from '../../functions/adapters/sns/warning-publisher.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/ports.ts';
import { createWarningTopic, type LocalReminderTopic } from '../../infra/local/reminders-local.ts';
import { creditCode } from '../support/fixtures.ts';
import { memoryWarningDeps } from '../support/memory-warnings.ts';
import { arrearsSignal, WARNINGS_NOW } from '../support/warning-stores.ts';

/**
 * The warnings topic on the SNS emulator (fauxqs), as the local stack creates it: a raised warning is
 * published with the `level`, `district` and `postId` message attributes a subscription filters on, and
 * the message carries no personal data (not the employer's name, which may be a person's, nor anything
 * of the signal's source reference).
 */

/** The signals' arrival (arrearsSignal's). */
const NOW = WARNINGS_NOW;
let server: Awaited<ReturnType<typeof startFauxqs>>;
let topic: LocalReminderTopic;
let sns: SNSClient;
let sqs: SQSClient;

beforeAll(async () => {
  server = await startFauxqs({ port: 0, logger: false });
  topic = await createWarningTopic(server.address);
  const config = { endpoint: server.address, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  sns = new SNSClient(config);
  sqs = new SQSClient(config);
});
afterAll(async () => {
  sns?.destroy();
  sqs?.destroy();
  await server?.stop();
});

async function received(): Promise<
  { Message: string; MessageAttributes: Record<string, { Value: string }> }[]
> {
  const out = [];
  for (let i = 0; i < 20 && out.length === 0; i++) {
    const got = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: topic.inboxUrl, MaxNumberOfMessages: 10 }),
    );
    for (const m of got.Messages ?? []) {
      out.push(JSON.parse(m.Body ?? '{}'));
      await sqs.send(new DeleteMessageCommand({ QueueUrl: topic.inboxUrl, ReceiptHandle: m.ReceiptHandle }));
    }
    if (out.length === 0) await new Promise((r) => setTimeout(r, 100));
  }
  return out;
}

describe('the warnings topic on the emulator', () => {
  it('publishes a raised warning with level, district and postId attributes and no personal data', async () => {
    const { deps } = memoryWarningDeps(() => NOW, { '370202': 'QD-SN-01' });
    const publisher = new SnsWarningPublisher(sns, topic.topicArn);
    const code = creditCode('92370202MA3C4R2K1');
    const signal = arrearsSignal(code, { reference: 'ref-13800138000', employerName: '王小明个体工商户' });
    const result = await recordSignal(
      { ...deps, notifier: { dispatched: (w) => publisher.publish(w), disposed: async () => {} } },
      signal,
    );
    expect(result.warning).toMatchObject({ level: 2, status: 'DISPATCHED', postId: 'QD-SN-01' });
    const [message, ...more] = await received();
    expect(more).toEqual([]);
    expect(message?.MessageAttributes).toMatchObject({
      level: { Value: '2' },
      district: { Value: '370202' },
      postId: { Value: 'QD-SN-01' },
    });
    const body = JSON.parse(message?.Message ?? '{}');
    expect(body).toMatchObject({ warningId: `${code}-1`, level: 2, district: '370202', postId: 'QD-SN-01' });
    const text = JSON.stringify(message);
    expect(text).not.toContain('王小明');
    expect(text).not.toContain('13800138000');
    expect(Object.keys(body).sort()).toEqual(
      [
        'acknowledgeBy',
        'creditCode',
        'disposeBy',
        'district',
        'level',
        'postId',
        'rules',
        'status',
        'warningId',
      ].sort(),
    );
  });

  it('publishes a missed deadline to the post and to its supervisors, with event and audience attributes', async () => {
    const { deps } = memoryWarningDeps(() => NOW, { '370202': 'QD-SN-01' });
    const code = creditCode('92370202MA3C4R2K2');
    const { warning } = await recordSignal(
      deps,
      arrearsSignal(code, { reference: 'ref-overdue', employerName: '李四个体工商户' }),
    );
    const w = warning as NonNullable<typeof warning>;
    const publisher = new SnsOverduePublisher(sns, topic.topicArn);
    const overdue = { warning: w, deadline: 'ACKNOWLEDGE' as const, dueAt: w.acknowledgeBy ?? '' };
    await publisher.publish(overdue, 'POST');
    await publisher.publish(overdue, 'SUPERVISORS');
    const messages = [...(await received())];
    while (messages.length < 2) {
      const more = await received();
      if (more.length === 0) break;
      messages.push(...more);
    }
    expect(messages.map((m) => m.MessageAttributes.audience?.Value).sort()).toEqual(['POST', 'SUPERVISORS']);
    for (const m of messages) {
      expect(m.MessageAttributes).toMatchObject({
        event: { Value: 'OVERDUE' },
        level: { Value: '2' },
        district: { Value: '370202' },
        postId: { Value: 'QD-SN-01' },
      });
      expect(JSON.parse(m.Message)).toMatchObject({ warningId: w.warningId, deadline: 'ACKNOWLEDGE' });
      expect(JSON.stringify(m)).not.toContain('李四');
    }
  });
});
