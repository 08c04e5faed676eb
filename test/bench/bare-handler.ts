import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

/**
 * The bench's floor for a function's cold start and bundle: a handler that does nothing but one point
 * read with the document client, bundled with the same settings as every deployed function. Not deployed.
 */
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (e: { id: string }) =>
  (await db.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { PK: e.id, SK: 'CASE' } })))
    .Item ?? null;
