import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { CursorCodec } from '../../functions/adapters/cursor.ts';
import { DynamoCaseRepository } from '../../functions/adapters/dynamodb/case-repository.ts';
import { CASES_TABLE } from '../../functions/adapters/dynamodb/table-design.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/ports.ts';
import { ensureTable } from '../../infra/local/provision.ts';

/** A fresh cases table in the shared DynamoDB Local, and a repository on it. */
export async function freshCasesTable() {
  const client = new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const tableName = `cases-${randomUUID()}`;
  await ensureTable(client, tableName, CASES_TABLE);
  const repo = new DynamoCaseRepository(
    doc,
    tableName,
    new CursorCodec('test-cursor-secret-0123456789abcdef'),
  );
  return {
    client,
    doc,
    tableName,
    repo,
    async drop() {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
      client.destroy();
    },
  };
}
