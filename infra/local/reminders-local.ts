import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './ports.ts';

/** The reminders topic in the emulator, and a queue subscribed to it that stands in for e-mail and SMS. */
export const LOCAL_REMINDERS = { topic: 'ldm-local-reminders', inbox: 'ldm-local-reminders-inbox' } as const;
/** The early-warnings topic in the emulator, and its inbox queue (a post's or supervisor's subscription). */
export const LOCAL_WARNINGS = { topic: 'ldm-local-warnings', inbox: 'ldm-local-warnings-inbox' } as const;

export interface LocalReminderTopic {
  readonly topicArn: string;
  /** Every reminder published, in the SNS envelope (its MessageAttributes: postId, severity, clock). */
  readonly inboxUrl: string;
}

/**
 * Creates the reminders topic in fauxqs (which emulates SNS beside SQS, on the same endpoint) and
 * subscribes the inbox queue to it without raw delivery, so each message keeps the SNS envelope with the
 * attributes a post's subscription would filter on. AWS has the topic in the stateful stack, KMS-encrypted;
 * the emulator stores no key.
 */
export async function createReminderTopic(
  endpoint: string,
  names: { readonly topic: string; readonly inbox: string } = LOCAL_REMINDERS,
): Promise<LocalReminderTopic> {
  const config = { endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const sns = new SNSClient(config);
  const sqs = new SQSClient(config);
  try {
    const topic = await sns.send(new CreateTopicCommand({ Name: names.topic }));
    const queue = await sqs.send(new CreateQueueCommand({ QueueName: names.inbox }));
    const arn = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    await sns.send(
      new SubscribeCommand({
        TopicArn: topic.TopicArn,
        Protocol: 'sqs',
        Endpoint: arn.Attributes?.QueueArn,
      }),
    );
    return { topicArn: topic.TopicArn ?? '', inboxUrl: queue.QueueUrl ?? '' };
  } finally {
    sns.destroy();
    sqs.destroy();
  }
}

/** The warnings topic (`ldm-local-warnings`, attributes level, district, postId) and its inbox, likewise. */
export const createWarningTopic = (endpoint: string): Promise<LocalReminderTopic> =>
  createReminderTopic(endpoint, LOCAL_WARNINGS);
