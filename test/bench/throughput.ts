import { randomUUID } from 'node:crypto';
import {
  type AttributeValue,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { keys } from '../../functions/adapters/dynamodb/table-design.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/ports.ts';
import { intake } from '../support/fixtures.ts';
import type { apiClient } from '../support/local-stack.ts';
import { pool } from './stats.ts';

/**
 * Actions per second through the local API against its floor: the same DynamoDB Local taking, at the same
 * concurrency, the transaction an action makes — the case put guarded by its version plus the action's event
 * puts — sent directly with the SDK. Each in-flight slot works on a case of its own (no conflicts), and the
 * two kinds alternate in blocks so drift (JIT, table growth) hits both alike.
 */

type Api = ReturnType<typeof apiClient>;
type Item = Record<string, AttributeValue>;

export interface ThroughputResult {
  readonly apiPerSecond: number;
  readonly rawPerSecond: number;
  /** What the raw transaction holds, e.g. `case put + 1 event put`. */
  readonly rawShape: string;
}

const ACTION = { action: 'ASSIGN_MEDIATOR', mediatorId: 'bench-throughput' } as const;

export async function actionsVersusTransactions(options: {
  api: Api;
  dynamodbEndpoint: string;
  tableName: string;
  count: number;
  concurrency: number;
  rounds: number;
}): Promise<ThroughputResult> {
  const { api, tableName, concurrency } = options;
  const client = new DynamoDBClient({
    endpoint: options.dynamodbEndpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  try {
    // One case per slot for the API, and one whose stored action is the raw transaction's template.
    const ids: string[] = [];
    for (let slot = 0; slot <= concurrency; slot++) {
      const res = await api('POST', '/cases', intake());
      if (res.status !== 201) throw new Error(`create answered ${res.status}`);
      ids.push(res.body.caseId as string);
    }
    const templateId = ids.pop() as string;
    const acted = await api('POST', `/cases/${templateId}/actions`, ACTION);
    if (acted.status !== 200) throw new Error(`action answered ${acted.status}`);
    const caseItem = (
      await client.send(
        new GetItemCommand({ TableName: tableName, Key: toKey(keys.case(templateId)), ConsistentRead: true }),
      )
    ).Item;
    if (!caseItem?.version?.N) throw new Error('cannot read the template case item');
    const version = Number(caseItem.version.N);
    const prefix = keys.event(templateId, version, 0).SK.replace(/\d+$/, '');
    const events = (
      await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
          ExpressionAttributeValues: { ':pk': { S: keys.case(templateId).PK }, ':sk': { S: prefix } },
          ConsistentRead: true,
        }),
      )
    ).Items;
    if (!events?.length) throw new Error(`no event items of version ${version} of the template case`);

    // The raw cases: one per slot, seeded (untimed) at version 1.
    const run = randomUUID().slice(0, 8);
    const rawIds = Array.from({ length: concurrency }, (_, slot) => `bench-raw-${run}-${slot}`);
    const rawVersions = rawIds.map(() => 1);
    for (const id of rawIds) {
      await client.send(
        new PutItemCommand({ TableName: tableName, Item: { ...rebased(caseItem, id), version: { N: '1' } } }),
      );
    }
    const rawTransaction = async (slot: number) => {
      const id = rawIds[slot] as string;
      const from = rawVersions[slot] as number;
      const to = from + 1;
      await client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: { ...rebased(caseItem, id), version: { N: String(to) } },
                ConditionExpression: '#version = :expected',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':expected': { N: String(from) } },
              },
            },
            ...events.map((e, seq) => ({
              Put: {
                TableName: tableName,
                Item: {
                  ...rebased(e, id),
                  ...toKey(keys.event(id, to, seq)),
                  ...(e.version ? { version: { N: String(to) } } : {}),
                },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            })),
          ],
        }),
      );
      rawVersions[slot] = to;
    };
    const apiAction = async (slot: number) => {
      const res = await api('POST', `/cases/${ids[slot]}/actions`, ACTION);
      if (res.status !== 200) throw new Error(`action answered ${res.status}: ${JSON.stringify(res.body)}`);
    };

    // Warm-up of the raw path (the API was warmed by the latency phases).
    await pool(concurrency * 4, concurrency, (_, slot) => rawTransaction(slot));

    const perBlock = Math.max(concurrency, Math.round(options.count / options.rounds));
    let apiMs = 0;
    let rawMs = 0;
    let apiDone = 0;
    let rawDone = 0;
    for (let round = 0; round < options.rounds; round++) {
      const apiStart = performance.now();
      await pool(perBlock, concurrency, (_, slot) => apiAction(slot));
      apiMs += performance.now() - apiStart;
      apiDone += perBlock;
      const rawStart = performance.now();
      await pool(perBlock, concurrency, (_, slot) => rawTransaction(slot));
      rawMs += performance.now() - rawStart;
      rawDone += perBlock;
    }
    return {
      apiPerSecond: (apiDone / apiMs) * 1000,
      rawPerSecond: (rawDone / rawMs) * 1000,
      rawShape: `TransactWriteItems: case put + ${events.length} event put${events.length === 1 ? '' : 's'}`,
    };
  } finally {
    client.destroy();
  }
}

function toKey(key: { PK: string; SK: string }): Item {
  return { PK: { S: key.PK }, SK: { S: key.SK } };
}

/** The item moved to another case id: its key and caseId; everything else (size, index keys) kept. */
function rebased(item: Item, caseId: string): Item {
  return {
    ...item,
    ...toKey({ ...keys.case(caseId), SK: item.SK?.S ?? 'CASE' }),
    ...(item.caseId ? { caseId: { S: caseId } } : {}),
  };
}
