import type { PartnerDirectory, WebhookSender } from '../handoffs/ports.ts';
import { redactPersonalData } from '../shared/identifiers.ts';
import { SYSTEM_SOURCE } from './case-signals.ts';
import type { Warning } from './model.ts';

/**
 * A disposition to report back to one monitoring partner whose signals fired the warning: an outbox item
 * written in the same transaction as the disposed warning, delivered once as a signed Standard Webhooks
 * message whose `webhook-id` is `reportId` (the partner discards a repeat).
 */
export interface DispositionReport {
  readonly reportId: string;
  readonly warningId: string;
  readonly creditCode: string;
  readonly partnerId: string;
  /** The JSON body, exactly as signed and sent. */
  readonly body: string;
}

/**
 * The reports of a disposed warning, one per monitoring partner among its sources. The body names the
 * warning, employer (credit code: public registry data), level, the disposition and when; a note's free
 * text has ID and phone numbers redacted. The employer's name is not sent back (the partner has it).
 */
export function dispositionReports(w: Warning, at: string): DispositionReport[] {
  if (w.status !== 'DISPOSED' || !w.disposition) return [];
  const disposition =
    w.disposition.kind === 'NO_RISK'
      ? { ...w.disposition, note: redactPersonalData(w.disposition.note) }
      : w.disposition;
  const body = JSON.stringify({
    type: 'warning.disposed',
    timestamp: at,
    warning: {
      warningId: w.warningId,
      creditCode: w.creditCode,
      level: w.level,
      district: w.district,
      ruleVersion: w.ruleVersion,
      rules: w.fired.map((f) => f.ruleId),
      disposition,
      disposedAt: at,
    },
  });
  return [...new Set(w.sources)]
    .filter((s) => s !== SYSTEM_SOURCE)
    .sort()
    .map((partnerId) => ({
      reportId: `${w.warningId}.disposition.${partnerId}`,
      warningId: w.warningId,
      creditCode: w.creditCode,
      partnerId,
      body,
    }));
}

export type ReportStatus = 'PENDING' | 'DELIVERED' | 'REJECTED';

export interface DispositionReportStore {
  /**
   * Records how a report ended, once: false when it had already ended (a copy delivered again by the
   * stream changes nothing).
   */
  settle(
    report: DispositionReport,
    status: Exclude<ReportStatus, 'PENDING'>,
    detail: string | null,
  ): Promise<boolean>;
}

export interface DispositionDeliveryDeps {
  readonly partners: PartnerDirectory;
  readonly sender: WebhookSender;
  readonly reports: DispositionReportStore;
}

/** How a delivery ended: done (delivered, refused, or the partner unknown), or to try again later. */
export type DispositionOutcome =
  | { readonly kind: 'settled'; readonly status: 'DELIVERED' | 'REJECTED' }
  | { readonly kind: 'retry'; readonly reason: string };

/**
 * Sends one disposition report to its monitoring partner, signed with the partner's secrets (every
 * active one), `webhook-id` the report's id, and records the end. A partner unknown to the registry or
 * refusing the message (4xx) ends it REJECTED (sending again cannot help); 5xx and timeouts are retried.
 */
export async function deliverDisposition(
  deps: DispositionDeliveryDeps,
  report: DispositionReport,
): Promise<DispositionOutcome> {
  const partner = await deps.partners.find('MONITORING', report.partnerId);
  if (!partner) {
    await deps.reports.settle(report, 'REJECTED', `no monitoring partner ${report.partnerId}`);
    return { kind: 'settled', status: 'REJECTED' };
  }
  const outcome = await deps.sender.send(partner, report.reportId, report.body, async () => {});
  if (outcome.kind === 'unavailable') return { kind: 'retry', reason: outcome.reason };
  const status = outcome.kind === 'delivered' ? 'DELIVERED' : 'REJECTED';
  await deps.reports.settle(
    report,
    status,
    outcome.kind === 'delivered' ? outcome.reference : outcome.reason,
  );
  return { kind: 'settled', status };
}

/** The reports the stream gave up on: still PENDING long after they were written or last sent. */
export interface PendingReports {
  stale(before: string): Promise<DispositionReport[]>;
  /** Sends one again (a new image of its item); false when it was settled meanwhile. */
  redrive(report: DispositionReport, at: string): Promise<boolean>;
}

/** How long a report may stay PENDING before the sweep sends it again: well inside the stream's day. */
export const REDRIVE_AFTER_MS = 6 * 60 * 60 * 1000;

/**
 * With the reminder sweep: every report still PENDING `REDRIVE_AFTER_MS` after it was written (or last
 * sent again) is sent again, so a partner down for longer than the stream's retries still gets it once
 * (its `webhook-id` is unchanged). Returns how many were sent again.
 */
export async function redriveStaleReports(store: PendingReports, at: string): Promise<number> {
  const before = new Date(Date.parse(at) - REDRIVE_AFTER_MS).toISOString();
  let sent = 0;
  for (const report of await store.stale(before)) if (await store.redrive(report, at)) sent++;
  return sent;
}
