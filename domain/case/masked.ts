import { redactPersonalData as mask, maskMobile, maskResidentId } from '../shared/identifiers.ts';
import type { Case } from './model.ts';

/**
 * A case as a reader outside the partner docket sees it (PIPL art. 6: only what the reader needs): each
 * worker's ID and mobile number masked, and every free-text field — the summary, the claims' and the
 * agreement's wording, the outcome, names — with anything shaped like an ID or mobile number masked by
 * the same function that masks events and logs.
 */
export function maskedCase(c: Case): Case {
  return {
    ...c,
    summary: mask(c.summary),
    platform: c.platform === null ? null : mask(c.platform),
    outcome: c.outcome === null ? null : mask(c.outcome),
    employer: { ...c.employer, name: mask(c.employer.name) },
    claims: c.claims.map((claim) => ({ ...claim, description: mask(claim.description) })),
    agreement: c.agreement === null ? null : { ...c.agreement, terms: mask(c.agreement.terms) },
    source: c.source ? { ...c.source, reference: mask(c.source.reference) } : null,
    decisions: (c.decisions ?? []).map((d) => ({
      ...d,
      reference: d.reference === null ? null : mask(d.reference),
    })),
    award: c.award ? { ...c.award, reference: mask(c.award.reference) } : null,
    workers: c.workers.map((w) => ({
      name: mask(w.name),
      idNumber: maskResidentId(w.idNumber),
      phone: maskMobile(w.phone),
    })),
  };
}
