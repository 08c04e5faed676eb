import * as z from 'zod/mini';
import { listReminders } from '../../../domain/reminders/list-reminders.ts';
import { REMINDER_STATUSES } from '../../../domain/reminders/model.ts';
import { POST_ID } from '../../../domain/shared/validation.ts';
import { cursorCodec } from '../../shared/http-deps.ts';
import { reminderStore } from '../../shared/reminders.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, PageQuery, query } from '../request.ts';
import { json } from '../response.ts';

const deps = { reminders: reminderStore(cursorCodec) };
const RemindersQuery = z.strictObject({
  status: z.optional(z.enum(REMINDER_STATUSES)),
  postId: z.optional(POST_ID),
  ...PageQuery,
});

/**
 * `GET /reminders?status=OPEN|ACKNOWLEDGED&cursor=&limit=` — the caller's post's reminders, newest first;
 * supervisors (and admins, who may name a post) also see the escalations of overdue clocks.
 */
export const handler = httpHandler(async (event) => {
  const page = await listReminders(deps, actorOf(event), query(event, RemindersQuery));
  return json(200, page);
});
