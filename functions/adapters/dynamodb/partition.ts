import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, PartitionPage } from '../../../domain/shared/page.ts';
import { type CursorCodec, type CursorSource, codecOf } from '../cursor.ts';
import { strip } from './items.ts';
import { keys } from './table-design.ts';

/** Where a cursor-less read stops: a case's record beyond this many items is not read whole. */
const MAX_PAGES = 50;
const PAGE_ITEMS = 100;

/**
 * Reads one kind of item in a case's partition (events, handoffs), oldest first, consistently; with
 * `untilVersion`, only the items of versions up to it (their sort keys start with the padded version).
 */
export class CasePartition {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #cursors: CursorSource | null;

  constructor(db: DynamoDBDocumentClient, tableName: string, cursors: CursorSource | null) {
    this.#db = db;
    this.#table = tableName;
    this.#cursors = cursors;
  }

  /** One page, with a signed cursor for the next (the API's lists). */
  async page<T>(caseId: string, prefix: string, scopeName: string, page: PartitionPage): Promise<Page<T>> {
    const until = page.untilVersion;
    const scope = `${scopeName}:${caseId}${until === undefined ? '' : `:${until}`}`;
    const start = page.cursor ? (await this.#codec()).decode(page.cursor, scope) : undefined;
    const out = await this.#query(caseId, prefix, until, page.limit, start);
    return {
      items: out.items.map((item) => strip<T>(item)),
      nextCursor: out.last ? (await this.#codec()).encode(out.last, scope) : null,
    };
  }

  /** Every item up to a version, following the pages itself (internal reads need no cursor secret). */
  async all<T>(caseId: string, prefix: string, untilVersion?: number): Promise<T[]> {
    const items: T[] = [];
    let start: Record<string, unknown> | undefined;
    for (let n = 0; n < MAX_PAGES; n++) {
      const out = await this.#query(caseId, prefix, untilVersion, PAGE_ITEMS, start);
      items.push(...out.items.map((item) => strip<T>(item)));
      if (!out.last) break;
      start = out.last;
    }
    return items;
  }

  async #query(
    caseId: string,
    prefix: string,
    until: number | undefined,
    limit: number,
    start: Record<string, unknown> | undefined,
  ) {
    const out = await this.#db.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression:
          until === undefined
            ? 'PK = :pk AND begins_with(SK, :prefix)'
            : 'PK = :pk AND SK BETWEEN :prefix AND :last',
        ExpressionAttributeValues: {
          ':pk': keys.case(caseId).PK,
          ':prefix': prefix,
          // '~' sorts after the digits and '#' that follow a version in these keys.
          ...(until === undefined ? {} : { ':last': `${prefix}${String(until).padStart(10, '0')}~` }),
        },
        ScanIndexForward: true,
        Limit: limit,
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    return { items: out.Items ?? [], last: out.LastEvaluatedKey };
  }

  async #codec(): Promise<CursorCodec> {
    if (!this.#cursors) throw new Error('this function pages with cursors but was given no cursor secret');
    return codecOf(this.#cursors);
  }
}
