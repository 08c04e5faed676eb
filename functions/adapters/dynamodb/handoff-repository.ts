import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  type HandoffRecord,
  type HandoffRef,
  HandoffStatusConflict,
} from '../../../domain/handoffs/model.ts';
import type { HandoffRepository, HandoffSettlement } from '../../../domain/handoffs/ports.ts';
import { VersionConflictError } from '../../../domain/shared/errors.ts';
import type { Page, PartitionPage } from '../../../domain/shared/page.ts';
import { sha256 } from '../audit/sha256.ts';
import type { CursorSource } from '../cursor.ts';
import { knownHeadAt } from './chain-head-memory.ts';
import { linkChange } from './chain-items.ts';
import { clockUpdates } from './clock-items.ts';
import { appendedItems, cancelledFor, casePut, lostRace, strip, sweepKeyOf } from './items.ts';
import { CasePartition } from './partition.ts';
import { CASES_TABLE, indexNamed, keys } from './table-design.ts';

const BY_HANDOFF = indexNamed(CASES_TABLE, 'byHandoff');
const SWEEP_HANDOFFS = indexNamed(CASES_TABLE, 'sweepHandoffs');

/** The handoff fields a settlement changes; `attempts` is left to recordAttempt's atomic counter. */
const SETTLED_FIELDS = [
  'status',
  'dispatch',
  'deliveredAt',
  'partnerReference',
  'failedAt',
  'lastError',
] as const;

/** HandoffRepository on the cases table: outbox records live in their case's partition. */
export class DynamoHandoffRepository implements HandoffRepository {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #partition: CasePartition;

  constructor(db: DynamoDBDocumentClient, tableName: string, cursors: CursorSource | null) {
    this.#db = db;
    this.#table = tableName;
    this.#partition = new CasePartition(db, tableName, cursors);
  }

