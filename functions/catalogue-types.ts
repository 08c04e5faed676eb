import type { DestinationKind } from '../domain/shared/destinations.ts';

/** The shapes of the function catalogue (functions/catalogue.ts): triggers, access, entries. */

export type HttpMethod = 'GET' | 'POST' | 'PUT';

export type Trigger =
  | {
      readonly kind: 'http';
      readonly method: HttpMethod;
      readonly path: string;
      readonly summary: string;
      /** Why the route needs no token; absent for every route behind the JWT authorizer. */
      readonly publicBecause?: string;
    }
  /** Drains one handoff queue (batch size and visibility from the queue design). */
  | { readonly kind: 'queue'; readonly queue: DestinationKind; readonly batchSize: number }
  /** Reads the cases table's stream, filtered. */
  | {
      readonly kind: 'stream';
      readonly batchSize: number;
      readonly filter: Readonly<Record<string, unknown>>;
      readonly bounds: { readonly maxRecordAgeSeconds: number; readonly retryAttempts: number };
    }
  | { readonly kind: 'schedule'; readonly everyMinutes: number }
  /** Drains the reminder sweep's queue of shard tasks, at most `maximumConcurrency` invocations at once. */
  | { readonly kind: 'sweepTasks'; readonly batchSize: number; readonly maximumConcurrency: number };

/** What a function may touch; the CDK grants exactly this and sets the variables that name it. */
export interface Access {
  /**
   * The cases table and its indexes: point reads and queries, or those and transactional writes; or
   * `case-items`: those reads, and writes only to the partitions of cases (`CASE#…`, and `COUNTER#…` for
   * case numbers), never the calendar, the post directory or any other kind of item (an IAM leading-key
   * condition) — for the functions a partner or a reminder reaches.
   */
  readonly cases?: 'read' | 'write' | 'case-items';
  /** The cursor-signing secret (functions that page lists with signed cursors). */
  readonly cursorSecret?: boolean;
  /** The Idempotency-Key records. */
  readonly idempotency?: boolean;
  /** The cases table's stream. */
  readonly caseStream?: boolean;
  /** SendMessage to these handoff queues. */
  readonly sendHandoffs?: readonly DestinationKind[];
  /** Receive and delete on this handoff queue, and park poison messages in its dead-letter queue. */
  readonly consumeHandoffs?: DestinationKind;
  /** Move messages from these kinds' dead-letter queues back to their queues. */
  readonly redriveDeadLetters?: readonly DestinationKind[];
  /** The partner table: `find` one partner with its secrets (GetItem), or `list` kind/id/name (its index). */
  readonly partners?: 'find' | 'list';
  /**
   * The holiday calendar years admins load, and only those: the cases table's `CALENDAR` partition (an
   * IAM leading-key condition), read by GetItem / Query, or those and PutItem.
   */
  readonly calendar?: 'read' | 'write';
  /**
   * The post directory, and only it (the cases table's `DIRECTORY#POSTS` partition): read and list posts,
   * or those and put one.
   */
  readonly posts?: 'read' | 'write';
  /**
   * Append access records (domain/audit): PutItem and BatchWriteItem on the cases table's `ACCESS#…`
   * partitions only (an IAM leading-key condition).
   */
  readonly recordAccess?: boolean;
  /**
   * The hash-chain checkpoints (infra/cdk/constructs/audit-trail.ts): `read` them from the Object Lock
   * bucket, or `write` them there and sign them with the checkpoint signing key.
   */
  readonly checkpoints?: 'read' | 'write';
  /**
   * Sealed ID numbers and phones (functions/shared/sealing.ts): every function with `cases: 'write'` seals
   * (kms:GenerateDataKey on the sealing key); `open` also unwraps stored data keys (kms:Decrypt) — the
   * reveal route and the partner consumers, whose packages carry the parties in full.
   */
  readonly sealing?: 'open';
  /**
   * Opens cases without `cases: 'write'` and checks them for duplicate filings (domain/sealing/duplicates.ts):
   * the duplicate HMAC key (kms:GenerateMac) — the partner callback's openings.
   */
  readonly findsDuplicates?: boolean;
  /** Publish to the reminders topic (and nothing else of SNS). */
  readonly publishReminders?: boolean;
  /**
   * The sweep's queue of shard tasks: `send` them (the planner), or `consume` them and send a task on when
   * a sweep stops for time (the worker).
   */
  readonly sweepTasks?: 'send' | 'consume';
  /** Publish to the warnings topic (and nothing else of SNS). */
  readonly publishWarnings?: boolean;
}

export interface FunctionEntry {
  /** Deployed as `ldm-<stage>-<name>`; the alarms' stem. */
  readonly name: string;
  /** The CDK construct id; kept stable, since a new id replaces the deployed function. */
  readonly id: string;
  /** The handler module, relative to the repository root, exporting `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly trigger: Trigger;
  readonly timeoutSeconds: number;
  readonly access: Access;
}
