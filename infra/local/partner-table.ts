import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoPartnerStore, PARTNER_TABLE } from '../../functions/adapters/partners/partner-store.ts';
import { registryDocumentSchema } from '../../functions/adapters/partners/registry.ts';
import { ensureTable } from './provision.ts';

/**
 * Creates the partner table from its design, as the CDK stack does in AWS, and puts in the partners of a
 * registry document (the seed format: the simulated court and commissions), one item each.
 */
export async function seedPartnerTable(
  client: DynamoDBClient,
  tableName: string,
  registry: unknown,
): Promise<void> {
  await ensureTable(client, tableName, PARTNER_TABLE);
  const { partners } = registryDocumentSchema().parse(registry);
  const store = new DynamoPartnerStore(DynamoDBDocumentClient.from(client), tableName, {
    ttlMs: 0,
    allowHttp: true,
  });
  for (const partner of partners) await store.put(partner);
}
