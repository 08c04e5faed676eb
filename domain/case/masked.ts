import { redactPersonalData as mask, maskPhone, maskResidentId } from '../shared/identifiers.ts';
import { redactDeep } from '../shared/masking.ts';
import { type Agreement, type Case, employerOf } from './model.ts';

/**
 * A case as a reader outside the partner docket sees it (PIPL art. 6: only what the reader needs): each
 * worker's ID and phone number masked, and so an employer's ID number when the employer is a person (a
 * natural person, a work team's head); every free-text field — the summary, the claims' and the
 * agreement's wording, the outcome, names — with anything shaped like an ID, mobile or landline number
 * masked by the same function that masks events and logs — and then every string at every depth again
 * (`redactDeep`), so a field added later (a nested reason, a partner's note) is never shown raw.
 */
export function maskedCase(c: Case): Case {
  return redactDeep({
    ...c,
    summary: mask(c.summary),
    platform: c.platform === null ? null : mask(c.platform),
    outcome: c.outcome === null ? null : mask(c.outcome),
    employer: maskedEmployer(c.employer),
    claims: c.claims.map((claim) => ({ ...claim, description: mask(claim.description) })),
    agreement: c.agreement === null ? null : maskedAgreement(c.agreement),
    source: c.source ? { ...c.source, reference: mask(c.source.reference) } : null,
    decisions: (c.decisions ?? []).map((d) => ({
      ...d,
      reference: d.reference === null ? null : mask(d.reference),
    })),
    award: c.award ? { ...c.award, reference: mask(c.award.reference) } : null,
    workers: c.workers.map((w) => ({
      name: mask(w.name),
      idNumber: maskResidentId(w.idNumber),
      phone: maskPhone(w.phone),
    })),
    // Agents' personal data as a worker's (LDMAL arts. 24–25 record them; PIPL masks them). Older cases have none.
    ...(c.agents
      ? {
          agents: c.agents.map((a) => ({
            ...a,
            name: mask(a.name),
            ...(a.relationship === undefined ? {} : { relationship: mask(a.relationship) }),
            ...(a.idNumber === undefined ? {} : { idNumber: maskResidentId(a.idNumber) }),
            ...(a.phone === undefined ? {} : { phone: maskPhone(a.phone) }),
          })),
        }
      : {}),
    ...(c.oralRecord ? { oralRecord: { ...c.oralRecord, facts: mask(c.oralRecord.facts) } } : {}),
    ...(c.mediationDecision?.reason
      ? { mediationDecision: { ...c.mediationDecision, reason: mask(c.mediationDecision.reason) } }
      : {}),
  });
}

/** The employer with its kind spelled out (older cases hold none: organisations), a person's ID masked. */
function maskedEmployer(employer: Case['employer']): Case['employer'] {
  const e = employerOf(employer);
  return {
    ...e,
    name: mask(e.name),
    ...(e.idNumber === undefined ? {} : { idNumber: maskResidentId(e.idNumber) }),
  };
}

/** The agreement's wording and its employer signatory's name, masked like any free text. */
function maskedAgreement(a: Agreement): Agreement {
  const { signatures } = a;
  return {
    ...a,
    terms: mask(a.terms),
    ...(signatures
      ? {
          signatures: {
            ...signatures,
            employer: { ...signatures.employer, representative: mask(signatures.employer.representative) },
          },
        }
      : {}),
  };
}
