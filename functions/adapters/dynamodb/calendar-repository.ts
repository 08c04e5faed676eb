import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CalendarYears, StoredCalendarYear } from '../../../domain/clocks/calendar.ts';
import { keys } from './table-design.ts';

/** A partition of a few dozen small items at most; a bound, not a page size the API exposes. */
const MAX_PAGES = 10;

const yearOf = (item: Record<string, unknown>): StoredCalendarYear => ({
  year: Number(item.year),
  restDays: (item.restDays as string[] | undefined) ?? [],
  workingDays: (item.workingDays as string[] | undefined) ?? [],
  updatedAt: String(item.updatedAt),
  updatedBy: String(item.updatedBy),
});

/**
 * The holiday calendar years admins loaded, in the cases table: one item per year under the `CALENDAR`
 * partition (`YEAR#2026`). A read of one year is a GetItem; the layered calendar reads them all with one
 * Query on that partition (never a Scan). A load replaces the year's item whole, so repeating it changes
 * nothing.
 */
export class DynamoCalendarYears implements CalendarYears {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, tableName: string) {
    this.#db = db;
    this.#table = tableName;
  }

  async get(year: number): Promise<StoredCalendarYear | null> {
    const out = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: keys.calendarYear(year), ConsistentRead: true }),
    );
    return out.Item ? yearOf(out.Item) : null;
  }

  async put(year: StoredCalendarYear): Promise<void> {
    // Lists are stored as lists (not string sets): DynamoDB has no empty set, and a year may have no
    // make-up working days.
    await this.#db.send(
      new PutCommand({
        TableName: this.#table,
        Item: {
          ...keys.calendarYear(year.year),
          itemType: 'CALENDAR_YEAR',
          year: year.year,
          restDays: [...year.restDays],
          workingDays: [...year.workingDays],
          updatedAt: year.updatedAt,
          updatedBy: year.updatedBy,
        },
      }),
    );
  }

  async all(): Promise<StoredCalendarYear[]> {
    const years: StoredCalendarYear[] = [];
    let start: Record<string, unknown> | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const out = await this.#db.send(
        new QueryCommand({
          TableName: this.#table,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': keys.calendarPartition },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      years.push(...(out.Items ?? []).map(yearOf));
      start = out.LastEvaluatedKey;
      if (!start) break;
    }
    return years;
  }
}
