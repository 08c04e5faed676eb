/**
 * The one description of the DynamoDB tables: keys, indexes, stream and TTL. The repository, the local
 * stack (which creates the tables in DynamoDB Local) and the CDK stack all read it from here. The key
 * builders of the items and index partitions are in table-keys.ts, re-exported here.
 */

export { keys } from './table-keys.ts';

export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N';
}

export interface IndexDesign {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  /** Attributes copied into the index besides the keys; never personal data. */
  readonly nonKeyAttributes: readonly string[];
}

export interface TableDesign {
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly indexes: readonly IndexDesign[];
  readonly stream?: 'NEW_IMAGE' | 'NEW_AND_OLD_IMAGES';
  readonly timeToLiveAttribute?: string;
}

/** What a case list shows. Worker names, ID numbers and phones stay out of the indexes. */
export const CASE_SUMMARY_ATTRIBUTES = [
  'caseId',
  'caseNumber',
  'postId',
  'origin',
  'status',
  'version',
  'createdAt',
  'updatedAt',
  'mediationDueAt',
  'mediatorId',
  'collective',
  'newEmploymentForm',
  'claimedFen',
  'employerName',
  'workerCount',
] as const;

/**
 * What the sweep reads of a clock waiting in the due index: enough to raise its reminder, no personal data,
 * and no more (DynamoDB allows 100 projected attributes across all indexes). The case and clock ids are in
 * the sort key (`<instant>#<caseId>#<clockId>`), and a clock in the index is RUNNING (it is sparse).
 */
export const DUE_CLOCK_ATTRIBUTES = [
  'caseNumber',
  'postId',
  'clock',
  'dueOn',
  'reminders',
  'stageReached',
  'updatedVersion',
] as const;

/** A reminder as a desk list shows it (it holds no personal data). */
export const REMINDER_ATTRIBUTES = [
  'reminderId',
  'caseId',
  'caseNumber',
  'postId',
  'clockId',
  'clock',
  'dueOn',
  'stage',
  'severity',
  'escalated',
  'raisedAt',
  'status',
  'acknowledgedBy',
  'acknowledgedAt',
] as const;

/**
 * What the reminder indexes project: a reminder as a desk list shows it, less what its keys say (the case
 * from `PK`, the clock and stage from `SK`, and the id made of the three).
 */
export const REMINDER_INDEX_ATTRIBUTES: readonly string[] = REMINDER_ATTRIBUTES.filter(
  (name) => !['reminderId', 'caseId', 'clockId', 'stage'].includes(name),
);

/**
 * Partitions per day of the due index, every count it has had, oldest first. One day's deadlines cluster
 * after holidays (Civil Code art. 203): up to 700,000 on one date, which 64 shards make ≈ 11,000 a
 * partition (docs/performance.md, the national peak). A clock is written under the last count; the sweep
 * reads shards 0 … largest − 1, which holds every shard written under an earlier, smaller count (FNV-1a
 * mod 16 is below 16), so growing the count loses no deadline already indexed. Never shrink it.
 */
export const DUE_SHARD_COUNTS: readonly number[] = [16, 64];
/** Partitions of the reminders' outbox (table-keys.ts `unpublished`); the republish reads them all. */
export const UNPUBLISHED_SHARDS = 16;
/** The shard count clocks are written under now. */
export const DUE_SHARDS = DUE_SHARD_COUNTS.at(-1) as number;
/** The shards the sweep reads a date's clocks from: every shard any count ever wrote. */
export const DUE_SHARDS_READ = Math.max(...DUE_SHARD_COUNTS);

/**
 * Single table: the case item (`CASE#id` / `CASE`), its events (`CASE#id` / `EVENT#version#seq`), its
 * handoff outbox records (`CASE#id` / `HANDOFF#version`, in the case's partition so the stream keeps
 * their order), the per-post yearly case-number counters (`COUNTER#post#year` / `COUNTER`) and the
 * holiday calendar years an admin loaded (`CALENDAR` / `YEAR#2026`); a clock item per statutory clock
 * (`CASE#id` / `CLOCK#clockId`) and the reminders raised for it (`CASE#id` / `REMINDER#clockId#stage`), and
 * the reminder sweep's checkpoint (`SWEEP#REMINDERS` / `CHECKPOINT`).
 */
