import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type Case, type CaseEvent, type CaseSummary, isTerminal } from '../../../domain/case/model.ts';
import type { CaseChange, CommandReceipt } from '../../../domain/case/ports.ts';
import { nextDue } from '../../../domain/clocks/clock.ts';
import type { HandoffRecord } from '../../../domain/handoffs/model.ts';
import { sealCase, withSealed } from './sealed-items.ts';
import { CASE_SUMMARY_ATTRIBUTES, keys } from './table-design.ts';

/**
 * Item codecs: how cases, events and handoff records become DynamoDB items (keys, index keys, projected
 * summary fields) and back. The repositories and the stream decoder share them.
 */

const STORAGE_ATTRIBUTES = [
  'PK',
  'SK',
  'itemType',
  'postKey',
  'postStatusKey',
  'listKey',
  'employerName',
  'workerCount',
  'handoffKey',
  'pendingKey',
  'sweepKey',
  'dueKey',
  'deskKey',
  'deskSortKey',
  'nextDueAt',
  'remindKey',
  'provisionalKey',
  'reminderKey',
  'mediatorReminderKey',
  'raisedKey',
  'unpublishedKey',
  'sealed',
];

/**
 * The domain object an item holds, without its storage attributes; a case's sealed values ride along
 * unseen (sealed-items.ts), so its next write keeps them.
 */
export function strip<T>(item: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...item };
  for (const name of STORAGE_ATTRIBUTES) delete out[name];
  return withSealed(out as T, item.sealed);
}

/**
 * The case as stored: the domain object with its ID numbers and phones masked and sealed beside
 * (sealed-items.ts), plus its index keys and the projected summary fields.
 */
export async function caseItem(clear: Case): Promise<Record<string, unknown>> {
  const { masked: c, sealed } = await sealCase(clear);
  return {
    ...keys.case(c.caseId),
    itemType: 'CASE',
    ...c,
    ...(Object.keys(sealed.fields).length > 0 ? { sealed } : {}),
    postKey: keys.post(c.postId),
    postStatusKey: keys.postStatus(c.postId, c.status),
    listKey: keys.list(c.createdAt, c.caseId),
    employerName: c.employer.name,
    workerCount: c.workers.length,
    ...deskKeys(c),
  };
}

/**
 * The desk index's keys while a clock runs (`byPostDue`); none otherwise, so the index stays sparse and a
 * closed or withdrawn case leaves it (its clocks stop when it closes; this holds even if one did not).
 */
function deskKeys(c: Case): Record<string, string> {
  if (isTerminal(c.status)) return {};
  const nextDueAt = nextDue(c.clocks);
  if (!nextDueAt) return {};
  return { nextDueAt, deskKey: keys.post(c.postId), deskSortKey: `${nextDueAt}#${c.caseId}` };
}

/** A list index item as the list shows it: the summary attributes only. */
export function summaryOf(item: Record<string, unknown>): CaseSummary {
  const summary: Record<string, unknown> = {};
  for (const name of CASE_SUMMARY_ATTRIBUTES) summary[name] = item[name];
  if (typeof item.nextDueAt === 'string') summary.nextDueAt = item.nextDueAt;
  return summary as CaseSummary;
}

export function eventItem(e: CaseEvent): Record<string, unknown> {
  return { ...keys.event(e.caseId, e.version, e.seq), itemType: 'EVENT', ...e };
}

/**
 * The outbox record of a handoff, in its case's partition (so the stream keeps a case's handoffs in
 * order); `handoffKey` puts it in the byHandoff index, `pendingKey` and `sweepKey` in sweepHandoffs while
 * PENDING.
 */
export function handoffItem(h: HandoffRecord): Record<string, unknown> {
  return {
    ...keys.handoff(h.caseId, h.requestedVersion),
    itemType: 'HANDOFF',
    handoffKey: h.handoffId,
    ...(h.status === 'PENDING' ? { pendingKey: keys.pending, sweepKey: sweepKeyOf(h) } : {}),
    ...h,
  };
}

/** Where a pending handoff sorts for the sweeper: its back-off's end, or its request. */
export const sweepKeyOf = (h: HandoffRecord) => h.sweepFrom ?? h.requestedAt;

type Put = { Put: { TableName: string; Item: Record<string, unknown>; ConditionExpression: string } };

/** The new items of a change: its events and the outbox records they request, each written once. */
export function appendedItems(tableName: string, change: Omit<CaseChange, 'next'>): Put[] {
  const put = (Item: Record<string, unknown>): Put => ({
    Put: { TableName: tableName, Item, ConditionExpression: 'attribute_not_exists(PK)' },
  });
  return [...change.events.map((e) => put(eventItem(e))), ...change.outbox.map((h) => put(handoffItem(h)))];
}

/** The case put of a transaction, guarded by the version it replaces (or by not existing yet). */
export async function casePut(tableName: string, c: Case, expectedVersion: number | null) {
  return {
    Put: {
      TableName: tableName,
      Item: await caseItem(c),
      ...(expectedVersion === null
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : {
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': expectedVersion },
          }),
    },
  };
}

/** Whether a transaction was cancelled because item `index` failed with one of `codes`. */
export const cancelledFor = (error: unknown, index: number, codes: readonly string[]) =>
  error instanceof TransactionCanceledException &&
  codes.includes(error.CancellationReasons?.[index]?.Code ?? '');

/**
 * Whether a transaction lost a race: a condition failed, or (real DynamoDB only) another transaction on
 * one of its items was in flight.
 */
export const lostRace = (error: unknown, codes: readonly string[] = ['ConditionalCheckFailed']) =>
  error instanceof TransactionCanceledException &&
  (error.CancellationReasons?.some((r) => [...codes, 'TransactionConflict'].includes(r.Code ?? '')) ?? false);

/**
 * A command's receipt in the idempotency table (`id`, TTL on `expiration`), written in the change's
 * transaction: only if no live receipt holds the id (an expired one, not yet swept by TTL, may be replaced).
 */
export function receiptPut(tableName: string, receipt: CommandReceipt, nowSeconds: number) {
  return {
    Put: {
      TableName: tableName,
      Item: {
        id: receipt.id,
        fingerprint: receipt.fingerprint,
        result: receipt.result,
        expiration: receipt.expiresAt,
      },
      ConditionExpression: 'attribute_not_exists(id) OR expiration < :now',
      ExpressionAttributeValues: { ':now': nowSeconds },
    },
  };
}
