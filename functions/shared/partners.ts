import type { Directory } from '../../domain/directory/ports.ts';
import { DestinationDirectory } from '../adapters/directory.ts';
import { DynamoPostDirectory } from '../adapters/dynamodb/post-directory.ts';
import type { DynamoPartnerStore } from '../adapters/partners/partner-store.ts';
import { partnerStore } from './partner-store.ts';
import { documents, storeConfig } from './store.ts';

/** The partner store (partner-store.ts), for the HTTP functions that name or hear from partners. */
export async function partnerRegistry(
  env: Record<string, string | undefined> = process.env,
): Promise<DynamoPartnerStore> {
  return partnerStore(env);
}

/**
 * The posts and partners an action may name (a 422 for one that does not exist): the post directory in the
 * cases table, the partner read (GetItem, cached) when an action names a court or institute.
 */
export const directory: Directory = new DestinationDirectory(
  async () => new DynamoPostDirectory(documents, storeConfig.tableName, null),
  async () => partnerStore(),
);
