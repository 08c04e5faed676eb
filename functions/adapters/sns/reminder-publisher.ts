import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Reminder } from '../../../domain/reminders/model.ts';
import type { ReminderPublisher } from '../../../domain/reminders/ports.ts';

/** The message attributes subscriptions filter on: one post's e-mail list, SMS for escalations only, … */
export const REMINDER_MESSAGE_ATTRIBUTES = ['postId', 'severity', 'clock'] as const;

/**
 * Publishes a reminder to the reminders topic. The body is the reminder itself — case number, clock, due
 * date, stage, no personal data — and `postId`, `severity` and `clock` are message attributes, so an e-mail
 * or SMS subscription takes only its post's reminders (a filter policy such as
 * `{"postId":["QD-SN-01"],"severity":["URGENT","ESCALATION"]}`). Delivery is at least once: a subscriber
 * that must not see one twice deduplicates on `reminderId`.
 */
export class SnsReminderPublisher implements ReminderPublisher {
  readonly #sns: SNSClient;
  readonly #topicArn: string;

  constructor(sns: SNSClient, topicArn: string) {
    this.#sns = sns;
    this.#topicArn = topicArn;
  }

  async publish(reminder: Reminder): Promise<void> {
    const attribute = (value: string) => ({ DataType: 'String', StringValue: value });
    await this.#sns.send(
      new PublishCommand({
        TopicArn: this.#topicArn,
        Subject:
          `${reminder.severity}: ${reminder.clock} of ${reminder.caseNumber} (due ${reminder.dueOn})`.slice(
            0,
            100,
          ),
        Message: JSON.stringify(reminder),
        MessageAttributes: {
          postId: attribute(reminder.postId),
          severity: attribute(reminder.severity),
          clock: attribute(reminder.clock),
        },
      }),
    );
  }
}