export const CASES_TABLE: TableDesign = {
  partitionKey: { name: 'PK', type: 'S' },
  sortKey: { name: 'SK', type: 'S' },
  indexes: [
    {
      indexName: 'byPostStatus',
      partitionKey: { name: 'postStatusKey', type: 'S' },
      sortKey: { name: 'listKey', type: 'S' },
      nonKeyAttributes: CASE_SUMMARY_ATTRIBUTES,
    },
    {
      // The mediator's desk: a post's cases with a running clock by their next deadline. Sparse: a case
      // carries `deskKey` only while one of its clocks runs.
      indexName: 'byPostDue',
      partitionKey: { name: 'deskKey', type: 'S' },
      sortKey: { name: 'deskSortKey', type: 'S' },
      nonKeyAttributes: [...CASE_SUMMARY_ATTRIBUTES, 'nextDueAt'],
    },
    {
      indexName: 'byPost',
      partitionKey: { name: 'postKey', type: 'S' },
      sortKey: { name: 'listKey', type: 'S' },
      nonKeyAttributes: CASE_SUMMARY_ATTRIBUTES,
    },
    {
      // Finds a case by its number (`GET /cases?number=`). Keyed on the `caseNumber` every case item has
      // carried since the first, so cases filed before the index existed are found without a backfill; the
      // sort key `listKey` only case items carry keeps the clocks and reminders (which repeat the number)
      // out of it. It projects the case id alone: the case is then read by key (current, not eventually
      // consistent), and the projections of all indexes together stay within DynamoDB's 100 attributes.
      indexName: 'byNumber',
      partitionKey: { name: 'caseNumber', type: 'S' },
      sortKey: { name: 'listKey', type: 'S' },
      nonKeyAttributes: ['caseId'],
    },
    {
      // Finds a handoff by its id alone (the admin's retry); only handoff items carry `handoffKey`.
      indexName: 'byHandoff',
      partitionKey: { name: 'handoffKey', type: 'S' },
      sortKey: { name: 'SK', type: 'S' },
      nonKeyAttributes: ['caseId', 'requestedVersion'],
    },
    {
      // Handoffs still PENDING by where the sweeper's stale clock starts (the request, or the end of a
      // re-dispatch's back-off), for the sweeper; a handoff leaves it when it settles.
      indexName: 'sweepHandoffs',
      partitionKey: { name: 'pendingKey', type: 'S' },
      sortKey: { name: 'sweepKey', type: 'S' },
      nonKeyAttributes: ['caseId', 'handoffId', 'requestedVersion', 'dispatch', 'lastAttemptAt'],
    },
    {
      // Running clocks by the date and instant their next reminder is due, sharded: `DUE#<date>#<shard>` /
      // `<instant>#<caseId>#<clockId>`. Sparse: a clock leaves it when it stops, is met or has expired.
      indexName: 'dueClocks',
      partitionKey: { name: 'dueKey', type: 'S' },
      sortKey: { name: 'remindKey', type: 'S' },
      nonKeyAttributes: DUE_CLOCK_ATTRIBUTES,
    },
    {
      // Running clocks computed without a year's holiday data, by the year of their last day.
      indexName: 'provisionalClocks',
      partitionKey: { name: 'provisionalKey', type: 'S' },
      sortKey: { name: 'PK', type: 'S' },
      nonKeyAttributes: ['caseId', 'clockId'],
    },
    {
      // A post's reminders of one status, newest first: every one (supervisors, admins).
      indexName: 'postReminders',
      partitionKey: { name: 'reminderKey', type: 'S' },
      sortKey: { name: 'raisedKey', type: 'S' },
      nonKeyAttributes: REMINDER_INDEX_ATTRIBUTES,
    },
    {
      // The same without the escalations of overdue clocks: a mediator's desk list.
      indexName: 'mediatorReminders',
      partitionKey: { name: 'mediatorReminderKey', type: 'S' },
      sortKey: { name: 'raisedKey', type: 'S' },
      nonKeyAttributes: REMINDER_INDEX_ATTRIBUTES,
    },
    {
      // Reminders raised but not yet published: the outbox the sweep retries. Few items at rest, but every
      // reminder is written in and out, so it is spread over UNPUBLISHED_SHARDS partitions by case.
      indexName: 'unpublishedReminders',
      partitionKey: { name: 'unpublishedKey', type: 'S' },
      sortKey: { name: 'raisedAt', type: 'S' },
      nonKeyAttributes: ['reminderId'],
    },
    {
      // Open early warnings of one district at one level, by their next deadline (overdue first):
      // `WARNINGS#<district>#<level>` / `<due>#<warningId>`. Sparse: a warning leaves it when disposed,
      // closed or suppressed. The warning is then read by key (BatchGetItem).
      indexName: 'openWarnings',
      partitionKey: { name: 'warningKey', type: 'S' },
      sortKey: { name: 'warningDueKey', type: 'S' },
      nonKeyAttributes: ['status'],
    },
    {
      // Cases whose hash chain changed since the last checkpoint (chain-items.ts), by when, over 8 shards
      // (`CHAIN#<shard>`). Sparse: the checkpoint removes the keys of the heads it took.
      indexName: 'changedChains',
      partitionKey: { name: 'chainKey', type: 'S' },
      sortKey: { name: 'chainSortKey', type: 'S' },
      nonKeyAttributes: ['caseId', 'version', 'chainHead'],
    },
  ],
  stream: 'NEW_AND_OLD_IMAGES',
  timeToLiveAttribute: 'expiresAt',
};

/** An index of a table design by name; a missing one is a programming error, caught at cold start. */
export function indexNamed(design: TableDesign, indexName: string): IndexDesign {
  const index = design.indexes.find((i) => i.indexName === indexName);
  if (!index) throw new Error(`table design lacks the ${indexName} index`);
  return index;
}

/** Command receipts for Idempotency-Key retries (`id`, TTL on `expiration`); see functions/http/idempotency.ts. */
export const IDEMPOTENCY_TABLE: TableDesign = {
  partitionKey: { name: 'id', type: 'S' },
  indexes: [],
  timeToLiveAttribute: 'expiration',
};
