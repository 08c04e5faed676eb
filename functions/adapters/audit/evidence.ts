import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ChangedChains, CheckpointStore } from '../../../domain/audit/checkpoint.ts';
import type { CaseEvidence } from '../../../domain/audit/verify.ts';
import { linksOf, storedEvents } from '../dynamodb/chain-items.ts';
import { keys } from '../dynamodb/table-design.ts';

/** What verifying a case reads, as stored: its event items, its case item's head, its latest checkpoint. */
export async function caseEvidence(
  db: DynamoDBDocumentClient,
  table: string,
  chains: ChangedChains,
  store: CheckpointStore,
  caseId: string,
): Promise<CaseEvidence> {
  const [events, item, latest] = await Promise.all([
    storedEvents(db, table, caseId),
    db.send(
      new GetCommand({
        TableName: table,
        Key: keys.case(caseId),
        ProjectionExpression: 'chainHead',
        ConsistentRead: true,
      }),
    ),
    chains.latestFor(caseId),
  ]);
  const checkpoint = latest ? await store.get(latest.key) : null;
  return {
    caseId,
    links: linksOf(events),
    caseHead: typeof item.Item?.chainHead === 'string' ? item.Item.chainHead : null,
    checkpoint: latest && checkpoint ? { key: latest.key, checkpoint } : null,
  };
}
