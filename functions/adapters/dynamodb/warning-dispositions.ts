import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type {
  DispositionReport,
  DispositionReportStore,
  ReportStatus,
} from '../../../domain/warnings/dispositions.ts';
import { keys } from './table-design.ts';

/** A disposition report's outbox item, beside its warning in the employer's partition. */
export const dispositionKey = (r: Pick<DispositionReport, 'creditCode' | 'reportId'>) => ({
  PK: keys.employerState(r.creditCode).PK,
  SK: `DISPOSITION#${r.reportId}`,
});

export const DISPOSITION_ITEM_TYPE = 'WARNING_DISPOSITION';

/** The outbox item's Put (in the disposing transaction): written once, PENDING until delivered. */
export function dispositionPut(table: string, r: DispositionReport, at: string) {
  return {
    TableName: table,
    Item: {
      ...dispositionKey(r),
      itemType: DISPOSITION_ITEM_TYPE,
      ...r,
      status: 'PENDING' satisfies ReportStatus,
      createdAt: at,
    },
    ConditionExpression: 'attribute_not_exists(PK)',
  };
}

/** Records how a report ended, only while it is PENDING (a stream record delivered twice). */
export class DynamoDispositionReports implements DispositionReportStore {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, tableName: string) {
    this.#db = db;
    this.#table = tableName;
  }

  async settle(r: DispositionReport, status: 'DELIVERED' | 'REJECTED', detail: string | null) {
    try {
      await this.#db.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: dispositionKey(r),
          UpdateExpression: 'SET #status = :status, detail = :detail, settledAt = :at',
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': status,
            ':detail': detail,
            ':at': new Date().toISOString(),
            ':pending': 'PENDING',
          },
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}
