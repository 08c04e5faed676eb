import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Post } from '../../../domain/directory/model.ts';
import type { PostDirectory } from '../../../domain/directory/ports.ts';
import type { Page, PageRequest } from '../../../domain/shared/page.ts';
import { type CursorSource, codecOf } from '../cursor.ts';
import { strip } from './items.ts';
import { keys } from './table-design.ts';

const SCOPE = 'posts';

/** The union posts in the cases table (`DIRECTORY#POSTS` / `POST#id`): GetItem by id, Query to list. */
export class DynamoPostDirectory implements PostDirectory {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #cursors: CursorSource | null;

  constructor(db: DynamoDBDocumentClient, tableName: string, cursors: CursorSource | null) {
    this.#db = db;
    this.#table = tableName;
    this.#cursors = cursors;
  }

  async get(postId: string): Promise<Post | null> {
    const out = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: keys.directoryPost(postId) }),
    );
    return out.Item ? strip<Post>(out.Item) : null;
  }

  async list(page: PageRequest): Promise<Page<Post>> {
    if (!this.#cursors) throw new Error('listing posts needs a cursor codec');
    const codec = await codecOf(this.#cursors);
    const start = page.cursor ? codec.decode(page.cursor, SCOPE) : undefined;
    const out = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: {
          ':pk': keys.directoryPost('').PK,
          ':prefix': keys.directoryPostPrefix,
        },
        Limit: page.limit,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    return {
      items: (out.Items ?? []).map((item) => strip<Post>(item)),
      nextCursor: out.LastEvaluatedKey ? codec.encode(out.LastEvaluatedKey, SCOPE) : null,
    };
  }

  async put(post: Post): Promise<void> {
    await this.#db.send(
      new PutCommand({
        TableName: this.#table,
        Item: { ...keys.directoryPost(post.postId), itemType: 'POST', ...post },
      }),
    );
  }
}
