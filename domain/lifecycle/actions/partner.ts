import * as z from 'zod/mini';
import { DATE, TEXT } from '../../shared/validation.ts';

/**
 * What every decision a court or arbitration institute reports carries: the date it was made (a Shanghai
 * calendar date, never in the future: checked by decide) and, for most, the partner's own reference.
 */
export const REFERENCE = TEXT(64);
export const DECIDED_ON = DATE;
export const REASON = TEXT(2000);

/** A partner decision with its reference. */
// biome-ignore lint/complexity/noBannedTypes: an empty default shape keeps the fields' types exact
export const referenced = <S extends z.core.$ZodShape = {}>(shape?: S) =>
  z.strictObject({ reference: REFERENCE, decidedOn: DECIDED_ON, ...(shape ?? ({} as S)) });

/** A partner decision with its reasons (a refusal, an objection). */
// biome-ignore lint/complexity/noBannedTypes: as above
export const reasoned = <S extends z.core.$ZodShape = {}>(shape?: S) =>
  z.strictObject({ reason: REASON, decidedOn: DECIDED_ON, ...(shape ?? ({} as S)) });
