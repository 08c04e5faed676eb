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
  | { readonly kind: 'schedule'; readonly everyMinutes: number };

/** What a function may touch; the CDK grants exactly this and sets the variables that name it. */
export interface Access {
  /** The cases table and its indexes: point reads and queries, or those and transactional writes. */
  readonly cases?: 'read' | 'write';
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
  /** Puts union posts in the directory, and only those: the cases table's `DIRECTORY#POSTS` partition. */
  readonly posts?: 'write';
  /** Publish to the reminders topic (and nothing else of SNS). */
  readonly publishReminders?: boolean;
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
