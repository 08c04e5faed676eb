import type { Case } from '../../domain/case/model.ts';
import type { Consultation } from '../../domain/consultations/model.ts';
import { isMaskedForm, replaceSealable } from '../../domain/sealing/fields.ts';
import { maskPhone, maskResidentId } from '../../domain/shared/identifiers.ts';

/**
 * A case as the table gives it back: its ID numbers and phones in their masked form (the clear values are
 * sealed beside, see functions/adapters/dynamodb/sealed-items.ts), as plain JSON. Masking is idempotent, so
 * a case read back and the case written compare equal through this whatever store holds them.
 */
export function stored(c: Case | null | undefined): unknown {
  if (!c) return c ?? null;
  const masked = replaceSealable(c, (path, value) =>
    isMaskedForm(value) ? value : path.endsWith('.phone') ? maskPhone(value) : maskResidentId(value),
  );
  return JSON.parse(JSON.stringify(masked));
}

/** A consultation as the table gives it back: its worker's ID number and phone (and a person employer's) masked. */
export function storedConsultation(c: Consultation | null | undefined): unknown {
  if (!c) return c ?? null;
  const mask = (path: string, v: string) =>
    isMaskedForm(v) ? v : path.endsWith('phone') ? maskPhone(v) : maskResidentId(v);
  const { worker, employer } = c;
  return JSON.parse(
    JSON.stringify({
      ...c,
      worker: worker && {
        ...worker,
        ...(worker.idNumber === undefined ? {} : { idNumber: mask('id', worker.idNumber) }),
        ...(worker.phone === undefined ? {} : { phone: mask('phone', worker.phone) }),
      },
      employer:
        employer?.idNumber === undefined
          ? employer
          : { ...employer, idNumber: mask('id', employer.idNumber) },
    }),
  );
}
