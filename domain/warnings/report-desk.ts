import * as z from 'zod/mini';
import type { CommandReceipt } from '../case/ports.ts';
import type { Actor } from '../shared/actor.ts';
import { ForbiddenError, IllegalTransitionError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { message } from '../shared/messages.ts';
import { type Page, pageSize } from '../shared/page.ts';
import type { Clock } from '../shared/ports.ts';
import { parseOrThrow } from '../shared/validation.ts';
import type { ReportStatus } from './dispositions.ts';
import type { Warning } from './model.ts';
import type { WarningDeps } from './ports.ts';
import { readWarning } from './use-cases.ts';

/**
 * The disposition reports as people see them: on their warning, and listed while they need attention
 * (PENDING, or REJECTED: refused by the partner with a 4xx, or a partner the registry does not know). A
 * REJECTED report is lost for the joint part of the joint disposal until an admin sends it again.
 */
export interface ReportView {
  readonly reportId: string;
  readonly warningId: string;
  readonly creditCode: string;
  readonly partnerId: string;
  /** The post the warning was dispatched to when disposed (null for reports written before it was kept). */
  readonly postId: string | null;
  readonly status: ReportStatus;
  readonly createdAt: string;
  readonly settledAt: string | null;
  /** Why it was refused (REJECTED), or the partner's reference (DELIVERED). */
  readonly detail: string | null;
  /** The partner's reference for what it took: DELIVERED only. */
  readonly reference: string | null;
  /** Times sent again by the sweep while PENDING (the stream's retries ran out). */
  readonly redrives: number;
  /** Each time an admin sent it again after a refusal: who, when, and the refusal it answered. */
  readonly resends: readonly ReportResend[];
}

export interface ReportResend {
  readonly at: string;
  readonly by: string;
  readonly rejectedAt: string | null;
  readonly detail: string | null;
}

/** The statuses a list may ask for: the ones that need someone's attention. */
export const LISTED_REPORT_STATUSES = ['PENDING', 'REJECTED'] as const;
export type ListedReportStatus = (typeof LISTED_REPORT_STATUSES)[number];

export interface ReportListQuery {
  readonly status: ListedReportStatus;
  /** Only this post's warnings' reports (a supervisor); none for admins. */
  readonly postId?: string;
  readonly limit: number;
  readonly cursor?: string;
}

/** The reports' reads and the resend, on the outbox items beside their warnings. */
export interface ReportDesk {
  /** A disposed warning's reports, in its employer's partition (one Query). */
  ofWarning(warning: Pick<Warning, 'warningId' | 'creditCode'>): Promise<ReportView[]>;
  get(reportId: string): Promise<ReportView | null>;
  /** Oldest first, through the sparse list of its status. */
  list(query: ReportListQuery): Promise<Page<ReportView>>;
  /**
   * REJECTED → PENDING, conditionally (a new image the stream brings to the consumer again, same
   * `webhook-id`), with the resend recorded and the receipt in the same write; null when it was not
   * REJECTED any more. CommandAlreadyDone when the receipt was taken.
   */
  resend(
    report: ReportView,
    resend: ReportResend,
    receipt?: (next: ReportView) => CommandReceipt,
  ): Promise<ReportView | null>;
}

export interface ReportDeskDeps {
  readonly warnings: WarningDeps['warnings'];
  readonly reports: ReportDesk;
  readonly clock: Clock;
}

/** A report id: `<warning id>.disposition.<partner id>`. */
export const REPORT_ID = z
  .string()
  .check(
    z.regex(
      /^[0-9A-HJ-NPQRTUWXY]{18}-\d{1,6}\.disposition\.[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/,
      'must be a disposition report id (warning id.disposition.partner id)',
    ),
  );

/** `GET /disposition-reports` query. */
export const reportQuerySchema = z.strictObject({
  status: z.enum(LISTED_REPORT_STATUSES, 'must be PENDING or REJECTED'),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
  limit: z.optional(z.string().check(z.regex(/^\d{1,3}$/, 'must be a whole number from 1 to 100'))),
});

/** A warning with its disposition reports (`GET /warnings/{id}`). */
export interface WarningWithReports {
  readonly warning: Warning;
  readonly reports: readonly ReportView[];
}

/**
 * `GET /warnings/{warningId}`: the warning (one GetItem) and, once disposed, its reports (one Query of
 * the employer's partition: `DISPOSITION#<warningId>.…`). A warning never disposed has none, so it costs
 * nothing more; the two items are not adjacent in the partition (the signals lie between), so they are
 * not one Query.
 */
export async function readWarningWithReports(
  deps: ReportDeskDeps,
  actor: Actor,
  warningId: string,
): Promise<WarningWithReports> {
  const warning = await readWarning(deps, actor, warningId);
  const reports = warning.disposition ? await deps.reports.ofWarning(warning) : [];
  return { warning, reports };
}

/**
 * `GET /disposition-reports?status=`: the reports needing attention, oldest first. Admins see all;
 * supervisors only their post's warnings' — warnings belong to the post they are dispatched to
 * (lifecycle.ts `mayHandle`), and a report keeps that post. Mediators act on warnings, not on reports.
 */
export async function listReports(
  deps: ReportDeskDeps,
  actor: Actor,
  query: unknown,
): Promise<Page<ReportView>> {
  if (actor.role !== 'admin' && actor.role !== 'supervisor') {
    throw new ForbiddenError(message('report.listRoles', { role: actor.role }));
  }
  const q = parseOrThrow(reportQuerySchema, query);
  return deps.reports.list({
    status: q.status,
    ...(actor.role === 'admin' ? {} : { postId: actor.postId }),
    limit: pageSize(q.limit === undefined ? undefined : Number(q.limit)),
    ...(q.cursor ? { cursor: q.cursor } : {}),
  });
}

/**
 * `POST /disposition-reports/{reportId}/resend` (admins): a REJECTED report goes back to PENDING and is
 * sent again with the same `webhook-id` (the partner discards a repeat); who and when are recorded. 409
 * when it is not REJECTED (pending or delivered: nothing to send again), 404 when unknown.
 */
export async function resendReport(
  deps: ReportDeskDeps,
  actor: Actor,
  reportId: string,
  receipt?: (next: ReportView) => CommandReceipt,
): Promise<ReportView> {
  if (actor.role !== 'admin') throw new ForbiddenError(message('report.resendAdmin'));
  if (!REPORT_ID.safeParse(reportId).success) {
    throw ValidationError.field('reportId', message('report.id'));
  }
  const report = await deps.reports.get(reportId);
  if (!report) throw new NotFoundError('disposition report', reportId);
  const refused = () =>
    new IllegalTransitionError(report.status, 'RESEND', [], message('report.resendRejectedOnly'));
  if (report.status !== 'REJECTED') throw refused();
  const resend: ReportResend = {
    at: deps.clock.now(),
    by: actor.sub,
    rejectedAt: report.settledAt,
    detail: report.detail,
  };
  const next = await deps.reports.resend(report, resend, receipt);
  if (!next) throw refused();
  return next;
}
