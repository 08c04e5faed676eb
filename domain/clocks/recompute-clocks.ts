import type { CaseDeps } from '../case/ports.ts';
import { recomputed } from './clock.ts';
import { recordClockChange } from './record-clock-change.ts';

/**
 * Provisional deadlines (counted without a year's holiday calendar) are counted again from their start with
 * the calendar now in force (Civil Code art. 203 needs the State Council's data). Records CLOCKS_RECOMPUTED
 * with the old and new last days. Output: whether anything changed.
 */
export async function recomputeClocks(deps: CaseDeps, caseId: string): Promise<boolean> {
  const outcome = await recordClockChange<'unchanged'>(deps, caseId, (c, version) => {
    const changes: { clockId: string; from: string; to: string; provisional: boolean }[] = [];
    const clocks = (c.clocks ?? []).map((k) => {
      if (!k.provisional || k.status !== 'RUNNING') return k;
      const again = recomputed(k, deps.periods[k.clock], version, deps.calendar);
      if (!again) return k;
      changes.push({ clockId: k.clockId, from: k.dueOn, to: again.dueOn, provisional: again.provisional });
      return again;
    });
    if (changes.length === 0) return { skip: 'unchanged' };
    const mediation = clocks.find(
      (k) => k.status === 'RUNNING' && (k.clock === 'MEDIATION' || k.clock === 'COURT_DELEGATED_MEDIATION'),
    );
    return {
      patch: {
        clocks,
        ...(mediation
          ? { mediationDueAt: mediation.dueAt, mediationDueAtProvisional: mediation.provisional }
          : {}),
      },
      type: 'CLOCKS_RECOMPUTED',
      payload: { changes },
    };
  });
  return outcome === 'recorded';
}
