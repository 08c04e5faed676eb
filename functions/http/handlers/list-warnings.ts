import { listWarnings, viewOf } from '../../../domain/warnings/use-cases.ts';
import { systemClock } from '../../shared/clock.ts';
import { warningDeps } from '../../shared/warnings.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf } from '../request.ts';
import { json } from '../response.ts';

/**
 * `GET /warnings?level=&status=&district=&cursor=` — a district's open warnings by level and deadline, or
 * the caller's post's. One Query per level read and one BatchGetItem a page.
 */
export const handler = httpHandler(async (event) => {
  const page = await listWarnings(await warningDeps(), actorOf(event), event.queryStringParameters ?? {});
  const now = systemClock.now();
  return json(200, { items: page.items.map((w) => viewOf(w, now)), nextCursor: page.nextCursor });
});
