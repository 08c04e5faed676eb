import { currentRules } from '../../../domain/warnings/use-cases.ts';
import { DynamoRuleStore } from '../../adapters/dynamodb/warning-rules.ts';
import { documents, storeConfig } from '../../shared/store.ts';
import { warningDeps } from '../../shared/warnings.ts';
import { httpHandler } from '../middleware.ts';
import { json } from '../response.ts';

/** `GET /warning-rules` — the rule table in force (the defaults until an admin loads one). */
const rules = new DynamoRuleStore(documents, storeConfig.tableName);

export const handler = httpHandler(async () =>
  json(200, await currentRules({ ...(await warningDeps()), rules })),
);
