import * as z from 'zod';
import { REMINDER_STAGES } from '../../../domain/clocks/model.ts';
import { PERIOD_IDS } from '../../../domain/clocks/periods.ts';
import { REMINDER_STATUSES, SEVERITIES } from '../../../domain/reminders/model.ts';
import { POST_ID } from '../../../domain/shared/validation.ts';
import type { RouteDoc } from './route-doc.ts';
import { Paging, pageOf } from './schemas.ts';

/** A reminder as the API answers it (domain/reminders/model.ts): no personal data. */
export const ReminderView = z
  .strictObject({
    reminderId: z
      .string()
      .meta({ description: '`<caseId>~<clockId>~<stage>`: URL-safe, put in a path as it is' }),
    caseId: z.uuid(),
    caseNumber: z.string(),
    postId: z.string(),
    clockId: z.string(),
    clock: z.enum(PERIOD_IDS as [string, ...string[]]),
    dueOn: z.string().meta({ description: 'the last day of the period (Shanghai date)' }),
    stage: z.enum(REMINDER_STAGES),
    severity: z.enum(SEVERITIES),
    escalated: z.boolean().meta({ description: 'overdue: shown to supervisors and admins only' }),
    raisedAt: z.string(),
    status: z.enum(REMINDER_STATUSES),
    acknowledgedBy: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
  })
  .meta({ id: 'Reminder' });

const json = (schema: z.ZodType) => ({ 'application/json': schema });

/** The reminder routes' entries of ROUTE_DOCS. */
export const REMINDER_ROUTE_DOCS: Readonly<Record<string, RouteDoc>> = {
  'GET /reminders': {
    description:
      "The caller's post's reminders of statutory deadlines, newest first. Mediators see those before a deadline; supervisors and admins also the escalations of overdue clocks; admins may name a post.",
    query: z.strictObject({
      status: z.enum(REMINDER_STATUSES).optional().meta({ description: 'OPEN (default) or ACKNOWLEDGED' }),
      postId: z.optional(POST_ID).meta({ description: 'admins only: another post' }),
      ...Paging,
    }),
    success: {
      status: 200,
      description: 'A page of reminders, newest first',
      content: json(pageOf(ReminderView, 'ReminderPage')),
    },
    errors: [403],
  },
  'POST /reminders/{reminderId}/ack': {
    description:
      "Acknowledges a reminder of the caller's own post. Idempotent: again, it answers the first acknowledgement.",
    path: z.strictObject({
      reminderId: z
        .string()
        .meta({ description: '`<caseId>~<clockId>~<stage>`; an older `#` form is accepted percent-encoded' }),
    }),
    success: { status: 200, description: 'The acknowledged reminder', content: json(ReminderView) },
    errors: [404],
  },
};