  async getHandoff(
    ref: Pick<HandoffRef, 'caseId' | 'handoffId' | 'requestedVersion'>,
  ): Promise<HandoffRecord | null> {
    const out = await this.#db.send(
      new GetCommand({
        TableName: this.#table,
        Key: keys.handoff(ref.caseId, ref.requestedVersion),
        ConsistentRead: true,
      }),
    );
    const h = out.Item ? strip<HandoffRecord>(out.Item) : null;
    return h && h.handoffId === ref.handoffId ? h : null;
  }

  async findHandoff(handoffId: string): Promise<HandoffRecord | null> {
    const out = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: BY_HANDOFF.indexName,
        KeyConditionExpression: '#pk = :id',
        ExpressionAttributeNames: { '#pk': BY_HANDOFF.partitionKey.name },
        ExpressionAttributeValues: { ':id': handoffId },
        Limit: 1,
      }),
    );
    const found = out.Items?.[0];
    if (!found) return null;
    return this.getHandoff({
      caseId: String(found.caseId),
      handoffId,
      requestedVersion: Number(found.requestedVersion),
    });
  }

  async listHandoffs(caseId: string, page: PartitionPage): Promise<Page<HandoffRecord>> {
    return this.#partition.page<HandoffRecord>(caseId, keys.handoffPrefix, 'handoffs', page);
  }

  async pendingHandoffs(before: string, limit: number) {
    const out = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: SWEEP_HANDOFFS.indexName,
        KeyConditionExpression: '#pk = :pending AND #sk < :before',
        ExpressionAttributeNames: {
          '#pk': SWEEP_HANDOFFS.partitionKey.name,
          '#sk': SWEEP_HANDOFFS.sortKey.name,
        },
        ExpressionAttributeValues: { ':pending': keys.pending, ':before': before },
        ScanIndexForward: true,
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((item) => ({
      caseId: String(item.caseId),
      handoffId: String(item.handoffId),
      requestedVersion: Number(item.requestedVersion),
      dispatch: Number(item.dispatch),
      lastAttemptAt: typeof item.lastAttemptAt === 'string' ? item.lastAttemptAt : null,
    }));
  }

  async sweepHandoff(ref: HandoffRef, change: { dispatch: number; sweepFrom: string }): Promise<boolean> {
    try {
      await this.#db.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: keys.handoff(ref.caseId, ref.requestedVersion),
          UpdateExpression: 'SET #dispatch = :dispatch, sweepFrom = :sweepFrom, sweepKey = :sweepFrom',
          ConditionExpression: '#handoffId = :handoffId AND #status = :pending AND #dispatch = :expected',
          ExpressionAttributeNames: {
            '#dispatch': 'dispatch',
            '#handoffId': 'handoffId',
            '#status': 'status',
          },
          ExpressionAttributeValues: {
            ':dispatch': change.dispatch,
            ':sweepFrom': change.sweepFrom,
            ':handoffId': ref.handoffId,
            ':pending': 'PENDING',
            ':expected': ref.dispatch,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async settleHandoff(s: HandoffSettlement): Promise<void> {
    const names: Record<string, string> = { '#status': 'status', '#handoffId': 'handoffId' };
    const values: Record<string, unknown> = { ':handoffId': s.handoff.handoffId };
    s.from.forEach((status, i) => {
      values[`:from${i}`] = status;
    });
    if (s.handoff.status === 'PENDING') {
      values[':pendingKey'] = keys.pending;
      values[':sweepKey'] = sweepKeyOf(s.handoff);
    }
    const sets = SETTLED_FIELDS.map((field) => {
      names[`#${field}`] = field;
      values[`:${field}`] = s.handoff[field];
      return `#${field} = :${field}`;
    });
    const appended = appendedItems(this.#table, { events: s.events, outbox: [] });
    const casePutItem = await casePut(this.#table, s.next, s.expectedVersion);
    // The settlement's events join the case's hash chain in this transaction (chain-items.ts), after the
    // head the settlement's read of the case brought (chain-head-memory.ts), read only when it brought none.
    linkChange(
      sha256,
      casePutItem,
      appended,
      await knownHeadAt(this.#db, this.#table, sha256, s.next.caseId, s.expectedVersion),
    );
    try {
      await this.#db.send(
        new TransactWriteCommand({
          TransactItems: [
            casePutItem,
            ...appended,
            {
              Update: {
                TableName: this.#table,
                Key: keys.handoff(s.handoff.caseId, s.handoff.requestedVersion),
                // In the sweepHandoffs index exactly while PENDING.
                UpdateExpression:
                  s.handoff.status === 'PENDING'
                    ? `SET ${sets.join(', ')}, pendingKey = :pendingKey, sweepKey = :sweepKey${s.handoff.sweepFrom ? ', sweepFrom = :sweepKey' : ''}`
                    : `SET ${sets.join(', ')} REMOVE pendingKey, sweepKey`,
                // The very handoff the settlement names (not another at its key), in a status it may leave.
                ConditionExpression: `#handoffId = :handoffId AND #status IN (${s.from.map((_, i) => `:from${i}`).join(', ')})`,
                ExpressionAttributeNames: names,
                ExpressionAttributeValues: values,
              },
            },
            // After the handoff's update, so the indexes the error handling reads stay put.
            ...clockUpdates(this.#table, { next: s.next, events: s.events }),
          ],
        }),
      );
    } catch (error) {
      if (cancelledFor(error, appended.length + 1, ['ConditionalCheckFailed'])) {
        throw new HandoffStatusConflict(s.handoff.handoffId, null);
      }
      // The case moved on, or (real DynamoDB only) another write to one of the items was in flight: the
      // caller reads again and retries.
      if (cancelledFor(error, 0, ['ConditionalCheckFailed']) || lostRace(error, [])) {
        throw new VersionConflictError(s.expectedVersion, undefined, false);
      }
      throw error;
    }
  }

  async recordAttempt(ref: HandoffRef, at: string, error: string | null): Promise<void> {
    await this.#db.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: keys.handoff(ref.caseId, ref.requestedVersion),
        UpdateExpression: 'ADD attempts :one SET lastAttemptAt = :at, lastError = :error',
        ConditionExpression: 'handoffId = :id',
        ExpressionAttributeValues: { ':one': 1, ':at': at, ':error': error, ':id': ref.handoffId },
      }),
    );
  }
}
