import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { TableDesign } from '../../functions/adapters/dynamodb/table-design.ts';

/**
 * Creates a table from its design, as the CDK stack does in AWS; an existing table (a `--data` directory
 * kept from an earlier version) gets the indexes the design added since, as a deployment would add them.
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  design: TableDesign,
): Promise<void> {
  const attributes = new Map<string, AttributeDefinition>();
  const add = (k?: { name: string; type: 'S' | 'N' }) => {
    if (k) attributes.set(k.name, { AttributeName: k.name, AttributeType: k.type });
  };
  add(design.partitionKey);
  add(design.sortKey);
  for (const index of design.indexes) {
    add(index.partitionKey);
    add(index.sortKey);
  }
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...attributes.values()],
        KeySchema: [
          { AttributeName: design.partitionKey.name, KeyType: 'HASH' },
          ...(design.sortKey ? [{ AttributeName: design.sortKey.name, KeyType: 'RANGE' as const }] : []),
        ],
        ...(design.indexes.length > 0
          ? {
              GlobalSecondaryIndexes: design.indexes.map((index) => ({
                IndexName: index.indexName,
                KeySchema: [
                  { AttributeName: index.partitionKey.name, KeyType: 'HASH' as const },
                  { AttributeName: index.sortKey.name, KeyType: 'RANGE' as const },
                ],
                Projection: {
                  ProjectionType: 'INCLUDE' as const,
                  NonKeyAttributes: [...index.nonKeyAttributes],
                },
              })),
            }
          : {}),
        ...(design.stream
          ? { StreamSpecification: { StreamEnabled: true, StreamViewType: design.stream } }
          : {}),
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    await addMissingIndexes(client, tableName, design, [...attributes.values()]);
    return;
  }
  await untilActive(client, tableName);
  if (design.timeToLiveAttribute) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: design.timeToLiveAttribute, Enabled: true },
      }),
    );
  }
}

async function untilActive(client: DynamoDBClient, tableName: string) {
  for (let i = 0; i < 100; i++) {
    const out = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const indexes = out.Table?.GlobalSecondaryIndexes ?? [];
    if (out.Table?.TableStatus === 'ACTIVE' && indexes.every((x) => x.IndexStatus === 'ACTIVE')) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** One index at a time, as DynamoDB allows. */
async function addMissingIndexes(
  client: DynamoDBClient,
  tableName: string,
  design: TableDesign,
  attributes: AttributeDefinition[],
) {
  const out = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const present = new Set((out.Table?.GlobalSecondaryIndexes ?? []).map((x) => x.IndexName));
  for (const index of design.indexes.filter((x) => !present.has(x.indexName))) {
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: attributes,
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: index.indexName,
              KeySchema: [
                { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
                { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.nonKeyAttributes] },
            },
          },
        ],
      }),
    );
    await untilActive(client, tableName);
  }
}
