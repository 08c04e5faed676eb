import { keys } from '../../../functions/adapters/dynamodb/table-design.ts';

/** The IAM actions each kind of access is granted (grants.ts applies them): least privilege, in one place. */

/** What a reader may do with the cases table: point reads and key/index queries, never Scan. */
export const CASES_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;
/**
 * What a writer adds: `TransactWriteItems` is authorised per item as PutItem / UpdateItem /
 * ConditionCheckItem; nothing in the repository deletes.
 */
export const CASES_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:ConditionCheckItem',
] as const;
/**
 * What the idempotent handlers do with command receipts: read one back, and put one inside the command's
 * TransactWriteItems (authorised per item as PutItem). Receipts are never updated or deleted (TTL expires
 * them).
 */
export const IDEMPOTENCY_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem'] as const;
/** What the calendar routes do with the admin-loaded years: read one or all of them, put one whole. */
export const CALENDAR_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query'] as const;
export const CALENDAR_WRITE_ACTIONS = ['dynamodb:PutItem'] as const;
/** The cases table's partition that holds the calendar years (keys.calendarPartition). */
export const CALENDAR_PARTITION = keys.calendarPartition;
/** What `PUT /posts/{postId}` does with the post directory's partition (keys.directoryPost). */
export const POSTS_WRITE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem'] as const;
/** What `GET /posts` does with it: a post by key, a page of the partition. */
export const POSTS_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query'] as const;
/**
 * The partitions a `case-items` writer may write (`ForAllValues:StringLike` on `dynamodb:LeadingKeys`):
 * a case's own items (case, events, handoffs, clocks, reminders: keys.case and its kin) and the per-post
 * case-number counters (keys.counter), and an employer's partition (keys.employer: its signals, state and
 * warnings), which a bureau's `monitoring.signal` callback writes, and a partner-opened case's duplicate
 * markers (`DUPKEY#…`) and review pairs (`DUPLICATES#…`, domain/sealing/duplicates.ts). A new kind of item
 * such a function writes is added here, on purpose.
 */
export const CASE_ITEM_PARTITIONS = [
  'CASE#*',
  'COUNTER#*',
  'EMPLOYER#*',
  'DUPKEY#*',
  'DUPLICATES#*',
] as const;
export const POSTS_PARTITION = keys.directoryPost('').PK;

/** What an SQS event source mapping or a polling consumer does with one queue. */
export const SQS_CONSUME_ACTIONS = [
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:ChangeMessageVisibility',
  'sqs:GetQueueAttributes',
] as const;

export const KMS_DECRYPT = ['kms:Decrypt', 'kms:DescribeKey'];
export const KMS_ENCRYPT = ['kms:Encrypt', 'kms:GenerateDataKey'];
/** SSE-KMS queues: a sender needs a data key, a receiver decrypts it. */
export const SQS_KMS_SEND = ['kms:Decrypt', 'kms:GenerateDataKey'];
