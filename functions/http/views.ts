import type { Case } from '../../domain/case/model.ts';
import { maskMobile, maskResidentId } from '../../domain/shared/identifiers.ts';

/** A case as the API shows it: ID and phone numbers masked (PIPL: only what the reader needs). */
export function caseView(c: Case) {
  return {
    ...c,
    workers: c.workers.map((w) => ({
      name: w.name,
      idNumber: maskResidentId(w.idNumber),
      phone: maskMobile(w.phone),
    })),
  };
}
