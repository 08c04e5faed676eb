import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { TableDesign } from '../../functions/adapters/dynamodb/table-design.ts';

/** Creates a table from its design, as the CDK stack does in AWS; an existing table is left as it is. */
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
    return;
  }
  for (let i = 0; i < 100; i++) {
    const out = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (out.Table?.TableStatus === 'ACTIVE') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  if (design.timeToLiveAttribute) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: design.timeToLiveAttribute, Enabled: true },
      }),
    );
  }
}
