import * as z from 'zod';
import { POST_ID } from '../../../domain/shared/validation.ts';
import {
  CLOSURE_MANNERS,
  CONSULTATION_CHANNELS,
  COUNTED_CATEGORIES,
  COUNTED_ORIGINS,
  METRICS,
} from '../../../domain/statistics/metrics.ts';
import { GROUP_BY } from '../../../domain/statistics/model.ts';
import type { RouteDoc } from './route-doc.ts';

const count = z.number().int();
const share = z.number().min(0).max(1).nullable();
const each = (names: readonly string[]) => z.strictObject(Object.fromEntries(names.map((n) => [n, count])));
const described = (id: string) => METRICS.find((m) => m.id === id)?.definition ?? id;
const fig = <T extends z.ZodType>(id: string, schema: T) => schema.meta({ description: described(id) });

/** The figures of one row (domain/statistics/figures.ts), each described by the metric dictionary. */
export const FiguresView = z
  .strictObject({
    carriedOver: fig('carriedOver', count),
    received: fig('received', count),
    receivedByOrigin: fig('receivedByOrigin', each(COUNTED_ORIGINS)),
    collective: fig('collective', count),
    workers: fig('workers', count),
    workersInCollective: fig('workersInCollective', count),
    byCategory: fig('byCategory', each(COUNTED_CATEGORIES)),
    newEmploymentForm: fig('newEmploymentForm', count),
    closed: fig('closed', count),
    closedByManner: fig('closedByManner', each(CLOSURE_MANNERS)),
    mediationSuccessRate: fig('mediationSuccessRate', share),
    closedOnTime: fig('closedOnTime', count),
    closedOnTimeRate: fig('closedOnTimeRate', share),
    daysToCloseMean: fig('daysToCloseMean', z.number().nullable()),
    daysToCloseMedian: fig('daysToCloseMedian', z.number().nullable()),
    claimedFen: fig('claimedFen', count),
    agreedFen: fig('agreedFen', count),
    recoveredFen: fig('recoveredFen', count),
    consultations: fig('consultations', count),
    consultationsByChannel: fig('consultationsByChannel', each(CONSULTATION_CHANNELS)),
  })
  .meta({ id: 'Figures' });

export const StatsView = z
  .strictObject({
    from: z.string(),
    to: z.string(),
    groupBy: z.enum(GROUP_BY),
    postId: z.string().nullable().meta({ description: 'the post asked for; null: every post (admins)' }),
    rows: z.array(z.strictObject({ key: z.string(), figures: FiguresView })),
    totals: FiguresView,
  })
  .meta({ id: 'Stats' });

export const ReportView = z
  .strictObject({
    month: z.string(),
    frozenAt: z.string(),
    frozenBy: z.string(),
    digest: z
      .string()
      .meta({ description: 'SHA-256 (hex) of the canonical JSON of `figures` (keys sorted)' }),
    figures: StatsView,
  })
  .meta({ id: 'Report' });

const Change = z.strictObject({
  row: z.string().meta({ description: 'the post, or `totals`' }),
  figure: z.string().meta({ description: 'e.g. `closedByManner.WITHDRAWN`' }),
  frozen: z.unknown(),
  live: z.unknown(),
});

const MONTH = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const Month = z.strictObject({ month: MONTH.meta({ description: 'YYYY-MM (Shanghai business month)' }) });
const json = (schema: z.ZodType) => ({ 'application/json': schema });

/** The statistics routes' entries of ROUTE_DOCS. */
export const STATS_ROUTE_DOCS: Readonly<Record<string, RouteDoc>> = {
  'GET /stats': {
    description: [
      'The figures of the metric dictionary (docs/statistics.md) for the months from `from` to `to`, one row per month, post, district, claim category, origin or industry section, and the totals. Months are Shanghai business dates (received, closed), never processing time; the figures follow the cases within seconds (a stream consumer keeps them).',
      'Mediators and supervisors see their own post (another `postId` is a 403); admins name a post, or see every post. With `Accept: text/csv` the same table as CSV (UTF-8 with a byte-order mark, one row per key and a totals row).',
    ].join('\n\n'),
    query: z.strictObject({
      from: MONTH.meta({ description: 'first month, YYYY-MM' }),
      to: MONTH.meta({ description: 'last month, YYYY-MM (at most 60 months after from)' }),
      groupBy: z.enum(GROUP_BY),
      postId: z.optional(POST_ID).meta({ description: 'admins: one post; others: their own or nothing' }),
    }),
    success: {
      status: 200,
      description: 'Rows and totals (JSON), or the CSV table',
      content: { ...json(StatsView), 'text/csv': z.string() },
    },
  },
  'POST /reports/{month}': {
    description:
      "Admins: freezes the month's figures of every post with the SHA-256 of their canonical JSON. 201 when frozen now; 200 with the stored report when the month was frozen before (it never changes).",
    path: Month,
    success: { status: 201, description: 'The frozen report', content: json(ReportView) },
    errors: [404],
  },
  'GET /reports/{month}': {
    description:
      'The frozen report exactly as frozen, and `changedSince`: each figure the live counters now give differently (late events, corrections).',
    path: Month,
    success: {
      status: 200,
      description: 'The report and what changed since',
      content: json(
        z.strictObject({ report: ReportView, changedSince: z.array(Change) }).meta({ id: 'ReportRead' }),
      ),
    },
    errors: [404],
  },
};
