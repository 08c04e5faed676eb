import type { Directory } from '../../domain/directory/ports.ts';
import { DestinationDirectory } from '../adapters/directory.ts';
import { DynamoPostDirectory } from '../adapters/dynamodb/post-directory.ts';
import { partnerStore } from './partner-store.ts';
import { documents, storeConfig } from './store.ts';

/**
 * The posts and partners an action may name (a 422 for one that does not exist): the post directory in the
 * cases table, the partner's listing (a Query of the listing index, cached; no secrets) when an action names
 * a court or institute.
 */
export const directory: Directory = new DestinationDirectory(
  async () => new DynamoPostDirectory(documents, storeConfig.tableName, null),
  async () => partnerStore(),
);
