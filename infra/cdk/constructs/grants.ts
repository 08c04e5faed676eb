import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Access } from '../../../functions/catalogue.ts';
import type { CoreResources, HandoffKind } from '../stateful-stack.ts';
import { readCheckpoints, writeCheckpoints } from './audit-trail.ts';
import { publishWarnings, recordAccess, useSweepTasks } from './feature-grants.ts';
import {
  CALENDAR_PARTITION,
  CALENDAR_READ_ACTIONS,
  CALENDAR_WRITE_ACTIONS,
  CASE_ITEM_PARTITIONS,
  CASES_READ_ACTIONS,
  CASES_WRITE_ACTIONS,
  IDEMPOTENCY_ACTIONS,
  KMS_DECRYPT,
  KMS_ENCRYPT,
  POSTS_PARTITION,
  POSTS_READ_ACTIONS,
  POSTS_WRITE_ACTIONS,
  SQS_CONSUME_ACTIONS,
  SQS_KMS_SEND,
} from './grant-actions.ts';
import { usePartners, viaService } from './partner-grants.ts';
import { grantSealing } from './sealing-keys.ts';

/**
 * The bind helper: grants a function exactly what its catalogue entry's `access` lists, on the specific
 * table, index, queue, stream and secret ARNs, and sets the environment variable that names each
 * resource. KMS use is only allowed through the service that needs it (`kms:ViaService`).
 */
export class CoreGrants {
  readonly #core: CoreResources;

  constructor(core: CoreResources) {
    this.#core = core;
  }

  /**
   * Exactly what a catalogue entry's `access` lists (functions/catalogue.ts), and nothing else: each
   * grant also sets the variable its composition root parses, so a function is configured for what it
   * may touch and for nothing more. The order only fixes the order of the policy's statements.
   */
  apply(fn: lambda.Function, access: Access): void {
    if (access.cursorSecret) this.readCursorSecret(fn);
    if (access.cases === 'write') this.writeCases(fn);
    else if (access.cases === 'case-items') this.writeCaseItems(fn);
    else if (access.cases === 'read') this.readCases(fn);
    if (access.idempotency) this.useIdempotency(fn);
    if (access.caseStream) this.readCaseStream(fn);
    for (const kind of access.sendHandoffs ?? []) this.sendHandoffs(fn, kind);
    if (access.consumeHandoffs) this.consumeHandoffs(fn, access.consumeHandoffs);
    for (const kind of access.redriveDeadLetters ?? []) this.redriveDeadLetters(fn, kind);
    if (access.partners) usePartners(this.#core, fn, access.partners);
    if (access.calendar) this.useCalendar(fn, access.calendar);
    if (access.posts === 'write') this.writePosts(fn);
    else if (access.posts === 'read') this.readPosts(fn);
    if (access.publishReminders) this.publishReminders(fn);
    if (access.recordAccess) recordAccess(this.#core, fn);
    grantSealing(fn, this.#core.sealingKeys, access);
    if (access.checkpoints === 'write') writeCheckpoints(fn, this.#core.auditTrail);
    else if (access.checkpoints === 'read') readCheckpoints(fn, this.#core.auditTrail);
    if (access.sweepTasks) useSweepTasks(this.#core, fn, access.sweepTasks);
    if (access.publishWarnings) publishWarnings(this.#core, fn);
  }

  /**
   * Publish to the reminders topic, and only that topic; sets `REMINDER_TOPIC_ARN` for
   * functions/shared/reminders.ts. The topic is encrypted with the stack's key: a data key through SNS only.
   */
  publishReminders(fn: lambda.Function): void {
    fn.addEnvironment('REMINDER_TOPIC_ARN', this.#core.reminderTopic.topicArn);
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [this.#core.reminderTopic.topicArn] }),
    );
    this.#viaService(fn, 'sns', ['kms:Decrypt', 'kms:GenerateDataKey']);
  }

  /**
   * The holiday calendar years, and nothing else of the cases table: the actions are allowed only on
   * items whose partition key is `CALENDAR` (`dynamodb:LeadingKeys`), on the table itself (no index); sets
   * `TABLE_NAME`.
   */
  useCalendar(fn: lambda.Function, mode: 'read' | 'write'): void {
    this.#usePartition(fn, CALENDAR_PARTITION, [
      ...CALENDAR_READ_ACTIONS,
      ...(mode === 'write' ? CALENDAR_WRITE_ACTIONS : []),
    ]);
  }

  /** The post directory, and nothing else of the cases table (`DIRECTORY#POSTS`): read a post, put one. */
  writePosts(fn: lambda.Function): void {
    this.#usePartition(fn, POSTS_PARTITION, POSTS_WRITE_ACTIONS);
  }

  /** The post directory alone, read: a post by key, the partition a page at a time; never a case. */
  readPosts(fn: lambda.Function): void {
    this.#usePartition(fn, POSTS_PARTITION, POSTS_READ_ACTIONS);
  }

  /**
   * Everything `readCases` grants, and the writes a case transaction makes on the items of cases only
   * (`CASE_ITEM_PARTITIONS`, by leading key): a partner's callback or a reminder's acknowledgement cannot
   * overwrite the calendar, the post directory or any other item of the table.
   */
  writeCaseItems(fn: lambda.Function): void {
    this.readCases(fn);
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [...CASES_WRITE_ACTIONS],
        resources: [this.#core.casesTable.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...CASE_ITEM_PARTITIONS] } },
      }),
    );
    this.#viaService(fn, 'dynamodb', [...KMS_DECRYPT, ...KMS_ENCRYPT]);
  }

  /**
   * Actions on the items of one partition of the cases table (`dynamodb:LeadingKeys`), on the table itself
   * (no index); sets `TABLE_NAME`.
   */
  #usePartition(fn: lambda.Function, partition: string, actions: readonly string[]): void {
    fn.addEnvironment('TABLE_NAME', this.#core.casesTable.tableName);
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [...actions],
        resources: [this.#core.casesTable.tableArn],
        conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [partition] } },
      }),
    );
    const writes = actions.some((a) => a === 'dynamodb:PutItem');
    this.#viaService(fn, 'dynamodb', writes ? [...KMS_DECRYPT, ...KMS_ENCRYPT] : KMS_DECRYPT);
  }

