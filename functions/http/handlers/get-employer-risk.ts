import { employerRisk } from '../../../domain/warnings/use-cases.ts';
import { warningDeps } from '../../shared/warnings.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf } from '../request.ts';
import { json } from '../response.ts';

/** `GET /employers/{creditCode}/risk` — the employer's level, signal timeline and cases (one partition read). */
export const handler = httpHandler(async (event) => {
  const risk = await employerRisk(
    await warningDeps(),
    actorOf(event),
    event.pathParameters?.creditCode ?? '',
  );
  return json(200, risk);
});
