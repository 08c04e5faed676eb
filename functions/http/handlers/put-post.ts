import { putPost } from '../../../domain/directory/use-cases.ts';
import { POST_ID, parseOrThrow } from '../../../domain/shared/validation.ts';
import { DynamoPostDirectory } from '../../adapters/dynamodb/post-directory.ts';
import { logger } from '../../shared/observability.ts';
import { documents, storeConfig } from '../../shared/store.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, jsonBody } from '../request.ts';
import { json } from '../response.ts';

const posts = new DynamoPostDirectory(documents, storeConfig.tableName, null);
const clock = { now: () => new Date().toISOString() };

/**
 * `PUT /posts/{postId}` with `{ name, district }` — adds or renames a union post (admins). Idempotent by
 * nature: the same body twice leaves the same post.
 */
export const handler = httpHandler(async (event) => {
  const actor = actorOf(event);
  const postId = parseOrThrow(POST_ID, event.pathParameters?.postId, 'postId');
  const post = await putPost({ posts, clock }, actor, postId, jsonBody(event));
  logger.info('post saved', { postId });
  return json(200, post);
});
