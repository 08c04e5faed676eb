import { readWarning, viewOf } from '../../../domain/warnings/use-cases.ts';
import { systemClock } from '../../shared/clock.ts';
import { warningDeps } from '../../shared/warnings.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf } from '../request.ts';
import { json } from '../response.ts';

/** `GET /warnings/{warningId}` — one warning with its explanation (fired rules, values, signals). One GetItem. */
export const handler = httpHandler(async (event) => {
  const w = await readWarning(await warningDeps(), actorOf(event), event.pathParameters?.warningId ?? '');
  return json(200, viewOf(w, systemClock.now()));
});
