import type { Case, CaseEvent } from '../case/model.ts';
import type { CaseDeps } from '../case/ports.ts';
import { NotFoundError, VersionConflictError } from '../shared/errors.ts';
import { recomputed } from './clock.ts';
import { CLOCK_ACTOR } from './expire-clock.ts';

const RETRIES = 5;

/**
 * Provisional deadlines (counted without a year's holiday calendar) are counted again from their start with
 * the calendar now in force (Civil Code art. 203 needs the State Council's data). Records CLOCKS_RECOMPUTED
 * with the old and new last days. Output: whether anything changed.
 */
export async function recomputeClocks(deps: CaseDeps, caseId: string): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const c = await deps.cases.get(caseId);
    if (!c) throw new NotFoundError('case', caseId);
    const version = c.version + 1;
    const changes: { clockId: string; from: string; to: string; provisional: boolean }[] = [];
    const clocks = (c.clocks ?? []).map((k) => {
      if (!k.provisional || k.status !== 'RUNNING') return k;
      const again = recomputed(k, deps.periods[k.clock], version, deps.calendar);
      if (!again) return k;
      changes.push({ clockId: k.clockId, from: k.dueOn, to: again.dueOn, provisional: again.provisional });
      return again;
    });
    if (changes.length === 0) return false;
    const now = deps.clock.now();
    const mediation = clocks.find(
      (k) => k.status === 'RUNNING' && (k.clock === 'MEDIATION' || k.clock === 'COURT_DELEGATED_MEDIATION'),
    );
    const next: Case = {
      ...c,
      clocks,
      ...(mediation
        ? { mediationDueAt: mediation.dueAt, mediationDueAtProvisional: mediation.provisional }
        : {}),
      version,
      updatedAt: now,
    };
    const event: CaseEvent = {
      caseId,
      version,
      seq: 0,
      type: 'CLOCKS_RECOMPUTED',
      action: 'CLOCKS_RECOMPUTED',
      actor: CLOCK_ACTOR,
      at: now,
      from: c.status,
      to: c.status,
      payload: { changes },
    };
    try {
      await deps.cases.save({ next, events: [event], outbox: [] }, c.version);
      return true;
    } catch (error) {
      if (!(error instanceof VersionConflictError) || attempt >= RETRIES) throw error;
    }
  }
}
