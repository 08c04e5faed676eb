import * as z from 'zod/mini';
import type { VerifiedPartner } from '../callbacks/handle-event.ts';
import { ValidationError } from '../shared/errors.ts';
import { parseOrThrow } from '../shared/validation.ts';
import { type Ingested, type IngestReceipt, ingestPartnerSignal } from './ingest.ts';
import type { WarningDeps } from './ports.ts';

/** The event types a monitoring partner sends. */
export const MONITORING_EVENT_TYPES = ['monitoring.signal'] as const;

const MonitoringEnvelope = z.strictObject({
  type: z.enum(MONITORING_EVENT_TYPES, 'must be monitoring.signal for a monitoring partner'),
  data: z.record(z.string(), z.unknown(), 'must be an object'),
});

/**
 * One callback of a monitoring partner (`POST /partners/{partnerId}/callbacks`, signature verified):
 * `{ type: 'monitoring.signal', data }`, the signal recorded and its employer evaluated (ingest.ts).
 */
export async function handleMonitoringEvent(
  deps: WarningDeps,
  partner: VerifiedPartner,
  body: unknown,
  options: { readonly receipt?: IngestReceipt } = {},
): Promise<Ingested> {
  if (partner.kind !== 'MONITORING')
    throw ValidationError.field('type', 'must be sent by a monitoring partner');
  const envelope = parseOrThrow(MonitoringEnvelope, body);
  return ingestPartnerSignal(deps, partner.id, envelope.data, options);
}
