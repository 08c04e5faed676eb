import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type {
  OverdueAudience,
  OverduePublisher,
  OverdueWarning,
} from '../../../domain/warnings/deadlines.ts';
import type { Warning } from '../../../domain/warnings/model.ts';

/** The message attributes subscriptions filter on; none is personal data. */
export const WARNING_MESSAGE_ATTRIBUTES = ['level', 'district', 'postId'] as const;

/**
 * Publishes a dispatched (or re-dispatched) warning to the warnings topic `ldm-<stage>-warnings`: the body
 * names the warning, its level, district, post and deadlines and the rules that fired (no names of people,
 * no ID numbers: an employer's credit code is public registry data); `level`, `district` and `postId` are
 * message attributes, so a post's subscription takes only its own (`{"postId":["QD-SN-01"],"level":["1"]}`).
 */
export class SnsWarningPublisher {
  readonly #sns: SNSClient;
  readonly #topicArn: string;

  constructor(sns: SNSClient, topicArn: string) {
    this.#sns = sns;
    this.#topicArn = topicArn;
  }

  async publish(w: Warning): Promise<void> {
    const attribute = (value: string) => ({ DataType: 'String', StringValue: value });
    await this.#sns.send(
      new PublishCommand({
        TopicArn: this.#topicArn,
        Subject: `Level ${w.level} warning ${w.warningId} (${w.district})`.slice(0, 100),
        Message: JSON.stringify({
          warningId: w.warningId,
          creditCode: w.creditCode,
          level: w.level,
          status: w.status,
          district: w.district,
          postId: w.postId,
          acknowledgeBy: w.acknowledgeBy,
          disposeBy: w.disposeBy,
          rules: w.fired.map((f) => f.ruleId),
        }),
        MessageAttributes: {
          level: attribute(String(w.level)),
          district: attribute(w.district),
          postId: attribute(w.postId ?? 'NONE'),
        },
      }),
    );
  }
}

/**
 * A missed deadline of a warning on the warnings topic: the reminder to its post (`audience` POST) and the
 * escalation to the post's supervisors (`audience` SUPERVISORS), each with the warning's `level`,
 * `district` and `postId` attributes and `event` OVERDUE. No personal data, as above.
 */
export class SnsOverduePublisher implements OverduePublisher {
  readonly #sns: SNSClient;
  readonly #topicArn: string;

  constructor(sns: SNSClient, topicArn: string) {
    this.#sns = sns;
    this.#topicArn = topicArn;
  }

  async publish(o: OverdueWarning, audience: OverdueAudience): Promise<void> {
    const attribute = (value: string) => ({ DataType: 'String', StringValue: value });
    const w = o.warning;
    await this.#sns.send(
      new PublishCommand({
        TopicArn: this.#topicArn,
        Subject:
          `${audience === 'POST' ? 'Overdue' : 'Escalated'}: warning ${w.warningId} (${o.deadline})`.slice(
            0,
            100,
          ),
        Message: JSON.stringify({
          event: 'OVERDUE',
          audience,
          deadline: o.deadline,
          dueAt: o.dueAt,
          warningId: w.warningId,
          creditCode: w.creditCode,
          level: w.level,
          status: w.status,
          district: w.district,
          postId: w.postId,
        }),
        MessageAttributes: {
          level: attribute(String(w.level)),
          district: attribute(w.district),
          postId: attribute(w.postId ?? 'NONE'),
          event: attribute('OVERDUE'),
          audience: attribute(audience),
        },
      }),
    );
  }
}
