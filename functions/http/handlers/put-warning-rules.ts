import { loadRules } from '../../../domain/warnings/use-cases.ts';
import { DynamoRuleStore } from '../../adapters/dynamodb/warning-rules.ts';
import { logger } from '../../shared/observability.ts';
import { documents, storeConfig } from '../../shared/store.ts';
import { warningDeps } from '../../shared/warnings.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, jsonBody } from '../request.ts';
import { json } from '../response.ts';

/**
 * `PUT /warning-rules` (admins) — loads a new version of the rule table. The old versions stay for the
 * warnings they raised.
 */
export const handler = httpHandler(async (event) => {
  // The table in force read afresh, not from the evaluations' cache: the new version follows it.
  const deps = { ...(await warningDeps()), rules: new DynamoRuleStore(documents, storeConfig.tableName) };
  const rules = await loadRules(deps, actorOf(event), jsonBody(event));
  logger.info('warning rules loaded', { version: rules.version, rules: rules.rules.length });
  return json(200, rules);
});
