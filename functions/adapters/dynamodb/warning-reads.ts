import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from '../../../domain/shared/page.ts';
import { creditCodeOfWarning } from '../../../domain/warnings/ingest.ts';
import type { Signal, Warning } from '../../../domain/warnings/model.ts';
import type { EmployerPartition, EmployerState, WarningListQuery } from '../../../domain/warnings/ports.ts';
import type { CursorCodec, CursorSource } from '../cursor.ts';
import { cursorsOf, getAll, queryIndex } from './paged-query.ts';
import { CASES_TABLE, indexNamed, keys } from './table-design.ts';

const BY_POST = indexNamed(CASES_TABLE, 'byPost');
const OPEN = indexNamed(CASES_TABLE, 'openWarnings');
const STORAGE = ['PK', 'SK', 'itemType', 'postKey', 'listKey', 'warningKey', 'warningDueKey'];

function strip<T>(item: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...item };
  for (const name of STORAGE) delete out[name];
  return out as T;
}

/** A warning's sequence within its employer's partition, from its id (after the credit code). */
export const sequenceOf = (warningId: string) => Number(warningId.slice(19));

/**
 * The warnings' reads on the cases table (table-design.ts `keys.employer`…): an employer's partition by
 * key and by one Query of its signals; lists through the byPost and openWarnings indexes, then the items
 * by key. The writes are DynamoWarningStore's (warning-repository.ts).
 */
export class DynamoWarningReads {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #codec: () => Promise<CursorCodec>;

  constructor(db: DynamoDBDocumentClient, tableName: string, cursors: CursorSource | null) {
    this.#db = db;
    this.#table = tableName;
    this.#codec = cursorsOf(cursors, 'warnings');
  }

  async employer(creditCode: string, since: string): Promise<EmployerPartition> {
    // SIGNAL#… < STATE < WARNING#…: one range from the window's first day to the last warning.
    const items = await this.#range(creditCode, `${keys.signalPrefix}${since}`, 'WARNING#~');
    const signals: Signal[] = [];
    const warnings: Warning[] = [];
    let state: EmployerState | null = null;
    for (const item of items) {
      const sk = String(item.SK);
      if (sk.startsWith(keys.signalPrefix)) signals.push(strip<Signal>(item));
      else if (sk === 'STATE') state = strip<EmployerState>(item);
      else if (sk.startsWith('WARNING#')) warnings.push(strip<Warning>(item));
    }
    return { state, signals, warnings };
  }

  async #range(creditCode: string, from: string, to: string): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.#db.send(
        new QueryCommand({
          TableName: this.#table,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': keys.employer(creditCode), ':from': from, ':to': to },
          ConsistentRead: true,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      out.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async signalsSince(creditCode: string, since: string): Promise<Signal[]> {
    const items = await this.#range(creditCode, `${keys.signalPrefix}${since}`, `${keys.signalPrefix}~`);
    return items.map((item) => strip<Signal>(item));
  }

  async state(creditCode: string): Promise<EmployerState | null> {
    const out = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: keys.employerState(creditCode), ConsistentRead: true }),
    );
    return out.Item ? strip<EmployerState>(out.Item) : null;
  }

  async get(warningId: string): Promise<Warning | null> {
    const sequence = sequenceOf(warningId);
    if (!Number.isInteger(sequence) || sequence < 1) return null;
    const out = await this.#db.send(
      new GetCommand({
        TableName: this.#table,
        Key: keys.warning(creditCodeOfWarning(warningId), sequence),
        ConsistentRead: true,
      }),
    );
    return out.Item ? strip<Warning>(out.Item) : null;
  }

  /**
   * A district's open warnings (one level, or levels 1 to 4 in turn: most severe first), or a post's
   * warnings of any status; each by its next deadline, overdue first. A status filter is applied in the
   * index (it projects `status`); a level filter on a post's list after the read (a page may come short).
   */
  async list(query: WarningListQuery): Promise<Page<Warning>> {
    const codec = this.#codec;
    const scope = `warnings:${query.district ?? ''}:${query.postId ?? ''}:${query.level ?? ''}:${query.status ?? ''}`;
    const position = query.cursor ? (await codec()).decode(query.cursor, scope) : null;
    const filter = query.status
      ? { filter: '#status = :status', names: { '#status': 'status' }, values: { ':status': query.status } }
      : {};
    const partitions = query.district
      ? (query.level ? [query.level] : [1, 2, 3, 4]).map((l) => ({
          index: OPEN,
          pk: keys.openWarnings(query.district as string, l),
        }))
      : [{ index: BY_POST, pk: keys.postWarnings(query.postId ?? '') }];
    let at = position ? Number(position.partition) : 0;
    let start = position?.key as Record<string, unknown> | undefined;
    const found: Record<string, unknown>[] = [];
    while (at < partitions.length && found.length < query.limit) {
      const { index, pk } = partitions[at] as (typeof partitions)[number];
      const out = await queryIndex(
        this.#db,
        this.#table,
        { index, partition: pk, forward: true, limit: query.limit - found.length, ...filter },
        start,
      );
      found.push(...out.items);
      start = out.last;
      if (!start) at++;
    }
    const items = await getAll(
      this.#db,
      this.#table,
      found.map((i) => ({ PK: String(i.PK), SK: String(i.SK) })),
      (item) => `${item.PK}|${item.SK}`,
    );
    const warnings = found.flatMap((i) => {
      const item = items.get(`${i.PK}|${i.SK}`);
      return item ? [strip<Warning>(item)] : [];
    });
    const more = at < partitions.length;
    return {
      items: query.level && !query.district ? warnings.filter((w) => w.level === query.level) : warnings,
      nextCursor: more
        ? (await codec()).encode({ partition: at, ...(start ? { key: start } : {}) }, scope)
        : null,
    };
  }
}