  /**
   * GetItem, BatchGetItem and Query on the cases table and its list indexes; sets `TABLE_NAME`, which
   * the case store's composition root (functions/shared/store.ts) requires.
   */
  readCases(fn: lambda.Function): void {
    fn.addEnvironment('TABLE_NAME', this.#core.casesTable.tableName);
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: [...CASES_READ_ACTIONS], resources: this.casesTableArns() }),
    );
    this.#viaService(fn, 'dynamodb', KMS_DECRYPT);
  }

  /** Everything `readCases` grants, plus the item writes a case transaction makes (no deletes). */
  writeCases(fn: lambda.Function): void {
    this.readCases(fn);
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [...CASES_WRITE_ACTIONS],
        resources: [this.#core.casesTable.tableArn],
      }),
    );
    this.#viaService(fn, 'dynamodb', [...KMS_DECRYPT, ...KMS_ENCRYPT]);
  }

  /**
   * Read command receipts and put them inside a command's transaction (no indexes, no Query); sets
   * `IDEMPOTENCY_TABLE_NAME` for functions/shared/idempotency.ts.
   */
  useIdempotency(fn: lambda.Function): void {
    fn.addEnvironment('IDEMPOTENCY_TABLE_NAME', this.#core.idempotencyTable.tableName);
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [...IDEMPOTENCY_ACTIONS],
        resources: [this.#core.idempotencyTable.tableArn],
      }),
    );
    this.#viaService(fn, 'dynamodb', [...KMS_DECRYPT, ...KMS_ENCRYPT]);
  }

  /**
   * GetSecretValue on the cursor-signing secret; sets `CURSOR_SECRET_ARN`, which
   * functions/shared/http-deps.ts reads once at cold start.
   */
  readCursorSecret(fn: lambda.Function): void {
    fn.addEnvironment('CURSOR_SECRET_ARN', this.#core.cursorSecret.secretArn);
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        resources: [this.#core.cursorSecret.secretArn],
      }),
    );
    this.#viaService(fn, 'secretsmanager', ['kms:Decrypt']);
  }

  /**
   * `HANDOFF_QUEUES`: every handoff queue's and dead-letter queue's URL, as JSON, which
   * `functions/shared/pipeline-config.ts` parses at cold start. Names only, no access; every queue grant
   * below sets it too.
   */
  handoffQueueUrls(fn: lambda.Function): void {
    const urls: Record<string, { queueUrl: string; deadLetterUrl: string }> = {};
    for (const [kind, { queue, deadLetterQueue }] of Object.entries(this.#core.handoffQueues)) {
      urls[kind] = { queueUrl: queue.queueUrl, deadLetterUrl: deadLetterQueue.queueUrl };
    }
    fn.addEnvironment('HANDOFF_QUEUES', Stack.of(fn).toJsonString(urls));
  }

  /** SendMessage to one handoff queue (the stream relay publishing a handoff). */
  sendHandoffs(fn: lambda.Function, kind: HandoffKind): void {
    this.handoffQueueUrls(fn);
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['sqs:SendMessage'],
        resources: [this.#core.handoffQueues[kind].queue.queueArn],
      }),
    );
    this.#viaService(fn, 'sqs', SQS_KMS_SEND);
  }

  /**
   * What a consumer of one handoff queue needs: receive, delete and extend its messages (`SqsEventSource`
   * grants the same on its own), and park a poison message in that queue's dead-letter queue at once.
   */
  consumeHandoffs(fn: lambda.Function, kind: HandoffKind): void {
    this.handoffQueueUrls(fn);
    const { queue, deadLetterQueue } = this.#core.handoffQueues[kind];
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: [...SQS_CONSUME_ACTIONS], resources: [queue.queueArn] }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [deadLetterQueue.queueArn] }),
    );
    this.#viaService(fn, 'sqs', SQS_KMS_SEND);
  }

  /** SendMessage to one queue of the stateless stack (the stream relay's on-failure destination). */
  sendToQueue(fn: lambda.Function, queue: sqs.IQueue): void {
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }),
    );
    this.#viaService(fn, 'sqs', SQS_KMS_SEND);
  }

  /** Move messages from one kind's dead-letter queue back to its queue (the admin's redrive). */
  redriveDeadLetters(fn: lambda.Function, kind: HandoffKind): void {
    this.handoffQueueUrls(fn);
    const { queue, deadLetterQueue } = this.#core.handoffQueues[kind];
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
        resources: [deadLetterQueue.queueArn],
      }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }),
    );
    this.#viaService(fn, 'sqs', SQS_KMS_SEND);
  }

  /**
   * Read the cases table's stream (for a DynamoDB event source mapping). The mapping also lists streams,
   * an action IAM scopes to no resource, hence `*` for `dynamodb:ListStreams` alone.
   */
  readCaseStream(fn: lambda.Function): void {
    const streamArn = this.#core.casesTable.tableStreamArn;
    if (!streamArn) throw new Error('the cases table has no stream');
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        resources: [streamArn],
      }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:ListStreams'],
        resources: ['*'],
      }),
    );
    this.#viaService(fn, 'dynamodb', KMS_DECRYPT);
  }

  /** The cases table and each of its indexes, by name (no `index/*`). */
  casesTableArns(): string[] {
    const { casesTable, casesTableDesign } = this.#core;
    return [
      casesTable.tableArn,
      ...casesTableDesign.indexes.map((index) => `${casesTable.tableArn}/index/${index.indexName}`),
    ];
  }

  #viaService(fn: lambda.Function, service: string, actions: string[]): void {
    viaService(this.#core.key, fn, service, actions);
  }
}
