import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/ports.ts';

/**
 * A DynamoDB Local of a bench row's own, with a client and a document client on it. `clients()` makes
 * another pair on it (a client of a measured part's own, whose reads alone it counts); `stop(tables)`
 * deletes those tables (as far as it can), closes the first client and stops the emulator.
 */
export async function localDynamo() {
  const dynamo = await startDynamoDbLocal();
  const clients = () => {
    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    return { client, doc };
  };
  const { client, doc } = clients();
  return {
    client,
    doc,
    clients,
    async stop(tables: readonly string[]) {
      for (const name of tables)
        await client.send(new DeleteTableCommand({ TableName: name })).catch(() => {});
      client.destroy();
      await dynamo.stop();
    },
  };
}
