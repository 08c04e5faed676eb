import type { CaseDeps } from '../../domain/case/ports.ts';
import { refOf } from '../../domain/handoffs/model.ts';
import type { HandoffDeps } from '../../domain/handoffs/ports.ts';
import { recordDelivery } from '../../domain/handoffs/record-outcome.ts';
import type { PartnerKind } from '../../domain/shared/destinations.ts';

/**
 * What the pipeline does before a partner can answer: the handoff to it, still PENDING, is delivered (the
 * partner acknowledged it with `reference`). A partner acts on a case only once it is (issue 22).
 */
export async function deliverFirst(
  deps: HandoffDeps & Pick<CaseDeps, 'cases'>,
  partner: { readonly kind: PartnerKind; readonly id: string },
  caseId: string,
  reference = 'RECEIVED-1',
): Promise<void> {
  const h = (await deps.cases.get(caseId))?.lastHandoff;
  if (h?.status !== 'PENDING' || h.destination.kind !== partner.kind || h.destination.id !== partner.id)
    return;
  const record = await deps.handoffs.findHandoff(h.handoffId);
  if (record) await recordDelivery(deps, refOf(record), reference);
}
