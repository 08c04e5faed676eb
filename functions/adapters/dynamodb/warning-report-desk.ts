import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { CommandReceipt } from '../../../domain/case/ports.ts';
import { CommandAlreadyDone } from '../../../domain/case/ports.ts';
import type { Page } from '../../../domain/shared/page.ts';
import type { ReportStatus } from '../../../domain/warnings/dispositions.ts';
import { creditCodeOfWarning } from '../../../domain/warnings/ingest.ts';
import type {
  ReportDesk,
  ReportListQuery,
  ReportResend,
  ReportView,
} from '../../../domain/warnings/report-desk.ts';
import type { CursorCodec, CursorSource } from '../cursor.ts';
import { cancelledFor, receiptPut } from './items.ts';
import { cursorsOf, getAll, indexPage } from './paged-query.ts';
import { CASES_TABLE, indexNamed, keys } from './table-design.ts';
import { dispositionKey, PENDING_REPORTS, REJECTED_REPORTS } from './warning-dispositions.ts';

const BY_POST = indexNamed(CASES_TABLE, 'byPost');
const LISTS = { PENDING: PENDING_REPORTS, REJECTED: REJECTED_REPORTS } as const;

/** A report's view from its outbox item (the signed body stays out: it is the partner's copy). */
export function reportView(item: Record<string, unknown>): ReportView {
  const status = String(item.status) as ReportStatus;
  const detail = typeof item.detail === 'string' ? item.detail : null;
  return {
    reportId: String(item.reportId),
    warningId: String(item.warningId),
    creditCode: String(item.creditCode),
    partnerId: String(item.partnerId),
    postId: typeof item.postId === 'string' ? item.postId : null,
    status,
    createdAt: String(item.createdAt),
    settledAt: typeof item.settledAt === 'string' ? item.settledAt : null,
    detail,
    reference: status === 'DELIVERED' ? detail : null,
    redrives: typeof item.redrives === 'number' ? item.redrives : 0,
    resends: Array.isArray(item.resends) ? (item.resends as ReportResend[]) : [],
  };
}

/** `<warning id>.disposition.<partner>` → its item's key, in the employer's partition. */
const keyOf = (reportId: string) =>
  dispositionKey({ reportId, creditCode: creditCodeOfWarning(reportId.split('.')[0] ?? '') });

/**
 * The disposition reports as people read and resend them (domain/warnings/report-desk.ts): a warning's in
 * one Query of its employer's partition, one by key, the PENDING and REJECTED lists through their sparse
 * byPost entries (then the items by key); no Scan.
 */
export class DynamoReportDesk implements ReportDesk {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #receiptsTable: string | null;
  readonly #codec: () => Promise<CursorCodec>;

  constructor(
    db: DynamoDBDocumentClient,
    tableName: string,
    cursors: CursorSource | null,
    options: { readonly receiptsTable?: string } = {},
  ) {
    this.#db = db;
    this.#table = tableName;
    this.#receiptsTable = options.receiptsTable ?? null;
    this.#codec = cursorsOf(cursors, 'disposition reports');
  }

  async ofWarning(w: { readonly warningId: string; readonly creditCode: string }): Promise<ReportView[]> {
    // A warning has one report per monitoring partner among its sources: a handful, one page.
    const out = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: {
          ':pk': keys.employer(w.creditCode),
          ':prefix': `DISPOSITION#${w.warningId}.disposition.`,
        },
        ConsistentRead: true,
      }),
    );
    return (out.Items ?? []).map(reportView);
  }

  async get(reportId: string): Promise<ReportView | null> {
    const out = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: keyOf(reportId), ConsistentRead: true }),
    );
    return out.Item ? reportView(out.Item) : null;
  }

  async list(query: ReportListQuery): Promise<Page<ReportView>> {
    const page = await indexPage(this.#db, this.#table, this.#codec, {
      index: BY_POST,
      partition: LISTS[query.status],
      forward: true,
      limit: query.limit,
      // A supervisor's own post's only: the index projects `postId` (a page may come short).
      ...(query.postId ? { filter: 'postId = :post', values: { ':post': query.postId } } : {}),
      scope: `disposition-reports:${query.status}:${query.postId ?? ''}`,
      cursor: query.cursor,
    });
    const items = await getAll(
      this.#db,
      this.#table,
      page.items.map((i) => ({ PK: String(i.PK), SK: String(i.SK) })),
      (item) => `${item.PK}|${item.SK}`,
    );
    return {
      items: page.items.flatMap((i) => {
        const item = items.get(`${i.PK}|${i.SK}`);
        // Settled or sent again between the index read and the item read: not in this list any more.
        return item && item.status === query.status ? [reportView(item)] : [];
      }),
      nextCursor: page.nextCursor,
    };
  }

  async resend(
    report: ReportView,
    resend: ReportResend,
    receipt?: (next: ReportView) => CommandReceipt,
  ): Promise<ReportView | null> {
    const next: ReportView = {
      ...report,
      status: 'PENDING',
      settledAt: null,
      detail: null,
      reference: null,
      resends: [...report.resends, resend],
    };
    // Back in the pending list (so the sweep's redrive covers it too) and a new image, still PENDING with
    // the same id: the stream brings it to the consumer again, which signs it with the same webhook-id.
    const update = {
      TableName: this.#table,
      Key: keyOf(report.reportId),
      UpdateExpression:
        'SET #status = :pending, postKey = :list, listKey = :at, resends = list_append(if_not_exists(resends, :none), :resend) REMOVE settledAt, detail',
      ConditionExpression: '#status = :rejected',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':pending': 'PENDING',
        ':rejected': 'REJECTED',
        ':list': PENDING_REPORTS,
        ':at': `${resend.at}#${report.reportId}`,
        ':none': [],
        ':resend': [resend],
      },
    };
    const held = receipt?.(next);
    try {
      if (!held) await this.#db.send(new UpdateCommand(update));
      else {
        if (!this.#receiptsTable)
          throw new Error('this function writes receipts but was given no table for them');
        await this.#db.send(
          new TransactWriteCommand({
            TransactItems: [
              { Update: update },
              receiptPut(this.#receiptsTable, held, Math.floor(Date.now() / 1000)),
            ],
          }),
        );
      }
      return next;
    } catch (error) {
      if (held && cancelledFor(error, 1, ['ConditionalCheckFailed'])) throw new CommandAlreadyDone(held.id);
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return null;
      if (cancelledFor(error, 0, ['ConditionalCheckFailed'])) return null;
      throw error;
    }
  }
}
