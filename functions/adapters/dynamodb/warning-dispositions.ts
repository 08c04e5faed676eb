import { type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type {
  DispositionReport,
  DispositionReportStore,
  ReportStatus,
} from '../../../domain/warnings/dispositions.ts';
import { CASES_TABLE, indexNamed, keys } from './table-design.ts';

/** A disposition report's outbox item, beside its warning in the employer's partition. */
export const dispositionKey = (r: Pick<DispositionReport, 'creditCode' | 'reportId'>) => ({
  PK: keys.employerState(r.creditCode).PK,
  SK: `DISPOSITION#${r.reportId}`,
});

export const DISPOSITION_ITEM_TYPE = 'WARNING_DISPOSITION';
/** The pending reports' list in byPost (a few a day: one partition is no hot spot). */
export const PENDING_REPORTS = 'DISPOSITIONS#PENDING';
/**
 * The refused reports' list in byPost, until an admin sends one again: fewer still (a partner refusing a
 * signed report, or one the registry no longer knows), so one partition is no hot spot either.
 */
export const REJECTED_REPORTS = 'DISPOSITIONS#REJECTED';
const BY_POST = indexNamed(CASES_TABLE, 'byPost');

/**
 * The outbox item's Put (in the disposing transaction): written once, PENDING until delivered. It keeps
 * the warning's post, so a supervisor's list of reports shows only the post's own.
 */
export function dispositionPut(
  table: string,
  r: DispositionReport,
  at: string,
  postId: string | null = null,
) {
  return {
    TableName: table,
    Item: {
      ...dispositionKey(r),
      itemType: DISPOSITION_ITEM_TYPE,
      ...r,
      status: 'PENDING' satisfies ReportStatus,
      createdAt: at,
      postId,
      // Sparse: in the pending list (byPost) until settled, so a sweep finds the ones the stream gave up on.
      postKey: PENDING_REPORTS,
      listKey: `${at}#${r.reportId}`,
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

  /** Delivered: out of the lists. Refused: from the pending list to the rejected one, for an admin to see. */
  async settle(r: DispositionReport, status: 'DELIVERED' | 'REJECTED', detail: string | null) {
    const at = new Date().toISOString();
    const listed =
      status === 'REJECTED'
        ? {
            expression: ', postKey = :rejected, listKey = :list',
            values: { ':rejected': REJECTED_REPORTS, ':list': `${at}#${r.reportId}` },
          }
        : { expression: ' REMOVE postKey, listKey', values: {} };
    try {
      await this.#db.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: dispositionKey(r),
          UpdateExpression: `SET #status = :status, detail = :detail, settledAt = :at${listed.expression}`,
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': status,
            ':detail': detail,
            ':at': at,
            ':pending': 'PENDING',
            ...listed.values,
          },
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /** Reports still PENDING that were written (or last sent again) before `before`: the byPost list. */
  async stale(before: string): Promise<DispositionReport[]> {
    const out = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: BY_POST.indexName,
        KeyConditionExpression: '#pk = :pk AND #sk < :before',
        ExpressionAttributeNames: { '#pk': BY_POST.partitionKey.name, '#sk': BY_POST.sortKey?.name ?? '' },
        ExpressionAttributeValues: { ':pk': PENDING_REPORTS, ':before': before },
        Limit: 100,
      }),
    );
    // The index projects the keys only (its other attributes are the cases' summary): the report's id
    // and employer come from them, which is all `redrive` needs.
    return (out.Items ?? []).map((i) => {
      const reportId = String(i.SK).slice('DISPOSITION#'.length);
      return {
        reportId,
        warningId: reportId.split('.disposition.')[0] ?? '',
        creditCode: String(i.PK).slice('EMPLOYER#'.length),
        partnerId: reportId.split('.disposition.')[1] ?? '',
        body: '',
      };
    });
  }

  /**
   * Sends a pending report again: a new image of the item (still PENDING, `listKey` moved to now), which
   * the stream brings to the consumer as a fresh record; false when it was settled meanwhile.
   */
  async redrive(r: DispositionReport, at: string): Promise<boolean> {
    try {
      await this.#db.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: dispositionKey(r),
          UpdateExpression: 'SET listKey = :list, redrives = if_not_exists(redrives, :zero) + :one',
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':list': `${at}#${r.reportId}`,
            ':zero': 0,
            ':one': 1,
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
