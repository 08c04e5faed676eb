import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { addDays } from '../../domain/clocks/legal-time.ts';
import type { ReminderPlan } from '../../domain/clocks/model.ts';
import { remindAt } from '../../domain/reminders/model.ts';
import { dueKeys, NO_STAGE, shardOf } from '../../functions/adapters/dynamodb/clock-items.ts';
import { keys } from '../../functions/adapters/dynamodb/table-design.ts';

/**
 * Running clock items written straight into a cases table (BatchWriteItem, 25 a call, several in flight),
 * as the case repository would have left them: `due` of them wait in today's partitions, the others in
 * the partitions of later days. For the sweep's read tests and the bench, where filing 100,000 cases
 * through the use cases would take minutes.
 */
export async function seedRunningClocks(
  doc: DynamoDBDocumentClient,
  tableName: string,
  options: {
    readonly today: string;
    readonly due: number;
    readonly later: number;
    readonly postId?: string;
    /** Write the clocks that are not due with their keys only (faster; the bench's 100,000). */
    readonly lean?: boolean;
    /** The due clocks' case ids (default: random), e.g. ids chosen to fall in one shard. */
    readonly caseIds?: readonly string[];
    /** Index the due clocks under this many shards (default: the count clocks are written under now). */
    readonly shards?: number;
  },
): Promise<{ dueCaseIds: string[] }> {
  const items: Record<string, unknown>[] = [];
  const dueCaseIds: string[] = [];
  const total = options.due + options.later;
  for (let i = 0; i < total; i++) {
    const isDue = i < options.due;
    const caseId = (isDue ? options.caseIds?.[i] : undefined) ?? randomUUID();
    // Due: the first reminder is today. Later: it falls 1 to 60 days from now.
    const first = isDue ? options.today : addDays(options.today, 1 + (i % 60));
    const dueOn = addDays(first, 4);
    const plan: ReminderPlan[] = [
      { stage: 'DUE_IN_3_WORKING_DAYS', on: first },
      { stage: 'DUE_IN_1_WORKING_DAY', on: addDays(first, 2) },
      { stage: 'DUE_TODAY', on: dueOn },
      { stage: 'OVERDUE', on: addDays(dueOn, 1) },
    ];
    const clockId = 'MEDIATION-1';
    if (isDue) dueCaseIds.push(caseId);
    const position = dueKeys(caseId, clockId, { on: first, at: remindAt(first) });
    if (options.shards !== undefined) position.dueKey = keys.due(first, shardOf(caseId, options.shards));
    if (!isDue && options.lean) {
      // What the sweep never reads need not be whole: keys, the index keys and the stage.
      items.push({
        ...keys.clock(caseId, clockId),
        caseId,
        status: 'RUNNING',
        stageReached: NO_STAGE,
        ...position,
      });
      continue;
    }
    items.push({
      ...keys.clock(caseId, clockId),
      itemType: 'CLOCK',
      caseId,
      caseNumber: `QD-SN-01-2026-${String(i).padStart(6, '0')}`,
      postId: options.postId ?? 'QD-SN-01',
      clockId,
      clock: 'MEDIATION',
      basis: 'LDMAL art. 14',
      unit: 'CALENDAR_DAYS',
      startedOn: addDays(first, -11),
      dueOn,
      dueAt: new Date(Date.parse(remindAt(addDays(dueOn, 1))) - 1).toISOString(),
      status: 'RUNNING',
      provisional: false,
      reminders: plan,
      updatedVersion: 1,
      stageReached: NO_STAGE,
      ...position,
    });
  }
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let pending = (batches[next++] ?? []).map((Item) => ({ PutRequest: { Item } }));
      while (pending.length > 0) {
        const out = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return { dueCaseIds };
}

/**
 * Counts what a document client's Queries read: items examined (`ScannedCount`) and read capacity
 * (`ConsumedCapacity`, asked for on every Query it sends), by index.
 */
export function countQueryReads(doc: DynamoDBDocumentClient) {
  const counts = { scanned: 0, capacity: 0, queries: 0, byIndex: new Map<string, number>() };
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      const isQuery = context.commandName === 'QueryCommand';
      if (isQuery) input.ReturnConsumedCapacity = 'TOTAL';
      const out = await next(args);
      if (isQuery) {
        const output = out.output as { ScannedCount?: number; ConsumedCapacity?: { CapacityUnits?: number } };
        const index = String(input.IndexName ?? 'table');
        counts.queries++;
        counts.scanned += output.ScannedCount ?? 0;
        counts.capacity += output.ConsumedCapacity?.CapacityUnits ?? 0;
        counts.byIndex.set(index, (counts.byIndex.get(index) ?? 0) + (output.ScannedCount ?? 0));
      }
      return out;
    },
    { step: 'initialize', name: 'countQueryReads' },
  );
  return counts;
}
