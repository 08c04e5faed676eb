import * as z from 'zod/mini';
import type { Case } from '../../case/model.ts';
import { shanghaiDate } from '../../clocks/legal-time.ts';
import { HUMAN_ROLES } from '../../shared/actor.ts';
import { ValidationError } from '../../shared/errors.ts';
import { message } from '../../shared/messages.ts';
import { DATE, TEXT } from '../../shared/validation.ts';
import { defineAction, NO_CLOCKS } from '../definition.ts';
import { handBackFirst } from './mediation.ts';

/** The post's decision on a mediation application (LDMAL arts. 12–13), noticed to the parties. */

/** How the post told a party of its decision on the application. */
const NOTICE_MEANS = ['IN_PERSON', 'PHONE', 'WRITTEN', 'ELECTRONIC'] as const;

/** The notice of the post's decision to a party: the other side (accepted) or the applicant (declined). */
const noticeInput = () =>
  z.strictObject({
    on: DATE,
    to: z.enum(['EMPLOYER', 'WORKERS']),
    means: z.enum(NOTICE_MEANS),
  });

/** The notice's date: on or after the application's receipt, not in the future. */
function checkNotice(c: Case, notice: { on: string }, today: string): void {
  if (notice.on > today) throw ValidationError.field('notice.on', message('field.notInFuture'));
  if (notice.on < c.receivedOn) {
    throw ValidationError.field(
      'notice.on',
      message('mediation.noticeBeforeReceipt', { date: c.receivedOn }),
    );
  }
}

/**
 * The post takes the application up (LDMAL arts. 12–13; the enterprise mediation rules (2011) have the
 * organisation decide to accept and tell the parties): mediation begins, and the other side is told, on the
 * day and by the means the notice records (the event carries it). Optional: assigning a mediator also
 * begins mediation, as it did before this decision was recorded.
 */
export const ACCEPT_MEDIATION = defineAction({
  payload: () => z.strictObject({ notice: noticeInput() }),
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['FILED'],
      to: 'MEDIATING',
      apply: (c, p, ctx) => {
        const today = shanghaiDate(ctx.now);
        checkNotice(c, p.notice, today);
        return {
          mediationDecision: { decision: 'ACCEPTED', decidedOn: today, reason: null, notice: p.notice },
        };
      },
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: NO_CLOCKS,
});

/**
 * The post declines to mediate (the other party refuses mediation, the matter is not a labour dispute…),
 * with the reason, and tells the applicant, who may apply for arbitration directly (LDMAL art. 5). The case
 * ends CLOSED. A case a court or the institute sent is handed back instead.
 */
export const DECLINE_MEDIATION = defineAction({
  payload: () => z.strictObject({ reason: TEXT(2000), notice: noticeInput() }),
  roles: HUMAN_ROLES,
  rows: [
    {
      from: ['FILED'],
      to: 'CLOSED',
      guard: handBackFirst,
      apply: (c, p, ctx) => {
        const today = shanghaiDate(ctx.now);
        checkNotice(c, p.notice, today);
        return {
          outcome: `mediation declined: ${p.reason}`,
          mediationDecision: { decision: 'DECLINED', decidedOn: today, reason: p.reason, notice: p.notice },
        };
      },
    },
  ],
  emits: ['ACTION_APPLIED'],
  clocks: { starts: [], stops: ['MEDIATION'] },
});
