import * as z from 'zod';
import { LISTED_REPORT_STATUSES } from '../../../domain/warnings/report-desk.ts';
import { INSTANT } from './case-view.ts';
import type { RouteDoc } from './route-doc.ts';
import { pageOf } from './schemas.ts';

/**
 * The disposition reports' routes (docs/warnings.md, "The disposition reported back"): what became of
 * each report of a disposed warning to a monitoring partner, the ones needing attention, and the resend
 * of a refused one.
 */

export const DispositionReportView = z
  .strictObject({
    reportId: z.string().meta({ description: '<warning id>.disposition.<partner id>; its webhook-id' }),
    warningId: z.string(),
    creditCode: z.string(),
    partnerId: z.string().meta({ description: 'the monitoring partner whose signals raised the warning' }),
    postId: z.string().nullable().meta({ description: 'the post the warning was dispatched to' }),
    status: z.enum(['PENDING', 'DELIVERED', 'REJECTED']).meta({
      description:
        'PENDING until sent; DELIVERED with the partner’s reference; REJECTED when the partner refused it (4xx) or the registry does not know it',
    }),
    createdAt: INSTANT,
    settledAt: INSTANT.nullable(),
    detail: z.string().nullable().meta({ description: 'why it was refused, or the partner’s reference' }),
    reference: z.string().nullable().meta({ description: 'the partner’s reference (DELIVERED only)' }),
    redrives: z.number().int().meta({ description: 'times the sweep sent it again while PENDING' }),
    resends: z
      .array(
        z.strictObject({
          at: INSTANT,
          by: z.string().meta({ description: 'the admin who sent it again' }),
          rejectedAt: INSTANT.nullable(),
          detail: z.string().nullable().meta({ description: 'the refusal it answered' }),
        }),
      )
      .meta({ description: 'each time an admin sent it again after a refusal' }),
  })
  .meta({ id: 'DispositionReport', description: 'A disposition reported back to a monitoring partner.' });

const ReportId = z.strictObject({
  reportId: z
    .string()
    .meta({ description: 'the disposition report (<warning id>.disposition.<partner id>)' }),
});

/** The disposition reports' entries of ROUTE_DOCS. */
export const DISPOSITION_REPORT_ROUTE_DOCS: Readonly<Record<string, RouteDoc>> = {
  'GET /disposition-reports': {
    description:
      "Disposition reports needing attention, oldest first: `PENDING` (not yet taken by the partner) or `REJECTED` (refused with a 4xx, or a partner the registry does not know). Admins see all; supervisors only their post's warnings'.",
    query: z.strictObject({
      status: z.enum(LISTED_REPORT_STATUSES),
      cursor: z.string().optional(),
      limit: z.string().optional(),
    }),
    success: {
      status: 200,
      description: 'A page of disposition reports',
      content: { 'application/json': pageOf(DispositionReportView, 'DispositionReportPage') },
    },
    errors: [403],
  },
  'POST /disposition-reports/{reportId}/resend': {
    description:
      'Sends a REJECTED report again (admins): back to PENDING, delivered by the stream consumer with the same webhook-id; who and when are recorded. An Idempotency-Key gives a retry the first answer.',
    path: ReportId,
    success: {
      status: 200,
      description: 'The report, PENDING again',
      content: { 'application/json': DispositionReportView },
    },
    errors: [403, 404, 409],
  },
};
