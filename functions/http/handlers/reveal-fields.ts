import { revealFields, revealInput } from '../../../domain/sealing/reveal.ts';
import { parseOrThrow } from '../../../domain/shared/validation.ts';
import { logger } from '../../shared/observability.ts';
import { revealDeps } from '../../shared/reveal-deps.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, caseIdOf, jsonBody } from '../request.ts';
import { jsonUnmasked } from '../response.ts';

const deps = revealDeps();

/**
 * `POST /cases/{caseId}/reveal` with `{ "fields": [...], "purpose": ... }` — the clear values of sealed
 * ID numbers and phones, to a member of the case's post, counted and recorded (domain/sealing/reveal.ts).
 * The one case answer not masked; never cached.
 */
export const handler = httpHandler(async (event) => {
  const actor = actorOf(event);
  const caseId = caseIdOf(event);
  const input = parseOrThrow(revealInput(), jsonBody(event));
  const revealed = await revealFields(deps, actor, caseId, input);
  logger.info('fields revealed', { caseId, fields: Object.keys(revealed.values), purpose: revealed.purpose });
  return jsonUnmasked(200, revealed);
});
