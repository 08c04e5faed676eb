import type { Figures } from './figures.ts';

/** What GET /stats answers and a frozen report keeps: the agreed shape the dashboard reads too. */

export const GROUP_BY = ['month', 'post', 'district', 'category', 'origin', 'industry'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export interface StatsRow {
  readonly key: string;
  readonly figures: Figures;
}

export interface StatsAnswer {
  readonly from: string;
  readonly to: string;
  readonly groupBy: GroupBy;
  readonly postId: string | null;
  readonly rows: readonly StatsRow[];
  readonly totals: Figures;
}

/**
 * A month's report as published: the figures of every post for the month, frozen when an admin froze it,
 * with the SHA-256 of its canonical JSON so a copy can be checked against it (STYLE.md: a published
 * report is a frozen, hashed snapshot; late events change the live figures, never the report).
 */
export interface FrozenReport {
  readonly month: string;
  readonly frozenAt: string;
  readonly frozenBy: string;
  /** SHA-256 (hex) of `canonicalJson(figures)`. */
  readonly digest: string;
  readonly figures: StatsAnswer;
}

/** A figure that moved since the report was frozen: a late event, a correction. */
export interface FigureChange {
  /** The row's key (a post), or `totals`. */
  readonly row: string;
  /** The figure's path, e.g. `closedByManner.WITHDRAWN`. */
  readonly figure: string;
  readonly frozen: unknown;
  readonly live: unknown;
}
