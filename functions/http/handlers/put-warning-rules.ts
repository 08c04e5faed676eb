import { loadRules } from '../../../domain/warnings/use-cases.ts';
import { logger } from '../../shared/observability.ts';
import { warningDeps } from '../../shared/warnings.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, jsonBody } from '../request.ts';
import { json } from '../response.ts';

/**
 * `PUT /warning-rules` (admins) — loads a new version of the rule table. The old versions stay for the
 * warnings they raised.
 */
export const handler = httpHandler(async (event) => {
  const deps = await warningDeps();
  const rules = await loadRules(deps, actorOf(event), jsonBody(event));
  logger.info('warning rules loaded', { version: rules.version, rules: rules.rules.length });
  return json(200, rules);
});
