import { putDistrict } from '../../../domain/warnings/use-cases.ts';
import { DynamoPostDirectory } from '../../adapters/dynamodb/post-directory.ts';
import { logger } from '../../shared/observability.ts';
import { documents, storeConfig } from '../../shared/store.ts';
import { warningDeps } from '../../shared/warnings.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, jsonBody } from '../request.ts';
import { json } from '../response.ts';

const directory = new DynamoPostDirectory(documents, storeConfig.tableName, null);
const posts = { knows: async (postId: string) => (await directory.get(postId)) !== null };

/** `PUT /districts/{district}` with `{ postId, name? }` — the post covering a district (admins). Idempotent. */
export const handler = httpHandler(async (event) => {
  const row = await putDistrict(
    { ...(await warningDeps()), posts },
    actorOf(event),
    event.pathParameters?.district ?? '',
    jsonBody(event),
  );
  logger.info('district saved', { district: row.district, postId: row.postId });
  return json(200, row);
});
