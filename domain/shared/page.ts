import { ValidationError } from './errors.ts';

/**
 * A page of results and an opaque cursor for the next one. Null means there is no more; a store that cannot
 * know (DynamoDB, when a page ends exactly at the limit) may give a cursor that leads to an empty page.
 */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** A page of a case's events or handoffs, optionally cut off after a case version. */
export interface PartitionPage {
  readonly limit: number;
  readonly cursor?: string;
  readonly untilVersion?: number;
}

/** What a caller asks of a list. */
export interface PageRequest {
  readonly limit?: number;
  readonly cursor?: string;
}

/** Page sizes the lists accept. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export function pageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw ValidationError.field('limit', `must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  }
  return limit;
}
