import { listPosts } from '../../../domain/directory/use-cases.ts';
import { DynamoPostDirectory } from '../../adapters/dynamodb/post-directory.ts';
import { cursorCodec } from '../../shared/http-deps.ts';
import { documents, storeConfig } from '../../shared/store.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, PostsQuery, query } from '../request.ts';
import { json } from '../response.ts';

const posts = new DynamoPostDirectory(documents, storeConfig.tableName, cursorCodec);

/** `GET /posts?cursor=&limit=` — the union posts (id, name, district), by id, for any signed-in role. */
export const handler = httpHandler(async (event) => {
  actorOf(event);
  return json(200, await listPosts(posts, query(event, PostsQuery)));
});
