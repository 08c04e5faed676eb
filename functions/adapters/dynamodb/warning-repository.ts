import { type DynamoDBDocumentClient, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { CommandReceipt } from '../../../domain/case/ports.ts';
import { CommandAlreadyDone } from '../../../domain/case/ports.ts';
import { VersionConflictError } from '../../../domain/shared/errors.ts';
import type { DispositionReport } from '../../../domain/warnings/dispositions.ts';
import {
  isOpen,
  nextDue,
  type Signal,
  signalIdentity,
  type Warning,
} from '../../../domain/warnings/model.ts';
import type { EvaluationWrite, WarningStore } from '../../../domain/warnings/ports.ts';
import type { CursorSource } from '../cursor.ts';
import { cancelledFor, lostRace, receiptPut } from './items.ts';
import { keys } from './table-design.ts';
import { dispositionPut } from './warning-dispositions.ts';
import { DynamoWarningReads, sequenceOf } from './warning-reads.ts';

/** Sorts after every instant: a warning with no deadline lists last. */
const NO_DUE = '~';

/** The warning as stored: its index keys (the post's list; while open, its district and level's list). */
export function warningItem(w: Warning): Record<string, unknown> {
  const due = `${nextDue(w) ?? NO_DUE}#${w.warningId}`;
  return {
    ...keys.warning(w.creditCode, sequenceOf(w.warningId)),
    itemType: 'WARNING',
    ...w,
    ...(w.postId ? { postKey: keys.postWarnings(w.postId), listKey: due } : {}),
    ...(isOpen(w) ? { warningKey: keys.openWarnings(w.district, w.level), warningDueKey: due } : {}),
  };
}

export const signalItem = (s: Signal): Record<string, unknown> => ({
  ...keys.signal(s.creditCode, s.observedOn, signalIdentity(s)),
  itemType: 'SIGNAL',
  ...s,
});

/**
 * WarningStore on the cases table (table-design.ts `keys.employer`…): one partition per employer. The
 * reads (by key, the employer's range, the lists) are DynamoWarningReads' (warning-reads.ts); the writes
 * are here. An evaluation is one TransactWriteItems (signal, state, warning, receipt).
 */
export class DynamoWarningStore extends DynamoWarningReads implements WarningStore {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #receiptsTable: string | null;

  constructor(
    db: DynamoDBDocumentClient,
    tableName: string,
    cursors: CursorSource | null,
    options: { readonly receiptsTable?: string } = {},
  ) {
    super(db, tableName, cursors);
    this.#db = db;
    this.#table = tableName;
    this.#receiptsTable = options.receiptsTable ?? null;
  }

  #receipt(receipt: CommandReceipt) {
    if (!this.#receiptsTable)
      throw new Error('this function writes receipts but was given no table for them');
    return receiptPut(this.#receiptsTable, receipt, Math.floor(Date.now() / 1000));
  }

  #warningPut(w: Warning, expectedVersion: number) {
    return {
      Put: {
        TableName: this.#table,
        Item: warningItem(w),
        ...(expectedVersion === 0
          ? { ConditionExpression: 'attribute_not_exists(PK)' }
          : {
              ConditionExpression: '#version = :expected',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':expected': expectedVersion },
            }),
      },
    };
  }

  async saveEvaluation(write: EvaluationWrite): Promise<void> {
    const items: Record<string, unknown>[] = [
      {
        Put: {
          TableName: this.#table,
          Item: { ...keys.employerState(write.state.creditCode), itemType: 'EMPLOYER_STATE', ...write.state },
          ...(write.expectedStateVersion === 0
            ? { ConditionExpression: 'attribute_not_exists(PK)' }
            : {
                ConditionExpression: '#version = :expected',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':expected': write.expectedStateVersion },
              }),
        },
      },
    ];
    // The signal by its identity: writing it again is the same item (a replay, a re-evaluation).
    if (write.signal) items.push({ Put: { TableName: this.#table, Item: signalItem(write.signal) } });
    if (write.warning) items.push(this.#warningPut(write.warning, write.expectedWarningVersion));
    if (write.receipt) items.push(this.#receipt(write.receipt));
    try {
      await this.#db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (write.receipt && cancelledFor(error, items.length - 1, ['ConditionalCheckFailed'])) {
        throw new CommandAlreadyDone(write.receipt.id);
      }
      if (lostRace(error)) throw new VersionConflictError(write.expectedStateVersion, undefined, false);
      throw error;
    }
  }

  async save(
    warning: Warning,
    expectedVersion: number,
    receipt?: CommandReceipt,
    reports: readonly DispositionReport[] = [],
  ): Promise<void> {
    const put = this.#warningPut(warning, expectedVersion);
    const items = [
      put,
      ...reports.map((r) => ({ Put: dispositionPut(this.#table, r, warning.updatedAt, warning.postId) })),
      ...(receipt ? [this.#receipt(receipt)] : []),
    ];
    try {
      if (items.length === 1) await this.#db.send(new PutCommand(put.Put));
      else await this.#db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (receipt && cancelledFor(error, items.length - 1, ['ConditionalCheckFailed']))
        throw new CommandAlreadyDone(receipt.id);
      if (lostRace(error) || (error as { name?: string }).name === 'ConditionalCheckFailedException') {
        throw new VersionConflictError(expectedVersion, undefined, false);
      }
      throw error;
    }
  }
}
