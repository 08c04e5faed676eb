import { DynamoStatsStore } from '../adapters/dynamodb/stats-store.ts';
import { backgroundHandler } from '../shared/background.ts';
import { documents, storeConfig } from '../shared/store.ts';
import { createStatsAggregator } from './stats-consumer.ts';

/** The cases table's stream → the statistics (see stats-consumer.ts). */
export const handler = backgroundHandler(
  createStatsAggregator(new DynamoStatsStore(documents, storeConfig.tableName)),
);
