import type { Case } from '../case/model.ts';

/**
 * Which fields of a case are sealed at rest: the workers', a natural-person employer's and the agents' ID
 * numbers and phones (PIPL art. 28: ID numbers are sensitive personal information; art. 51: encryption).
 * Each is named by its path, as a 400 names a field: `workers[0].idNumber`, `employer.idNumber`.
 */
export const SEALED_FIELD =
  /^(?:workers\[(\d+)\]\.(idNumber|phone)|employer\.idNumber|agents\[(\d+)\]\.(idNumber|phone))$/;

/** A field value as the table holds it once sealed: its masked form (a `*` never occurs in a clear one). */
export const isMaskedForm = (value: string) => value.includes('*');

/** The case's sealable values by path, in a fixed order (present ones only). */
export function sealableValues(c: Case): { readonly path: string; readonly value: string }[] {
  const out: { path: string; value: string }[] = [];
  c.workers.forEach((w, i) => {
    out.push({ path: `workers[${i}].idNumber`, value: w.idNumber });
    out.push({ path: `workers[${i}].phone`, value: w.phone });
  });
  if (c.employer.idNumber !== undefined) out.push({ path: 'employer.idNumber', value: c.employer.idNumber });
  (c.agents ?? []).forEach((a, i) => {
    if (a.idNumber !== undefined) out.push({ path: `agents[${i}].idNumber`, value: a.idNumber });
    if (a.phone !== undefined) out.push({ path: `agents[${i}].phone`, value: a.phone });
  });
  return out;
}

/** The case with each sealable value replaced by `replace(path, value)` (its masked form, or its clear one). */
export function replaceSealable(c: Case, replace: (path: string, value: string) => string): Case {
  const employerId = c.employer.idNumber;
  return {
    ...c,
    workers: c.workers.map((w, i) => ({
      ...w,
      idNumber: replace(`workers[${i}].idNumber`, w.idNumber),
      phone: replace(`workers[${i}].phone`, w.phone),
    })),
    employer:
      employerId === undefined
        ? c.employer
        : { ...c.employer, idNumber: replace('employer.idNumber', employerId) },
    ...(c.agents
      ? {
          agents: c.agents.map((a, i) => ({
            ...a,
            ...(a.idNumber === undefined ? {} : { idNumber: replace(`agents[${i}].idNumber`, a.idNumber) }),
            ...(a.phone === undefined ? {} : { phone: replace(`agents[${i}].phone`, a.phone) }),
          })),
        }
      : {}),
  };
}
