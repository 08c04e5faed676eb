import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { GENESIS } from '../../../domain/audit/chain.ts';
import type { CaseChange, CommandReceipt } from '../../../domain/case/ports.ts';
import { CommandAlreadyDone } from '../../../domain/case/ports.ts';
import type { Consultation } from '../../../domain/consultations/model.ts';
import type { ConsultationListQuery, ConsultationRepository } from '../../../domain/consultations/ports.ts';
import { VersionConflictError } from '../../../domain/shared/errors.ts';
import type { Page } from '../../../domain/shared/page.ts';
import { sha256 } from '../audit/sha256.ts';
import type { CursorCodec, CursorSource } from '../cursor.ts';
import { linkChange } from './chain-items.ts';
import { clockUpdates } from './clock-items.ts';
import { appendedItems, cancelledFor, casePut, receiptPut, strip } from './items.ts';
import { cursorsOf, getAll, indexPage } from './paged-query.ts';
import { sealConsultation } from './sealed-items.ts';
import { CASES_TABLE, indexNamed, keys } from './table-design.ts';

const BY_POST = indexNamed(CASES_TABLE, 'byPost');

/**
 * The consultation as stored: the domain object (its `postId`, `channel`, `categories`,
 * `newEmploymentForm` and `consultedOn` plain attributes, which the statistics consumer counts from the
 * stream) plus the byPost keys under the consultations' own partition prefix, newest first by when it
 * took place.
 */
/** The consultation as stored: its ID numbers and phone masked and sealed beside (sealed-items.ts). */
export async function consultationItem(clear: Consultation): Promise<Record<string, unknown>> {
  const { masked: c, sealed } = await sealConsultation(clear);
  return {
    ...keys.consultation(c.consultationId),
    itemType: 'CONSULTATION',
    ...c,
    ...(Object.keys(sealed.fields).length > 0 ? { sealed } : {}),
    postKey: keys.postConsultations(c.postId),
    listKey: keys.list(c.consultedAt, c.consultationId),
  };
}

/**
 * ConsultationRepository on the cases table (table-design.ts `keys.consultation`). A list reads the post's
 * keys from the byPost index — which projects the cases' summary, not a consultation's fields, and stays
 * as it is (the projections of all indexes together are near DynamoDB's 100 attributes) — then the items
 * by key: one Query and one BatchGetItem a page, never a Scan.
 */
export class DynamoConsultationRepository implements ConsultationRepository {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #codec: () => Promise<CursorCodec>;
  readonly #receiptsTable: string | null;

  constructor(
    db: DynamoDBDocumentClient,
    tableName: string,
    cursors: CursorSource | null,
    options: { readonly receiptsTable?: string } = {},
  ) {
    this.#db = db;
    this.#table = tableName;
    this.#codec = cursorsOf(cursors, 'consultations');
    this.#receiptsTable = options.receiptsTable ?? null;
  }

  #receipt(receipt: CommandReceipt) {
    if (!this.#receiptsTable)
      throw new Error('this function writes receipts but was given no table for them');
    return receiptPut(this.#receiptsTable, receipt, Math.floor(Date.now() / 1000));
  }

  async create(c: Consultation, receipt?: CommandReceipt): Promise<void> {
    const put = {
      TableName: this.#table,
      Item: await consultationItem(c),
      ConditionExpression: 'attribute_not_exists(PK)',
    };
    if (!receipt) {
      await this.#db.send(new PutCommand(put));
      return;
    }
    try {
      await this.#db.send(
        new TransactWriteCommand({ TransactItems: [{ Put: put }, this.#receipt(receipt)] }),
      );
    } catch (error) {
      if (cancelledFor(error, 1, ['ConditionalCheckFailed'])) throw new CommandAlreadyDone(receipt.id);
      throw error;
    }
  }

  async get(consultationId: string): Promise<Consultation | null> {
    const out = await this.#db.send(
      new GetCommand({
        TableName: this.#table,
        Key: keys.consultation(consultationId),
        ConsistentRead: true,
      }),
    );
    return out.Item ? strip<Consultation>(out.Item) : null;
  }

  async listByPost(query: ConsultationListQuery): Promise<Page<Consultation>> {
    const partition = keys.postConsultations(query.postId);
    const page = await indexPage(this.#db, this.#table, this.#codec, {
      index: BY_POST,
      partition,
      scope: `consultations:${partition}`,
      forward: false,
      limit: query.limit,
      cursor: query.cursor,
    });
    const ids = page.items.map((item) => String(item.PK));
    const found = await getAll(
      this.#db,
      this.#table,
      ids.map((pk) => ({ PK: pk, SK: 'CONSULTATION' })),
      (item) => String(item.PK),
    );
    return {
      // In the index's order; an item gone since the index saw it (none are deleted) is left out.
      items: ids.flatMap((pk) => {
        const item = found.get(pk);
        return item ? [strip<Consultation>(item)] : [];
      }),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * One TransactWriteItems: the new case, its events and clock items, the consultation marked (guarded by
   * its version) and the receipt last (its index tells a taken receipt apart).
   */
  async openCase(change: CaseChange, marked: Consultation, expectedVersion: number): Promise<void> {
    const casePutItem = await casePut(this.#table, change.next, null);
    const appended = appendedItems(this.#table, change);
    linkChange(sha256, casePutItem, appended, GENESIS); // a new case's chain (chain-items.ts)
    const items: Record<string, unknown>[] = [
      casePutItem,
      ...appended,
      ...clockUpdates(this.#table, change),
      {
        Put: {
          TableName: this.#table,
          Item: await consultationItem(marked),
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': expectedVersion },
        },
      },
    ];
    const consultationAt = items.length - 1;
    if (change.receipt) items.push(this.#receipt(change.receipt));
    try {
      await this.#db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (change.receipt && cancelledFor(error, items.length - 1, ['ConditionalCheckFailed'])) {
        throw new CommandAlreadyDone(change.receipt.id);
      }
      if (cancelledFor(error, consultationAt, ['ConditionalCheckFailed', 'TransactionConflict'])) {
        throw new VersionConflictError(expectedVersion, undefined, false);
      }
      throw error;
    }
  }
}
