import { createHash } from 'node:crypto';
import type { ReportDeps } from '../../domain/statistics/report.ts';
import type { CursorSource } from '../adapters/cursor.ts';
import { DynamoPostDirectory } from '../adapters/dynamodb/post-directory.ts';
import { DynamoStatsStore } from '../adapters/dynamodb/stats-store.ts';
import { systemClock } from './clock.ts';
import { documents, storeConfig } from './store.ts';

/**
 * Composition of the statistics routes: the counters and reports on the cases table, the post directory
 * (an admin's "every post" pages through it, hence the cursors), the clock and SHA-256. Called once per
 * container, at module load of the handler.
 */
export function statsDepsWith(cursors: CursorSource): ReportDeps {
  const stats = new DynamoStatsStore(documents, storeConfig.tableName);
  return {
    counters: stats,
    reports: stats,
    posts: new DynamoPostDirectory(documents, storeConfig.tableName, cursors),
    clock: systemClock,
    digest: (text) => createHash('sha256').update(text, 'utf8').digest('hex'),
  };
}
