import * as z from 'zod/mini';
import { acknowledgeReminder } from '../../../domain/reminders/acknowledge.ts';
import { parseOrThrow } from '../../../domain/shared/validation.ts';
import { reminderStore, systemClock } from '../../shared/reminders.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf } from '../request.ts';
import { json } from '../response.ts';

const deps = { reminders: reminderStore(), clock: systemClock };

/**
 * `<caseId>~<clockId>~<stage>`, URL-safe as it is. Ids raised before used `#` and must arrive percent-encoded
 * (`%23`; an unescaped `#` starts the URL's fragment and never reaches the server): decoded here if the
 * gateway did not, and accepted, since a client may still hold one.
 */
const REMINDER_ID = z.pipe(
  z.string().check(z.maxLength(200)),
  z.transform((raw, ctx) => {
    try {
      return raw.includes('%') ? decodeURIComponent(raw) : raw;
    } catch {
      ctx.issues.push({ code: 'custom', message: 'is not a percent-encoded reminder id', input: raw });
      return z.NEVER;
    }
  }),
);

/**
 * `POST /reminders/{reminderId}/ack` — acknowledges a reminder of the caller's own post (200 with it).
 * Idempotent without a key: acknowledging it again returns the first acknowledgement.
 */
export const handler = httpHandler(async (event) => {
  const reminderId = parseOrThrow(REMINDER_ID, event.pathParameters?.reminderId, 'reminderId');
  return json(200, await acknowledgeReminder(deps, actorOf(event), reminderId));
});
