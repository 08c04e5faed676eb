import * as z from 'zod/mini';
import type { Case } from '../../case/model.ts';
import { shanghaiDate } from '../../clocks/legal-time.ts';
import { ValidationError } from '../../shared/errors.ts';
import { message } from '../../shared/messages.ts';
import { DATE, TEXT } from '../../shared/validation.ts';
import type { Patch } from '../definition.ts';

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

/** A date a partner reports as received (`servedOn`): not in the future, not before the decision. */
export function servedAfter(
  _c: Case,
  p: { servedOn: string; decidedOn: string },
  ctx: { now: string },
): Patch {
  if (p.servedOn < p.decidedOn) throw ValidationError.field('servedOn', message('field.notBeforeDecision'));
  if (p.servedOn > shanghaiDate(ctx.now))
    throw ValidationError.field('servedOn', message('field.notInFuture'));
  return {};
}
