import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { rebuildStats } from '../../domain/statistics/rebuild.ts';
import { DynamoCountedSource } from '../../functions/adapters/dynamodb/stats-source.ts';
import { DynamoStatsStore } from '../../functions/adapters/dynamodb/stats-store.ts';
import { commandLine, usageError } from '../local/cli.ts';
import { LOCAL_CREDENTIALS } from '../local/ports.ts';

/**
 * `npm run stats:rebuild` — recounts every case and consultation of every post in the directory (the posts'
 * partition, the byPost index, then the items by key: no Scan), prints each counter that differs from the
 * live ones and exits 1 if any does; `--fix` brings stale contributions up to date through the consumer's
 * transaction and writes a correction for what remains. The table and endpoint default to TABLE_NAME,
 * DYNAMODB_ENDPOINT and AWS_REGION, as the functions read them.
 */
const USAGE = [
  'usage: npm run stats:rebuild -- [--fix] [--table NAME] [--endpoint URL] [--region REGION]',
  '  recounts the statistics from the cases and prints every difference from the live counters',
  '  --fix       write the corrections (stale contributions, then the counters)',
  '  --table     the cases table (default TABLE_NAME, or ldm-local-cases)',
  '  --endpoint  DynamoDB Local (default DYNAMODB_ENDPOINT; unset: AWS with the usual credentials)',
  '  --region    default AWS_REGION, or us-east-1',
].join('\n');

const { values } = commandLine(USAGE, {
  fix: { type: 'boolean', default: false },
  table: { type: 'string' },
  endpoint: { type: 'string' },
  region: { type: 'string' },
});
const tableName = values.table ?? process.env.TABLE_NAME ?? 'ldm-local-cases';
const endpoint = values.endpoint ?? process.env.DYNAMODB_ENDPOINT;
if (endpoint !== undefined && !/^https?:\/\//.test(endpoint))
  usageError(USAGE, `--endpoint must be a URL, not ${endpoint}`);
const client = new DynamoDBClient({
  region: values.region ?? process.env.AWS_REGION ?? 'us-east-1',
  ...(endpoint ? { endpoint, credentials: LOCAL_CREDENTIALS } : {}),
});
const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });

const started = Date.now();
const result = await rebuildStats(
  {
    source: new DynamoCountedSource(documents, tableName),
    store: new DynamoStatsStore(documents, tableName),
  },
  { fix: values.fix },
);
console.log(
  `recounted ${result.cases} cases and ${result.consultations} consultations in ${Date.now() - started} ms; ` +
    `${result.staleContributions} contributions behind their case, ${result.differences.length} counters differ`,
);
for (const d of result.differences) {
  console.log(`  ${d.bucket}  ${d.counter}: live ${d.live}, recounted ${d.expected}`);
}
if (result.remaining) {
  console.log(
    result.remaining.length === 0
      ? 'fixed: the counters equal the recount'
      : `still differing after --fix: ${result.remaining.length}`,
  );
}
client.destroy();
process.exitCode = (result.remaining ?? result.differences).length === 0 ? 0 : 1;
