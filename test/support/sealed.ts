import type { Case } from '../../domain/case/model.ts';
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
